package org.latent4j.nn;

import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * Inverted dropout (Srivastava et al., JMLR 2014): in training mode each element is zeroed with
 * probability p and the rest scaled by 1/(1−p), so evaluation mode is the identity.
 */
public final class Dropout extends Layer {
    private final double p;
    private final RandomSource rng;

    public Dropout(double p, RandomSource rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout: probability must be in [0, 1), got " + p);
        }
        this.p = p;
        this.rng = rng;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        float keep = (float) (1 - p);
        float[] mask = new float[x.numel()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() < p ? 0f : 1f / keep;
        }
        return x.mul(Tensor.of(mask, x.shape()));
    }

    public double probability() {
        return p;
    }
}
