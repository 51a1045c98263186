package org.latent4j.models.vae;

import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * Gaussian likelihood around the decoder output μ with a learned variance per output dimension,
 * s_d = log σ_d² (parameter {@code log_var}, initialized to 0):
 * log p(x|z) = −½ Σ_d [(x_d − μ_d)² e^{−s_d} + s_d + log 2π].
 */
public final class LearnedGaussianLikelihood extends Likelihood {
    private final Tensor logVar;

    LearnedGaussianLikelihood(int dim) {
        this.logVar = parameter("log_var", Tensor.zeros(dim));
    }

    @Override
    public LikelihoodKind kind() {
        return LikelihoodKind.GAUSSIAN_LEARNED;
    }

    /** The per-dimension log-variance (live parameter). */
    public Tensor logVar() {
        return logVar;
    }

    @Override
    public Tensor logProb(Tensor mu, Tensor x) {
        Tensor quad = mu.sub(x).square().mul(logVar.neg().exp()).add(logVar);
        int d = mu.dim(-1);
        return quad.sum(-1).mul(-0.5f).add((float) (-0.5 * d * LOG_2PI));
    }

    @Override
    public Tensor mean(Tensor mu) {
        return mu;
    }

    @Override
    public Tensor sample(Tensor mu, RandomSource rng) {
        Tensor std = logVar.detach().mul(0.5f).exp();
        return mu.detach().add(Tensor.randn(rng, mu.shape()).mul(std));
    }
}
