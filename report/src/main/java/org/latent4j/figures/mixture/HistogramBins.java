package org.latent4j.figures.mixture;

import java.util.Arrays;

/**
 * Bin choices for histograms of 1-D data: the Freedman–Diaconis rule (Freedman and Diaconis 1981),
 * bin width h = 2·IQR·n^(−1/3), which is robust to outliers, with Sturges' rule ⌈log₂ n⌉ + 1 bins when
 * the interquartile range is zero.
 */
final class HistogramBins {
    /** Fewer bins than this hide a two-component shape; more than this is noise for a page-sized chart. */
    static final int MIN_BINS = 5;
    static final int MAX_BINS = 120;

    private HistogramBins() {}

    /** The number of equal bins spanning [min x, max x] by the Freedman–Diaconis rule, clamped to [5, 120]. */
    static int freedmanDiaconis(double[] x) {
        if (x.length < 2) {
            return 1;
        }
        double[] s = x.clone();
        Arrays.sort(s);
        double range = s[s.length - 1] - s[0];
        if (!(range > 0)) {
            return 1;
        }
        double iqr = quantile(s, 0.75) - quantile(s, 0.25);
        int bins = iqr > 0
                ? (int) Math.ceil(range / (2.0 * iqr / Math.cbrt(s.length)))
                : (int) Math.ceil(Math.log(s.length) / Math.log(2)) + 1;
        return Math.clamp(bins, MIN_BINS, MAX_BINS);
    }

    /** The q-quantile of sorted data, interpolating linearly between order statistics. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Counts of x in the bins [e_b, e_{b+1}) (the last bin closed); values below the first edge or
     * above the last are counted in the end bins, as open end bins of a published histogram do.
     */
    static double[] counts(double[] x, double[] edges) {
        int bins = edges.length - 1;
        double[] c = new double[bins];
        for (double v : x) {
            int b = Arrays.binarySearch(edges, v);
            // An exact hit on edge i starts bin i; a miss gives the insertion point, after the bin's left edge.
            int bin = b >= 0 ? b : -b - 2;
            c[Math.clamp(bin, 0, bins - 1)]++;
        }
        return c;
    }

    /** Checks edges are increasing with at least one bin; infinite end edges are allowed. */
    static void checkEdges(double[] edges) {
        if (edges == null || edges.length < 2) {
            throw new IllegalArgumentException("histogram: need at least 2 bin edges (one bin), got "
                    + (edges == null ? "null" : edges.length));
        }
        for (int i = 0; i < edges.length; i++) {
            boolean end = i == 0 || i == edges.length - 1;
            if (Double.isNaN(edges[i]) || (!end && Double.isInfinite(edges[i]))) {
                throw new IllegalArgumentException("histogram: bin edge " + i + " is " + edges[i]
                        + "; only the first and last edges may be infinite (open end bins)");
            }
            if (i > 0 && !(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException("histogram: bin edges must increase, but edge " + i + " = "
                        + edges[i] + " follows " + edges[i - 1]);
            }
        }
        if (edges.length == 2 && (Double.isInfinite(edges[0]) || Double.isInfinite(edges[1]))) {
            throw new IllegalArgumentException("histogram: a single bin needs finite edges");
        }
    }

    /**
     * The edges with open ends closed for drawing: an infinite first (last) edge becomes the next
     * (previous) edge minus (plus) the width of its neighbouring bin.
     */
    static double[] drawable(double[] edges) {
        double[] e = edges.clone();
        int last = e.length - 1;
        if (Double.isInfinite(e[0])) {
            e[0] = e[1] - (last >= 2 && Double.isFinite(e[2]) ? e[2] - e[1] : 1.0);
        }
        if (Double.isInfinite(e[last])) {
            e[last] = e[last - 1] + (last >= 2 && Double.isFinite(e[last - 2]) ? e[last - 1] - e[last - 2] : 1.0);
        }
        return e;
    }
}
