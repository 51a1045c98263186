package org.latent4j.distributions;

import java.util.Arrays;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * A normal distribution with independent coordinates, parameterized by its mean μ and log-variance
 * log σ² (the parameterization a VAE encoder outputs: any real number is a valid log-variance). It is both
 * the encoder's posterior q(z|x) and the decoder likelihood "Gaussian with learned variance".
 *
 * <pre>
 *   log p(x) = −½ (log 2π + log σ² + (x − μ)² / σ²)      H = ½ (1 + log 2π + log σ²)
 * </pre>
 * {@link #rsample} is the reparameterization z = μ + σ ⊙ ε, ε ~ N(0, I) (Kingma and Welling,
 * "Auto-Encoding Variational Bayes", ICLR 2014), through which gradients reach μ and log σ².
 */
public record DiagonalNormal(Tensor mean, Tensor logVar) implements Distribution {
    static final float HALF_LOG_TWO_PI = (float) (0.5 * Math.log(2 * Math.PI));

    /** @throws IllegalArgumentException if a parameter is null or the two shapes differ */
    public DiagonalNormal {
        checkParameters(mean, logVar);
    }

    static void checkParameters(Tensor mean, Tensor logVar) {
        if (mean == null || logVar == null) {
            throw new IllegalArgumentException("DiagonalNormal: mean and logVar must not be null");
        }
        if (!Arrays.equals(mean.shape(), logVar.shape())) {
            throw new IllegalArgumentException("DiagonalNormal: mean shape " + Arrays.toString(mean.shape())
                    + " and logVar shape " + Arrays.toString(logVar.shape()) + " must be equal");
        }
    }

    /** N(0, I) of the given shape, the VAE prior p(z). */
    public static DiagonalNormal standard(int... shape) {
        return new DiagonalNormal(Tensor.zeros(shape), Tensor.zeros(shape));
    }

    @Override
    public int[] shape() {
        return mean.shape();
    }

    /** σ = exp(½ log σ²). */
    public Tensor stddev() {
        return logVar.mul(0.5f).exp();
    }

    /** σ² = exp(log σ²). */
    public Tensor variance() {
        return logVar.exp();
    }

    /** z = μ + σ ⊙ ε with ε ~ N(0, I) from {@code rng}; differentiable in μ and log σ². */
    public Tensor rsample(RandomSource rng) {
        return mean.add(stddev().mul(Tensor.randn(rng, mean.shape())));
    }

    /** {@code k} reparameterized samples stacked along a new leading axis: shape {@code [k, ...shape]}. */
    public Tensor rsample(RandomSource rng, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("DiagonalNormal.rsample: sample count must be >= 1, got " + k);
        }
        int[] s = mean.shape();
        int[] ks = new int[s.length + 1];
        ks[0] = k;
        System.arraycopy(s, 0, ks, 1, s.length);
        return mean.add(stddev().mul(Tensor.randn(rng, ks)));
    }

    @Override
    public Tensor sample(RandomSource rng) {
        try (var ignored = Autograd.noGrad()) {
            return rsample(rng).detach();
        }
    }

    @Override
    public Tensor logProb(Tensor x) {
        Tensor d = x.sub(mean);
        return d.square().mul(logVar.neg().exp()).add(logVar).mul(-0.5f).sub(HALF_LOG_TWO_PI);
    }

    /** The differential entropy ½(1 + log 2π + log σ²), element-wise. */
    public Tensor entropy() {
        return logVar.mul(0.5f).add(0.5f + HALF_LOG_TWO_PI);
    }
}
