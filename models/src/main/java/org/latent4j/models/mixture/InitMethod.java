package org.latent4j.models.mixture;

import java.util.Locale;

/**
 * How EM's first parameters are chosen when the user gives none. Each method yields initial
 * responsibilities, from which one M-step gives the starting parameters.
 */
public enum InitMethod {
    /**
     * Greedy k-means++ seeding (Arthur and Vassilvitskii, 2007: each new center drawn with probability
     * proportional to the squared distance to the nearest chosen one, the best of 2 + ⌊ln k⌋ draws
     * kept), then every row assigned to its nearest center. The default.
     */
    KMEANS_PLUS_PLUS,
    /** Lloyd's k-means from k-means++ seeds until no row changes cluster, then the hard assignment. */
    KMEANS,
    /** Responsibilities drawn uniformly at random and normalized per row. */
    RANDOM,
    /** k distinct rows drawn uniformly as centers, then every row assigned to its nearest center. */
    RANDOM_FROM_DATA;

    /** Parses "k-means++" (or "kmeans++"), "kmeans" (or "k-means"), "random", "random-from-data". */
    public static InitMethod parse(String s) {
        String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (v) {
            case "k-means++", "kmeans++", "kmeans-plus-plus" -> KMEANS_PLUS_PLUS;
            case "kmeans", "k-means" -> KMEANS;
            case "random" -> RANDOM;
            case "random-from-data" -> RANDOM_FROM_DATA;
            default -> throw new IllegalArgumentException(
                    "init: expected k-means++, kmeans, random, random-from-data or a parameter file, got '" + s + "'");
        };
    }

    /** The name used on the command line. */
    public String label() {
        return switch (this) {
            case KMEANS_PLUS_PLUS -> "k-means++";
            case KMEANS -> "kmeans";
            case RANDOM -> "random";
            case RANDOM_FROM_DATA -> "random-from-data";
        };
    }
}
