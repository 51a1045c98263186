package org.latent4j.models.gaussian;

import org.latent4j.models.linalg.Matrices;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.random.RandomSource;

/**
 * A multivariate normal N(μ, Σ) fitted by maximum likelihood: μ̂ = (1/n) Σ_i x_i and
 * Σ̂ = (1/n) Σ_i (x_i − μ̂)(x_i − μ̂)ᵀ (full) or its diagonal (diag) or the mean of that diagonal
 * (spherical), plus an optional regularization on the diagonal. Densities and draws are those of a
 * one-component {@link GaussianMixture}, so both share one implementation.
 */
public final class Gaussian {
    private final MixtureParameters params;
    private final GaussianMixture model;

    private Gaussian(MixtureParameters params) {
        this.params = params;
        this.model = GaussianMixture.of(params);
    }

    /** N(mean, covariance) with a full d×d covariance (symmetric positive definite). */
    public static Gaussian of(double[] mean, double[] covariance) {
        return new Gaussian(new MixtureParameters(CovarianceType.FULL, 1, mean.length, new double[] {1.0}, mean, covariance));
    }

    /** The maximum-likelihood Gaussian of the n×d rows, without regularization. */
    public static Gaussian fit(double[] x, int d, CovarianceType type) {
        return fit(x, d, type, 0.0);
    }

    /**
     * The maximum-likelihood Gaussian of the n×d rows with {@code reg} added to the covariance diagonal.
     *
     * @throws IllegalArgumentException for non-finite data, a tied type, or a singular covariance with reg = 0
     */
    public static Gaussian fit(double[] x, int d, CovarianceType type, double reg) {
        int n = Matrices.checkData(x, d, "data");
        if (type == CovarianceType.TIED) {
            throw new IllegalArgumentException("a single Gaussian has no tied covariance: use full");
        }
        if (!(reg >= 0)) {
            throw new IllegalArgumentException("regularization: expected >= 0, got " + reg);
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                mean[c] += x[i * d + c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= n;
        }
        double[] full = new double[d * d];
        double[] diff = new double[d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                diff[c] = x[i * d + c] - mean[c];
            }
            for (int r = 0; r < d; r++) {
                for (int c = 0; c <= r; c++) {
                    full[r * d + c] += diff[r] * diff[c];
                }
            }
        }
        for (int r = 0; r < d; r++) {
            for (int c = 0; c <= r; c++) {
                full[r * d + c] /= n;
            }
            full[r * d + r] += reg;
        }
        Matrices.symmetrizeFromLower(full, 0, d);
        double[] cov = switch (type) {
            case FULL -> full;
            case DIAG -> {
                double[] v = new double[d];
                for (int c = 0; c < d; c++) {
                    v[c] = full[c * d + c];
                }
                yield v;
            }
            case SPHERICAL -> {
                double s = 0.0;
                for (int c = 0; c < d; c++) {
                    s += full[c * d + c];
                }
                yield new double[] {s / d};
            }
            case TIED -> throw new AssertionError();
        };
        for (int c = 0; c < d; c++) {
            if (!(full[c * d + c] > 0)) {
                throw new IllegalArgumentException("data column " + c + " is constant: its maximum-likelihood variance is 0;"
                        + " pass a regularization > 0");
            }
        }
        try {
            return new Gaussian(new MixtureParameters(type, 1, d, new double[] {1.0}, mean, cov));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("the maximum-likelihood covariance is singular (collinear columns);"
                    + " pass a regularization > 0", e);
        }
    }

    /** The mean μ (a copy). */
    public double[] mean() {
        return params.means();
    }

    /** The full d×d covariance Σ. */
    public double[] covariance() {
        return params.covarianceMatrix(0);
    }

    public int dimension() {
        return params.d();
    }

    public CovarianceType type() {
        return params.type();
    }

    /** log N(x_i; μ, Σ) for each row. */
    public double[] scoreSamples(double[] x) {
        return model.scoreSamples(x);
    }

    /** log N(x; μ, Σ) of one point. */
    public double logDensity(double... point) {
        return model.scoreSamples(point)[0];
    }

    /** The mean log-density of the rows. */
    public double score(double[] x) {
        return model.score(x);
    }

    /** n draws μ + L z, n×d row-major. */
    public double[] sample(int n, RandomSource rng) {
        return model.sample(n, rng).x();
    }
}
