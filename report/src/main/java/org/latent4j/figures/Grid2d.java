package org.latent4j.figures;

import java.util.function.DoubleBinaryOperator;

/**
 * A scalar field (typically a density) sampled on a regular grid: {@code values[iy * nx + ix]} at
 * {@code x = xMin + ix (xMax - xMin)/(nx - 1)}, {@code y = yMin + iy (yMax - yMin)/(ny - 1)}.
 * The values array is not copied. NaN marks a point where the field is undefined; contour lines
 * skip the grid cells touching it.
 *
 * @param xMin first x of the grid
 * @param xMax last x of the grid
 * @param yMin first y of the grid
 * @param yMax last y of the grid
 * @param nx   grid points along x (at least 2)
 * @param ny   grid points along y (at least 2)
 * @param values nx·ny values, x varying fastest
 */
public record Grid2d(double xMin, double xMax, double yMin, double yMax, int nx, int ny, double[] values) {

    /** Checks the extent is finite and increasing, the grid has at least 2×2 points and nx·ny values. */
    public Grid2d {
        if (!(Double.isFinite(xMin) && Double.isFinite(xMax) && xMin < xMax)) {
            throw new IllegalArgumentException("grid: x range [" + xMin + ", " + xMax + "] is not finite and increasing");
        }
        if (!(Double.isFinite(yMin) && Double.isFinite(yMax) && yMin < yMax)) {
            throw new IllegalArgumentException("grid: y range [" + yMin + ", " + yMax + "] is not finite and increasing");
        }
        if (nx < 2 || ny < 2) {
            throw new IllegalArgumentException("grid: nx=" + nx + ", ny=" + ny + "; expected at least 2 points along each axis");
        }
        if (values == null || values.length != (long) nx * ny) {
            throw new IllegalArgumentException("grid: values has " + (values == null ? "null" : values.length)
                    + " entries; expected nx·ny = " + ((long) nx * ny));
        }
    }

    /** Samples f(x, y) at every grid point. */
    public static Grid2d evaluate(double xMin, double xMax, double yMin, double yMax, int nx, int ny,
                                  DoubleBinaryOperator f) {
        if (f == null) {
            throw new IllegalArgumentException("grid: f is null");
        }
        if (nx < 2 || ny < 2) {
            throw new IllegalArgumentException("grid: nx=" + nx + ", ny=" + ny + "; expected at least 2 points along each axis");
        }
        double[] v = new double[Math.multiplyExact(nx, ny)];
        double dx = (xMax - xMin) / (nx - 1), dy = (yMax - yMin) / (ny - 1);
        for (int iy = 0; iy < ny; iy++) {
            double y = yMin + iy * dy;
            for (int ix = 0; ix < nx; ix++) {
                v[iy * nx + ix] = f.applyAsDouble(xMin + ix * dx, y);
            }
        }
        return new Grid2d(xMin, xMax, yMin, yMax, nx, ny, v);
    }

    /** x of column ix. */
    public double x(int ix) {
        return xMin + ix * (xMax - xMin) / (nx - 1);
    }

    /** y of row iy. */
    public double y(int iy) {
        return yMin + iy * (yMax - yMin) / (ny - 1);
    }

    /** The value at column ix, row iy. */
    public double value(int ix, int iy) {
        return values[iy * nx + ix];
    }
}
