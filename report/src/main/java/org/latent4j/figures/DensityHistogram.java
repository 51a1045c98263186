package org.latent4j.figures;

/**
 * Equal-width bins of 1-D data normalised as a density: bin b has height count_b / (n · width), so
 * the bars' total area is 1 and a fitted density curve can be drawn over them on the same scale.
 * Non-finite values are left out (and out of n).
 *
 * @param edges   bins + 1 increasing bin edges
 * @param density bins heights
 * @param count   number of finite values binned
 */
record DensityHistogram(double[] edges, double[] density, int count) {

    /** Bins the finite values of data into {@code bins} equal bins spanning their range. */
    static DensityHistogram of(double[] data, int bins) {
        if (data == null) {
            throw new IllegalArgumentException("histogram: data is null");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("histogram: bins=" + bins + "; expected at least 1");
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (double v : data) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("histogram: data has no finite value among its " + data.length
                    + " values; expected at least one finite number");
        }
        if (lo == hi) {
            // A single distinct value still needs a bin of positive width to have a density.
            double half = lo == 0 ? 0.5 : Math.abs(lo) * 0.05;
            lo -= half;
            hi += half;
        }
        double width = (hi - lo) / bins;
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = lo + b * width;
        }
        edges[bins] = hi;
        long[] counts = new long[bins];
        for (double v : data) {
            if (Double.isFinite(v)) {
                // The maximum falls on the last edge; it belongs to the last bin.
                int b = Math.min(bins - 1, (int) ((v - lo) / width));
                counts[Math.max(0, b)]++;
            }
        }
        double[] density = new double[bins];
        for (int b = 0; b < bins; b++) {
            density[b] = counts[b] / (n * width);
        }
        return new DensityHistogram(edges, density, n);
    }

    /**
     * Given bins: {@code edges} (bins + 1, finite, strictly increasing) and {@code counts} (bins,
     * finite, non-negative, not all zero), each bar of height count_b / (Σ counts · width_b).
     */
    static DensityHistogram ofCounts(double[] edges, double[] counts) {
        if (edges == null || counts == null || counts.length < 1 || edges.length != counts.length + 1) {
            throw new IllegalArgumentException("histogram: expected bins + 1 edges and bins >= 1 counts; got "
                    + (edges == null ? "null" : edges.length) + " edges and "
                    + (counts == null ? "null" : counts.length) + " counts");
        }
        double total = 0;
        for (int b = 0; b < counts.length; b++) {
            if (!Double.isFinite(counts[b]) || counts[b] < 0) {
                throw new IllegalArgumentException("histogram: counts[" + b + "] = " + counts[b]
                        + "; expected a finite count >= 0");
            }
            total += counts[b];
        }
        if (total <= 0) {
            throw new IllegalArgumentException("histogram: all " + counts.length + " counts are 0; expected some data");
        }
        for (int b = 0; b < edges.length; b++) {
            if (!Double.isFinite(edges[b]) || (b > 0 && edges[b] <= edges[b - 1])) {
                throw new IllegalArgumentException("histogram: edges[" + b + "] = " + edges[b]
                        + "; expected finite, strictly increasing edges");
            }
        }
        double[] density = new double[counts.length];
        for (int b = 0; b < counts.length; b++) {
            density[b] = counts[b] / (total * (edges[b + 1] - edges[b]));
        }
        return new DensityHistogram(edges.clone(), density, (int) Math.round(total));
    }

    /** Total area of the bars (1 up to rounding). */
    double area() {
        double a = 0;
        for (int b = 0; b < density.length; b++) {
            a += density[b] * (edges[b + 1] - edges[b]);
        }
        return a;
    }
}
