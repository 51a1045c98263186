package org.latent4j.models.wgan;

import org.latent4j.nn.Init;
import org.latent4j.nn.Layer;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.MatMul;
import org.latent4j.tensor.Tensor;

/**
 * A linear layer with a spectrally normalized weight, {@code y = x·(W/σ(W))ᵀ + b} (Miyato et al. 2018),
 * named as PyTorch's {@code nn.utils.spectral_norm(nn.Linear(in, out))}: parameters {@code weight_orig}
 * (W, [out, in]) and {@code bias}, buffers {@code weight_u} ([out]) and {@code weight_v} ([in]), saved
 * with the model. The forward pass never changes u and v: {@link #powerIteration()} does, once per critic
 * step, called by the training step and never in evaluation, so a saved critic scores the same after loading.
 */
public final class SpectralLinear extends Layer implements SpectralLayer {
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor u;
    private final Tensor v;

    public SpectralLinear(int in, int out, RandomSource rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("SpectralLinear: sizes must be >= 1, got in=" + in + " out=" + out);
        }
        this.weight = parameter("weight_orig", Tensor.zeros(out, in));
        this.bias = parameter("bias", Tensor.zeros(out));
        Init.linearDefault(weight, bias, rng);
        this.u = buffer("weight_u", SpectralNorm.randomUnit(out, rng));
        this.v = buffer("weight_v", SpectralNorm.randomUnit(in, rng));
    }

    @Override
    public Tensor forward(Tensor x) {
        return MatMul.linear(x, SpectralNorm.normalized(weight, u, v), bias);
    }

    /** One power iteration on the current weight, updating u and v in place (training only). */
    @Override
    public void powerIteration() {
        SpectralNorm.powerIteration(weight.data(), weight.dim(0), weight.dim(1), u.data(), v.data());
    }

    /** The current estimate uᵀ W v of W's largest singular value. */
    @Override
    public double sigma() {
        return SpectralNorm.sigma(weight.data(), weight.dim(0), weight.dim(1), u.data(), v.data());
    }

    /** The unnormalized weight W ({@code weight_orig}). */
    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }

    @Override
    public String toString() {
        return "SpectralLinear(" + weight.dim(1) + ", " + weight.dim(0) + ")";
    }
}
