package org.latent4j.models.mixture;

import org.latent4j.models.gaussian.CovarianceType;

/**
 * Hyperparameters of a {@link GaussianMixture}, with scikit-learn's defaults.
 *
 * @param k                 number of components
 * @param covarianceType    full, tied, diag or spherical
 * @param tol               EM stops when the mean log-likelihood per example changes by less than this
 * @param maxIter           at most this many EM iterations per initialization
 * @param nInit             initializations tried; the fit with the best final likelihood is kept
 * @param init              how to start when no initial parameters are given
 * @param initialParameters parameters to start from (then EM begins with an E-step from them), or null
 * @param regCovar          added to the diagonal of every covariance in the M-step (≥ 0)
 * @param seed              seed of the random initializations
 * @param warmStart         a refit starts from the current parameters (and nInit is ignored)
 */
public record GaussianMixtureConfig(int k, CovarianceType covarianceType, double tol, int maxIter, int nInit,
                                    InitMethod init, MixtureParameters initialParameters, double regCovar,
                                    long seed, boolean warmStart) {

    public GaussianMixtureConfig {
        if (k < 1) {
            throw new IllegalArgumentException("k: expected a number of components >= 1, got " + k);
        }
        if (covarianceType == null) {
            throw new IllegalArgumentException("covariance type: expected full, tied, diag or spherical");
        }
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException("tol: expected a finite tolerance >= 0, got " + tol);
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException("max-iter: expected >= 1, got " + maxIter);
        }
        if (nInit < 1) {
            throw new IllegalArgumentException("n-init: expected >= 1, got " + nInit);
        }
        if (init == null) {
            throw new IllegalArgumentException("init: expected k-means++, kmeans, random or random-from-data");
        }
        if (!(regCovar >= 0) || Double.isInfinite(regCovar)) {
            throw new IllegalArgumentException("reg-covar: expected a finite value >= 0, got " + regCovar);
        }
        if (initialParameters != null) {
            if (initialParameters.k() != k) {
                throw new IllegalArgumentException("initial parameters have " + initialParameters.k()
                        + " components but k = " + k);
            }
            if (initialParameters.type() != covarianceType) {
                throw new IllegalArgumentException("initial parameters have " + initialParameters.type().label()
                        + " covariances but the covariance type is " + covarianceType.label());
            }
        }
    }

    /** A builder with the defaults: k = 1, full, tol 1e-3, 100 iterations, 1 init, k-means++, 1e-6, seed 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.k = k;
        b.covarianceType = covarianceType;
        b.tol = tol;
        b.maxIter = maxIter;
        b.nInit = nInit;
        b.init = init;
        b.initialParameters = initialParameters;
        b.regCovar = regCovar;
        b.seed = seed;
        b.warmStart = warmStart;
        return b;
    }

    /** Builds a {@link GaussianMixtureConfig}. */
    public static final class Builder {
        private int k = 1;
        private CovarianceType covarianceType = CovarianceType.FULL;
        private double tol = 1e-3;
        private int maxIter = 100;
        private int nInit = 1;
        private InitMethod init = InitMethod.KMEANS_PLUS_PLUS;
        private MixtureParameters initialParameters;
        private double regCovar = 1e-6;
        private long seed;
        private boolean warmStart;

        private Builder() {}

        public Builder k(int v) { k = v; return this; }
        public Builder covarianceType(CovarianceType v) { covarianceType = v; return this; }
        public Builder tol(double v) { tol = v; return this; }
        public Builder maxIter(int v) { maxIter = v; return this; }
        public Builder nInit(int v) { nInit = v; return this; }
        public Builder init(InitMethod v) { init = v; return this; }
        /** Starts EM from these parameters; also sets k and the covariance type from them. */
        public Builder initialParameters(MixtureParameters v) {
            initialParameters = v;
            if (v != null) {
                k = v.k();
                covarianceType = v.type();
            }
            return this;
        }
        public Builder regCovar(double v) { regCovar = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder warmStart(boolean v) { warmStart = v; return this; }

        public GaussianMixtureConfig build() {
            return new GaussianMixtureConfig(k, covarianceType, tol, maxIter, nInit, init, initialParameters,
                    regCovar, seed, warmStart);
        }
    }
}
