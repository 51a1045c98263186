package org.latent4j.models.gaussian;

import java.util.Locale;

/**
 * The shape of a Gaussian's covariance, as in scikit-learn's {@code covariance_type}.
 *
 * <p>Storage of the covariances of k components in d dimensions, row-major:
 * FULL k×d×d, TIED d×d (one matrix shared by all components), DIAG k×d, SPHERICAL k.
 */
public enum CovarianceType {
    /** Each component has its own full covariance matrix. */
    FULL,
    /** All components share one full covariance matrix. */
    TIED,
    /** Each component has its own diagonal covariance matrix. */
    DIAG,
    /** Each component has its own single variance, the same along every axis. */
    SPHERICAL;

    /** Number of doubles that store the covariances of k components in d dimensions. */
    public int storageLength(int k, int d) {
        return switch (this) {
            case FULL -> k * d * d;
            case TIED -> d * d;
            case DIAG -> k * d;
            case SPHERICAL -> k;
        };
    }

    /** The shape of that storage, for files. */
    public int[] storageShape(int k, int d) {
        return switch (this) {
            case FULL -> new int[] {k, d, d};
            case TIED -> new int[] {d, d};
            case DIAG -> new int[] {k, d};
            case SPHERICAL -> new int[] {k};
        };
    }

    /** Free covariance parameters of k components in d dimensions (for BIC and AIC). */
    public long freeParameters(int k, int d) {
        long tri = (long) d * (d + 1) / 2;
        return switch (this) {
            case FULL -> k * tri;
            case TIED -> tri;
            case DIAG -> (long) k * d;
            case SPHERICAL -> k;
        };
    }

    /** The lower-case name used on the command line and in files ("full", "tied", "diag", "spherical"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "full", "tied", "diag" (or "diagonal") and "spherical", case-insensitively. */
    public static CovarianceType parse(String s) {
        String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "full" -> FULL;
            case "tied" -> TIED;
            case "diag", "diagonal" -> DIAG;
            case "spherical" -> SPHERICAL;
            default -> throw new IllegalArgumentException("covariance type: expected full, tied, diag or spherical, got '" + s + "'");
        };
    }
}
