package org.latent4j.models.quality;

/**
 * The Gaussian fitted to feature vectors: their mean and covariance (with the n − 1 denominator, as NumPy's
 * {@code cov}), in double, the two moments the {@link FrechetDistance} compares.
 *
 * @param mean       [d]
 * @param covariance row-major [d, d]
 * @param d          the feature dimension
 * @param n          how many vectors it was fitted to
 */
public record FeatureGaussian(double[] mean, double[] covariance, int d, int n) {

    /** Fits the Gaussian to {@code n} rows of {@code d} features (row-major); needs at least two rows. */
    public static FeatureGaussian of(float[] features, int n, int d) {
        if (n < 2 || features.length != (long) n * d) {
            throw new IllegalArgumentException("FeatureGaussian: expected at least 2 rows of " + d + " features, got "
                    + n + " rows and " + features.length + " values");
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += features[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] cov = new double[d * d];
        double[] centred = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred[j] = features[i * d + j] - mean[j];
            }
            // the lower triangle only; mirrored below
            for (int a = 0; a < d; a++) {
                double ca = centred[a];
                if (ca == 0.0) {
                    continue;
                }
                int row = a * d;
                for (int b = 0; b <= a; b++) {
                    cov[row + b] += ca * centred[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                double v = cov[a * d + b] / (n - 1);
                cov[a * d + b] = v;
                cov[b * d + a] = v;
            }
        }
        return new FeatureGaussian(mean, cov, d, n);
    }
}
