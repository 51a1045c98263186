package org.latent4j.figures.mixture;

import java.util.Arrays;

/**
 * Bin choices for histograms of 1-D data: the Freedman–Diaconis rule (Freedman and Diaconis 1981),
 * bin width h = 2·IQR·n^(−1/3), which is robust to outliers, with Sturges' rule ⌈log₂ n⌉ + 1 bins when
 * the interquartile range is zero; and {@link #edges(double[], double)}, which also resolves the
 * narrowest fitted component and respects data recorded on a grid (e.g. to 0.1 cm).
 */
final class HistogramBins {
    /** Fewer bins than this hide a two-component shape; more than this is noise for a page-sized chart. */
    static final int MIN_BINS = 5;
    static final int MAX_BINS = 120;

    private HistogramBins() {}

    /**
     * Bin edges for data a mixture was fitted to. The width is the smaller of the Freedman–Diaconis and
     * Sturges widths (numpy's "auto"; Freedman–Diaconis alone merges the modes of well separated
     * components, since their gap inflates the IQR), at most the narrowest component's standard deviation
     * (so its peak is resolved), but no narrower than leaves about 5 values per bin on average. Values
     * recorded on a grid (all gaps multiples of the smallest, e.g. lengths to 0.1 cm) get a width that is a
     * multiple of the grid step and edges halfway between grid values, so every bin holds the same number
     * of grid values and none sits on an edge.
     *
     * @param narrowest the smallest standard deviation among the components that matter, or +∞ to ignore
     */
    static Bins edges(double[] x, double narrowest) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        double min = s[0], max = s[n - 1], range = max - min;
        if (!(range > 0)) {
            double half = min == 0 ? 0.5 : 0.5 * Math.abs(min);
            return new Bins(new double[] {min - half, max + half}, "one bin: all values are equal");
        }
        int sturges = (int) Math.ceil(Math.log(n) / Math.log(2)) + 1;
        double h = range / sturges;
        double iqr = quantile(s, 0.75) - quantile(s, 0.25);
        if (iqr > 0) {
            h = Math.min(h, 2.0 * iqr / Math.cbrt(n));
        }
        String how = "the smaller of the Freedman–Diaconis and Sturges widths";
        if (narrowest < h) {
            h = narrowest;
            how = "the narrowest component's standard deviation, so its peak is resolved";
        }
        int maxBins = Math.clamp(n / 5, Math.max(MIN_BINS, sturges), MAX_BINS);
        if (h < range / maxBins) {
            h = range / maxBins;
            how = "about 5 values per bin";
        }
        double step = gridStep(s);
        double lo = min;
        if (step > 0) {
            h = Math.max(1, Math.round(h / step)) * step;
            lo = min - step / 2;
            how += "; a multiple of the " + MixtureFigures.fmt(step) + " the values are recorded in";
        }
        int bins = Math.max(1, (int) Math.ceil((max - lo) / h - 1e-9));
        if (lo + bins * h <= max) {
            bins++;
        }
        double[] e = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            e[b] = lo + b * h;
        }
        return new Bins(e, bins + " bins of width " + MixtureFigures.fmt(h) + ": " + how);
    }

    /** Bin edges and how their width was chosen, for the caption. */
    record Bins(double[] edges, String description) {}

    /**
     * The step of a grid the sorted values lie on: the smallest gap between distinct values, if every gap
     * is a whole multiple of it (to 1e-3 of a step, which float32 rounding respects) and values repeat
     * (n exceeds the distinct values); 0 otherwise.
     */
    static double gridStep(double[] sorted) {
        double step = Double.POSITIVE_INFINITY;
        int distinct = 1;
        for (int i = 1; i < sorted.length; i++) {
            double g = sorted[i] - sorted[i - 1];
            if (g > 0) {
                distinct++;
                step = Math.min(step, g);
            }
        }
        if (distinct == sorted.length || distinct < 2) {
            return 0;
        }
        for (int i = 1; i < sorted.length; i++) {
            double g = (sorted[i] - sorted[i - 1]) / step;
            if (g > 0 && Math.abs(g - Math.rint(g)) > 1e-3) {
                return 0;
            }
        }
        return step;
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
