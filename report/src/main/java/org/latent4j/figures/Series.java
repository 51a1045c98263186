package org.latent4j.figures;

/**
 * One curve or point set of a chart.
 *
 * <p>{@code y} may contain NaN for a missing value (the line breaks there); infinities are rejected
 * because they would stretch the axis to nothing. The arrays are not copied.
 *
 * @param label legend text (unique within a chart)
 * @param x     abscissae, or null for 1, 2, …, n (epochs, iterations)
 * @param y     ordinates
 * @param style how the series is drawn
 */
public record Series(String label, double[] x, double[] y, Series.Style style) {

    /** How a series is drawn. */
    public enum Style {
        /** A solid line. */
        LINE,
        /** A dashed line, e.g. the test curve next to a solid training curve. */
        DASHED,
        /** Markers only. */
        MARKERS,
        /** A solid line with a marker at each point. */
        LINE_MARKERS
    }

    /** Checks that x and y have the same length, y has a finite value and nothing is infinite. */
    public Series {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("series label is empty; expected a legend text");
        }
        if (y == null || y.length == 0) {
            throw new IllegalArgumentException("series '" + label + "': y is empty; expected at least one value");
        }
        if (style == null) {
            throw new IllegalArgumentException("series '" + label + "': style is null; expected one of LINE, DASHED, MARKERS, LINE_MARKERS");
        }
        if (x != null && x.length != y.length) {
            throw new IllegalArgumentException("series '" + label + "': x has " + x.length + " values but y has "
                    + y.length + "; expected the same length (or x = null for 1..n)");
        }
        boolean anyFinite = false;
        for (int i = 0; i < y.length; i++) {
            if (Double.isInfinite(y[i]) || (x != null && !Double.isFinite(x[i]))) {
                throw new IllegalArgumentException("series '" + label + "': point " + i + " is (" + (x == null ? i + 1 : x[i])
                        + ", " + y[i] + "); expected finite x and finite or NaN (missing) y");
            }
            anyFinite |= !Double.isNaN(y[i]);
        }
        if (!anyFinite) {
            throw new IllegalArgumentException("series '" + label + "': all " + y.length
                    + " y values are NaN; expected at least one finite value");
        }
    }

    /** A solid line. */
    public static Series line(String label, double[] x, double[] y) {
        return new Series(label, x, y, Style.LINE);
    }

    /** A dashed line. */
    public static Series dashed(String label, double[] x, double[] y) {
        return new Series(label, x, y, Style.DASHED);
    }

    /** Markers only. */
    public static Series markers(String label, double[] x, double[] y) {
        return new Series(label, x, y, Style.MARKERS);
    }

    /** A solid line with markers. */
    public static Series lineMarkers(String label, double[] x, double[] y) {
        return new Series(label, x, y, Style.LINE_MARKERS);
    }

    /** The abscissae: {@code x}, or 1..n when x is null. */
    public double[] xValues() {
        if (x != null) {
            return x;
        }
        double[] idx = new double[y.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i + 1;
        }
        return idx;
    }

    /** Number of points. */
    public int size() {
        return y.length;
    }
}
