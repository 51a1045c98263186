package org.latent4j.distributions;

import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * A normal distribution with independent coordinates of variance 1 around a mean μ, the decoder
 * likelihood whose negative log is the squared error plus its constant:
 * {@code log p(x) = −½ (x − μ)² − ½ log 2π}.
 */
public record UnitVarianceNormal(Tensor mean) implements Distribution {

    public UnitVarianceNormal {
        if (mean == null) {
            throw new IllegalArgumentException("UnitVarianceNormal: mean must not be null");
        }
    }

    @Override
    public int[] shape() {
        return mean.shape();
    }

    @Override
    public Tensor logProb(Tensor x) {
        return x.sub(mean).square().mul(-0.5f).sub(DiagonalNormal.HALF_LOG_TWO_PI);
    }

    /** μ + ε with ε ~ N(0, I); differentiable in μ. */
    public Tensor rsample(RandomSource rng) {
        return mean.add(Tensor.randn(rng, mean.shape()));
    }

    @Override
    public Tensor sample(RandomSource rng) {
        try (var ignored = Autograd.noGrad()) {
            return rsample(rng).detach();
        }
    }

    /** The differential entropy ½(1 + log 2π), element-wise. */
    public Tensor entropy() {
        return Tensor.full(0.5f + DiagonalNormal.HALF_LOG_TWO_PI, mean.shape());
    }
}
