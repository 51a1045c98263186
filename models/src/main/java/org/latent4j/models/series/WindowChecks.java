package org.latent4j.models.series;

/**
 * Checks on the flat windows the measures take: {@code n} rows of {@code width} float values, row-major,
 * every value finite.
 */
final class WindowChecks {
    private WindowChecks() {}

    /** The number of rows of a flat array, after checking it holds whole finite rows. */
    static int rows(float[] x, int width, String what) {
        if (width < 1) {
            throw new IllegalArgumentException(what + ": a window needs at least one value, got width " + width);
        }
        if (x == null || x.length == 0 || x.length % width != 0) {
            throw new IllegalArgumentException(what + ": " + (x == null ? "null" : x.length + " values") + " are not whole"
                    + " windows of " + width + " values (at least one)");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException(what + ": window " + i / width + ", value " + i % width + " is " + x[i]
                        + "; the windows must be finite");
            }
        }
        return x.length / width;
    }
}
