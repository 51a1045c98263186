package org.latent4j.nn;

import java.util.Arrays;
import org.latent4j.tensor.Tensor;

/**
 * Layer normalization (Ba, Kiros and Hinton, 2016) over the trailing dimensions, as PyTorch's
 * {@code nn.LayerNorm(normalized_shape)}: each example is normalized by the mean and biased variance of
 * its values in the last D dimensions (D the length of the normalized shape),
 * y = (x − μ) / √(σ² + ε) ⊙ γ + β, with elementwise {@code weight} γ (ones) and {@code bias} β (zeros)
 * of the normalized shape; eps 1e-5. No statistic mixes examples, so it suits a WGAN-GP critic, whose
 * gradient penalty is taken per example.
 */
public final class LayerNorm extends Layer {
    public static final double EPS = 1e-5;

    private final int[] normalizedShape;
    private final double eps;
    private final Tensor weight;
    private final Tensor bias;

    /** Normalizes over the trailing dimensions {@code normalizedShape}, with eps 1e-5. */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, EPS);
    }

    public LayerNorm(int[] normalizedShape, double eps) {
        if (normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("LayerNorm: the normalized shape must have at least one dimension, all"
                    + " >= 1, got " + Arrays.toString(normalizedShape));
        }
        if (!(eps > 0 && eps < 1)) {
            throw new IllegalArgumentException("LayerNorm: eps must be in (0, 1), got " + eps);
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = parameter("weight", Tensor.ones(normalizedShape));
        this.bias = parameter("bias", Tensor.zeros(normalizedShape));
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] shape = x.shape();
        int d = normalizedShape.length;
        if (shape.length < d || !Arrays.equals(Arrays.copyOfRange(shape, shape.length - d, shape.length), normalizedShape)) {
            throw new IllegalArgumentException("LayerNorm: expected input [*, " + Arrays.toString(normalizedShape)
                    .replaceAll("[\\[\\]]", "") + "] (the last dimensions equal to the normalized shape), got shape "
                    + Arrays.toString(shape));
        }
        int[] axes = new int[d];
        for (int i = 0; i < d; i++) {
            axes[i] = shape.length - d + i;
        }
        return Moments.of(x, axes).standardized((float) eps).mul(weight).add(bias);
    }

    /** The trailing shape normalized over (a copy). */
    public int[] normalizedShape() {
        return normalizedShape.clone();
    }

    /** γ, the elementwise scale (a parameter). */
    public Tensor weight() {
        return weight;
    }

    /** β, the elementwise shift (a parameter). */
    public Tensor bias() {
        return bias;
    }
}
