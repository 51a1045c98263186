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

    /** Total area of the bars (1 up to rounding). */
    double area() {
        double a = 0;
        for (int b = 0; b < density.length; b++) {
            a += density[b] * (edges[b + 1] - edges[b]);
        }
        return a;
    }
}
