package org.latent4j.models.vae;

import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * Gaussian likelihood around the decoder output μ with a learned variance per output dimension,
 * s_d = log σ_d² (parameter {@code log_var}, initialized to 0):
 * log p(x|z) = −½ Σ_d [(x_d − μ_d)² e^{−s_d} + s_d + log 2π].
 *
 * <p>For sequences (rows of T·F values, time-major) the variance is per feature and shared over the steps:
 * {@code log_var} then has F entries, and dimension d = t·F + f uses s_f. The two coincide when F = D (one step).
 */
public final class LearnedGaussianLikelihood extends Likelihood {
    private final Tensor logVar;

    /** @param features the number of variances: D for plain rows, F for sequences of F features per step */
    LearnedGaussianLikelihood(int features) {
        this.logVar = parameter("log_var", Tensor.zeros(features));
    }

    @Override
    public LikelihoodKind kind() {
        return LikelihoodKind.GAUSSIAN_LEARNED;
    }

    /** The per-dimension (or, for sequences, per-feature) log-variance (live parameter). */
    public Tensor logVar() {
        return logVar;
    }

    @Override
    public Tensor logProb(Tensor mu, Tensor x) {
        int d = mu.dim(-1);
        Tensor sq = stepView(mu.sub(x).square());
        Tensor quad = sq.mul(logVar.neg().exp()).add(logVar);
        int[] lead = java.util.Arrays.copyOf(mu.shape(), mu.rank() - 1);
        Tensor perRow = sq.rank() == mu.rank() ? quad.sum(-1) : quad.sum(-2, -1).reshape(lead);
        return perRow.mul(-0.5f).add((float) (-0.5 * d * LOG_2PI));
    }

    /** t viewed as [..., T, F] when the variances are per feature of longer rows; t itself otherwise. */
    private Tensor stepView(Tensor t) {
        int d = t.dim(-1);
        int f = logVar.dim(0);
        if (d == f) {
            return t;
        }
        if (d % f != 0) {
            throw new IllegalArgumentException("learned Gaussian likelihood: rows of " + d + " values are not whole steps of "
                    + f + " features");
        }
        int[] shape = java.util.Arrays.copyOf(t.shape(), t.rank() + 1);
        shape[t.rank() - 1] = d / f;
        shape[t.rank()] = f;
        return t.reshape(shape);
    }

    @Override
    public Tensor mean(Tensor mu) {
        return mu;
    }

    @Override
    public Tensor sample(Tensor mu, RandomSource rng) {
        Tensor std = logVar.detach().mul(0.5f).exp();
        Tensor m = stepView(mu.detach());
        return m.add(Tensor.randn(rng, m.shape()).mul(std)).reshape(mu.shape());
    }
}
