package org.latent4j.models.mixture;

import org.latent4j.models.gaussian.CovarianceType;

/**
 * The learned state of a Gaussian mixture: mixing weights α (k), means μ (k×d, row-major) and
 * covariances Σ, stored as {@link CovarianceType} describes (FULL k×d×d, TIED d×d, DIAG k×d,
 * SPHERICAL k). Arrays are copied in and out, so a record instance never changes.
 */
public record MixtureParameters(CovarianceType type, int k, int d, double[] weights, double[] means,
                                double[] covariances) {

    /** Checks shapes and values; errors name the array, component and entry at fault. */
    public MixtureParameters {
        if (type == null) {
            throw new IllegalArgumentException("mixture parameters: covariance type is missing");
        }
        if (k < 1 || d < 1) {
            throw new IllegalArgumentException("mixture parameters: need k >= 1 and d >= 1, got k=" + k + ", d=" + d);
        }
        checkLength("weights", weights, k);
        checkLength("means", means, k * d);
        checkLength(type.label() + " covariances", covariances, type.storageLength(k, d));
        double sum = 0.0;
        for (int j = 0; j < k; j++) {
            if (!(weights[j] >= 0.0) || !Double.isFinite(weights[j])) {
                throw new IllegalArgumentException("mixture parameters: weight of component " + j + " is "
                        + weights[j] + "; weights must be finite and >= 0");
            }
            sum += weights[j];
        }
        if (Math.abs(sum - 1.0) > 1e-6) {
            throw new IllegalArgumentException("mixture parameters: weights sum to " + sum + ", expected 1");
        }
        for (int i = 0; i < means.length; i++) {
            if (!Double.isFinite(means[i])) {
                throw new IllegalArgumentException("mixture parameters: mean of component " + (i / d)
                        + ", dimension " + (i % d) + " is " + means[i]);
            }
        }
        checkCovariances(type, k, d, covariances);
        weights = weights.clone();
        // Renormalize only past rounding, so stored parameters read back bit for bit.
        if (Math.abs(sum - 1.0) > 1e-14) {
            for (int j = 0; j < k; j++) {
                weights[j] /= sum;
            }
        }
        means = means.clone();
        covariances = covariances.clone();
    }

    private static void checkLength(String what, double[] a, int expected) {
        if (a == null) {
            throw new IllegalArgumentException("mixture parameters: " + what + " are missing");
        }
        if (a.length != expected) {
            throw new IllegalArgumentException("mixture parameters: expected " + expected + " " + what
                    + " values, got " + a.length);
        }
    }

    private static void checkCovariances(CovarianceType type, int k, int d, double[] cov) {
        for (int i = 0; i < cov.length; i++) {
            if (!Double.isFinite(cov[i])) {
                throw new IllegalArgumentException("mixture parameters: covariance entry " + i + " is " + cov[i]);
            }
        }
        switch (type) {
            case DIAG, SPHERICAL -> {
                for (int i = 0; i < cov.length; i++) {
                    if (!(cov[i] > 0.0)) {
                        int comp = type == CovarianceType.DIAG ? i / d : i;
                        throw new IllegalArgumentException("mixture parameters: variance of component " + comp
                                + (type == CovarianceType.DIAG ? ", dimension " + (i % d) : "")
                                + " is " + cov[i] + "; variances must be > 0");
                    }
                }
            }
            case FULL, TIED -> {
                int mats = type == CovarianceType.FULL ? k : 1;
                for (int m = 0; m < mats; m++) {
                    int off = m * d * d;
                    for (int r = 0; r < d; r++) {
                        for (int c = 0; c < r; c++) {
                            double a = cov[off + r * d + c];
                            double b = cov[off + c * d + r];
                            if (Math.abs(a - b) > 1e-8 * (Math.abs(a) + Math.abs(b)) + 1e-300) {
                                throw new IllegalArgumentException("mixture parameters: covariance "
                                        + (type == CovarianceType.FULL ? "of component " + m + " " : "")
                                        + "is not symmetric: [" + r + "][" + c + "] = " + a + " but ["
                                        + c + "][" + r + "] = " + b);
                            }
                        }
                    }
                }
            }
        }
    }

    /** A copy of the weights. */
    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** A copy of the means, k×d row-major. */
    @Override
    public double[] means() {
        return means.clone();
    }

    /** A copy of the covariances in the storage of {@link #type()}. */
    @Override
    public double[] covariances() {
        return covariances.clone();
    }

    double weight(int j) {
        return weights[j];
    }

    double[] meansView() {
        return means;
    }

    double[] weightsView() {
        return weights;
    }

    double[] covariancesView() {
        return covariances;
    }

    /** The full d×d covariance matrix of component j, whatever the storage type. */
    public double[] covarianceMatrix(int j) {
        double[] out = new double[d * d];
        switch (type) {
            case FULL -> System.arraycopy(covariances, j * d * d, out, 0, d * d);
            case TIED -> System.arraycopy(covariances, 0, out, 0, d * d);
            case DIAG -> {
                for (int c = 0; c < d; c++) {
                    out[c * d + c] = covariances[j * d + c];
                }
            }
            case SPHERICAL -> {
                for (int c = 0; c < d; c++) {
                    out[c * d + c] = covariances[j];
                }
            }
        }
        return out;
    }

    /** The number of free parameters: (k − 1) weights, k·d means and the covariances. */
    public long freeParameters() {
        return (k - 1) + (long) k * d + type.freeParameters(k, d);
    }
}
