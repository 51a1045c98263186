package org.latent4j.models.vae;

import org.latent4j.random.RandomSource;
import org.latent4j.tensor.RowLosses;
import org.latent4j.tensor.Tensor;

/**
 * Bernoulli likelihood with logits l: log p(x|z) = Σ_d x_d l_d − softplus(l_d), the negative of binary
 * cross-entropy. Used on grey levels in [0, 1] as the reference PyTorch VAE does (then it is not a
 * normalized density over [0, 1]; see {@link ContinuousBernoulliLikelihood}).
 */
public final class BernoulliLikelihood extends Likelihood {
    @Override
    public LikelihoodKind kind() {
        return LikelihoodKind.BERNOULLI;
    }

    @Override
    public Tensor logProb(Tensor logits, Tensor x) {
        return RowLosses.bernoulliNll(logits, x).neg();
    }

    @Override
    public Tensor mean(Tensor logits) {
        return logits.sigmoid();
    }

    @Override
    public Tensor sample(Tensor logits, RandomSource rng) {
        float[] p = logits.sigmoid().data();
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = rng.nextFloat() < p[i] ? 1f : 0f;
        }
        return Tensor.of(out, logits.shape());
    }
}
