package org.latent4j.figures;

import java.util.Arrays;

/**
 * Cuts a polyline into dashes, separated by points with NaN y, where XChart breaks a line.
 *
 * <p>Why: XChart strokes a line series one segment at a time, so a dash pattern restarts at every
 * data point; a curve sampled every few pixels (a density evaluated at 200 points) then looks solid.
 * Cutting the curve into dashes ourselves keeps it dashed at any sampling density. Lengths are
 * measured in approximate pixels: {@code sx} and {@code sy} convert data units to pixels, estimated
 * from the data range and the plot size before XChart lays out the axes, so dashes come out within
 * a few pixels of the intended length.
 */
final class DashedPath {
    private double[] x = new double[64], y = new double[64];
    private int n;

    private DashedPath() {}

    /**
     * The dashes of the polyline (x, y): pieces of {@code on} pixels separated by gaps of {@code off}
     * pixels, each piece followed by a point with NaN y. A NaN in y is a gap of the input and restarts the pattern.
     *
     * @return {x, y} arrays of the dashed polyline
     */
    static double[][] cut(double[] xs, double[] ys, double sx, double sy, double on, double off) {
        DashedPath out = new DashedPath();
        boolean drawing = true;
        double left = on;          // pixels left in the current dash or gap
        boolean prevValid = false;
        for (int i = 0; i < ys.length; i++) {
            if (Double.isNaN(ys[i])) {
                if (prevValid && drawing) {
                    out.add(xs[i - 1], Double.NaN);
                }
                prevValid = false;
                continue;
            }
            if (!prevValid) {
                drawing = true;
                left = on;
                out.add(xs[i], ys[i]);
                prevValid = true;
                continue;
            }
            double x0 = xs[i - 1], y0 = ys[i - 1], x1 = xs[i], y1 = ys[i];
            double len = Math.hypot((x1 - x0) * sx, (y1 - y0) * sy);
            double done = 0;
            while (len - done > left) {
                done += left;
                double t = done / len;
                double px = x0 + t * (x1 - x0), py = y0 + t * (y1 - y0);
                out.add(px, py);
                if (drawing) {
                    // The break: y NaN, x kept finite so XChart's axis ranges ignore it.
                    out.add(px, Double.NaN);
                }
                drawing = !drawing;
                left = drawing ? on : off;
            }
            left -= len - done;
            if (drawing) {
                out.add(x1, y1);
            }
        }
        return new double[][] {Arrays.copyOf(out.x, out.n), Arrays.copyOf(out.y, out.n)};
    }

    private void add(double px, double py) {
        if (n == x.length) {
            x = Arrays.copyOf(x, n * 2);
            y = Arrays.copyOf(y, n * 2);
        }
        x[n] = px;
        y[n++] = py;
    }
}
