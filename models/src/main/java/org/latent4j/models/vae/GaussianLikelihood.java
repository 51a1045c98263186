package org.latent4j.models.vae;

import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * Gaussian likelihood with unit variance around the decoder output μ:
 * log p(x|z) = −½ Σ_d (x_d − μ_d)² − (D/2) log 2π. The constant is kept so that the ELBO is a true lower
 * bound on log p(x) and comparable with other models.
 */
public final class GaussianLikelihood extends Likelihood {
    @Override
    public LikelihoodKind kind() {
        return LikelihoodKind.GAUSSIAN;
    }

    @Override
    public Tensor logProb(Tensor mu, Tensor x) {
        int d = mu.dim(-1);
        return mu.sub(x).square().sum(-1).mul(-0.5f).add((float) (-0.5 * d * LOG_2PI));
    }

    @Override
    public Tensor mean(Tensor mu) {
        return mu;
    }

    @Override
    public Tensor sample(Tensor mu, RandomSource rng) {
        return mu.detach().add(Tensor.randn(rng, mu.shape()));
    }
}
