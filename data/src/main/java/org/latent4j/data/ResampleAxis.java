package org.latent4j.data;

/**
 * The weights that resample one image axis of {@code n} source pixels to {@code m} output pixels; an image
 * is resized by applying one table along its rows and one along its columns (the 2-D weights are the products,
 * so every output pixel is a convex combination of source pixels and stays in [0, 1]).
 *
 * <ul>
 *   <li>Downscaling (m &lt; n): area averaging. Output pixel j covers the source interval
 *       [j·n/m, (j+1)·n/m); each source pixel i is weighted by the length of [i, i+1) inside it, divided by
 *       n/m (as PIL's BOX filter and OpenCV's INTER_AREA). With an integer ratio this is the plain mean of
 *       n/m pixels; no source pixel is skipped, so there is no aliasing from sampling.</li>
 *   <li>Upscaling (m &gt; n): bilinear with half-pixel centres, edges clamped: output j samples the source at
 *       s = (j + ½)·n/m − ½ (as PyTorch's {@code interpolate(mode="bilinear", align_corners=False)}).</li>
 *   <li>m = n: the identity.</li>
 * </ul>
 * Overlaps are computed in integers (units of 1/m pixel), so the area weights are exact fractions.
 */
final class ResampleAxis {
    /** First source pixel of each output pixel. */
    final int[] start;
    /** Number of source pixels of each output pixel. */
    final int[] count;
    /** Offset of each output pixel's weights in {@link #weights}. */
    final int[] offset;
    /** The weights, output pixel after output pixel; each output pixel's weights sum to 1. */
    final double[] weights;

    private ResampleAxis(int[] start, int[] count, int[] offset, double[] weights) {
        this.start = start;
        this.count = count;
        this.offset = offset;
        this.weights = weights;
    }

    /** The table from n source pixels to m output pixels (both at least 1). */
    static ResampleAxis of(int n, int m) {
        if (n < 1 || m < 1) {
            throw new IllegalArgumentException("cannot resample " + n + " pixels to " + m);
        }
        return m < n ? area(n, m) : bilinear(n, m);
    }

    /** One past the last source pixel of output pixel j. */
    int end(int j) {
        return start[j] + count[j];
    }

    private static ResampleAxis area(int n, int m) {
        int[] start = new int[m];
        int[] count = new int[m];
        int[] offset = new int[m];
        // output j covers [j·n, (j+1)·n) and source i covers [i·m, (i+1)·m), both in units of 1/m pixel
        int total = 0;
        for (int j = 0; j < m; j++) {
            long lo = (long) j * n;
            long hi = lo + n;
            start[j] = (int) (lo / m);
            int last = (int) ((hi - 1) / m);
            count[j] = last - start[j] + 1;
            offset[j] = total;
            total += count[j];
        }
        double[] weights = new double[total];
        for (int j = 0; j < m; j++) {
            long lo = (long) j * n;
            long hi = lo + n;
            for (int k = 0; k < count[j]; k++) {
                long i = start[j] + k;
                long overlap = Math.min(hi, (i + 1) * m) - Math.max(lo, i * m);
                weights[offset[j] + k] = (double) overlap / n;
            }
        }
        return new ResampleAxis(start, count, offset, weights);
    }

    private static ResampleAxis bilinear(int n, int m) {
        int[] start = new int[m];
        int[] count = new int[m];
        int[] offset = new int[m];
        double[] weights = new double[2 * m];
        int total = 0;
        for (int j = 0; j < m; j++) {
            double s = Math.min(n - 1, Math.max(0, (j + 0.5) * n / m - 0.5));
            int i0 = (int) Math.floor(s);
            double t = s - i0;
            start[j] = i0;
            offset[j] = total;
            if (i0 >= n - 1 || t == 0) {
                count[j] = 1;
                weights[total++] = 1;
            } else {
                count[j] = 2;
                weights[total++] = 1 - t;
                weights[total++] = t;
            }
        }
        return new ResampleAxis(start, count, offset, java.util.Arrays.copyOf(weights, total));
    }
}
