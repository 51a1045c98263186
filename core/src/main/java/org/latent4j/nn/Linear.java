package org.latent4j.nn;

import org.latent4j.random.RandomSource;
import org.latent4j.tensor.LinearActivation;
import org.latent4j.tensor.MatMul;
import org.latent4j.tensor.Tensor;

/**
 * The affine map {@code y = x·Wᵀ + b}, W of shape [out, in] as in PyTorch, initialized as PyTorch's
 * {@code nn.Linear}: W and b uniform in ±1/√in (see {@link Init#linearDefault}).
 */
public final class Linear extends Layer {
    private final Tensor weight;
    private final Tensor bias;

    public Linear(int in, int out, boolean bias, RandomSource rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear: sizes must be >= 1, got in=" + in + " out=" + out);
        }
        this.weight = parameter("weight", Tensor.zeros(out, in));
        this.bias = bias ? parameter("bias", Tensor.zeros(out)) : null;
        Init.linearDefault(weight, this.bias, rng);
    }

    public Linear(int in, int out, RandomSource rng) {
        this(in, out, true, rng);
    }

    @Override
    public Tensor forward(Tensor x) {
        return MatMul.linear(x, weight, bias);
    }

    /**
     * {@code f(x·Wᵀ + b)} as one op ({@link LinearActivation}): the same values and gradients as {@code forward}
     * followed by the activation, with two passes over the output fewer each way.
     */
    public Tensor forward(Tensor x, LinearActivation.Kind activation) {
        return LinearActivation.apply(x, weight, bias, activation);
    }

    public Tensor weight() {
        return weight;
    }

    /** The bias, or null when the layer has none. */
    public Tensor bias() {
        return bias;
    }

    public int inFeatures() {
        return weight.dim(1);
    }

    public int outFeatures() {
        return weight.dim(0);
    }
}
