package org.latent4j.figures.mixture;

import org.latent4j.figures.Grid2d;
import org.latent4j.models.mixture.GaussianMixture;

/**
 * A 2-D mixture's density p(x) = exp(log p(x)) on a regular grid covering a point set, evaluated with
 * the model's own {@link GaussianMixture#scoreSamples} in one call (so the picture shows exactly the
 * density the model scores with).
 */
final class DensityGrid {
    /** Grid points per axis: fine enough for smooth contours at chart size, 22,500 scores in all. */
    static final int POINTS = 150;
    /** Margin around the points, as a fraction of their range on each axis. */
    static final double MARGIN = 0.08;

    private DensityGrid() {}

    /** The density on a POINTS×POINTS grid over the bounding box of the points (x, y) plus a margin. */
    static Grid2d of(GaussianMixture g, double[] x, double[] y) {
        double[] bx = bounds(x);
        double[] by = bounds(y);
        return of(g, bx[0], bx[1], by[0], by[1], POINTS, POINTS);
    }

    static Grid2d of(GaussianMixture g, double xMin, double xMax, double yMin, double yMax, int nx, int ny) {
        double[] pts = new double[2 * nx * ny];
        for (int iy = 0; iy < ny; iy++) {
            double yy = yMin + (yMax - yMin) * iy / (ny - 1);
            for (int ix = 0; ix < nx; ix++) {
                int i = iy * nx + ix;
                pts[2 * i] = xMin + (xMax - xMin) * ix / (nx - 1);
                pts[2 * i + 1] = yy;
            }
        }
        double[] v = g.scoreSamples(pts);
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(v[i]);
        }
        return new Grid2d(xMin, xMax, yMin, yMax, nx, ny, v);
    }

    /** [min − margin, max + margin]; a constant coordinate gets a unit-wide window around it. */
    static double[] bounds(double[] v) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double a : v) {
            min = Math.min(min, a);
            max = Math.max(max, a);
        }
        double span = max - min;
        double m = span > 0 ? MARGIN * span : Math.max(0.5, 0.5 * Math.abs(min));
        return new double[] {min - m, max + m};
    }
}
