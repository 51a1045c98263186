package org.latent4j.models.linalg;

/** Checks and small helpers for row-major data matrices held in {@code double[]}. */
public final class Matrices {
    private Matrices() {}

    /**
     * The number of rows of an n×d matrix, after checking that its length is a multiple of d, that it
     * has at least one row, and that every entry is finite; errors name the first bad row and column.
     */
    public static int checkData(double[] x, int d, String what) {
        if (d < 1) {
            throw new IllegalArgumentException(what + ": the number of columns must be >= 1, got " + d);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(what + ": no rows (an empty data set); at least one row is needed");
        }
        if (x.length % d != 0) {
            throw new IllegalArgumentException(what + ": " + x.length + " values do not make whole rows of "
                    + d + " columns");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(what + ": row " + (i / d) + ", column " + (i % d)
                        + " is " + x[i] + "; every value must be a finite number");
            }
        }
        return x.length / d;
    }

    /** Checks per-row weights: n of them, each finite and >= 0, not all zero; returns their sum. */
    public static double checkWeights(double[] w, int n, String what) {
        if (w.length != n) {
            throw new IllegalArgumentException(what + ": expected one weight per row (" + n + "), got " + w.length);
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            if (!(w[i] >= 0.0) || !Double.isFinite(w[i])) {
                throw new IllegalArgumentException(what + ": weight of row " + i + " is " + w[i]
                        + "; weights must be finite and >= 0");
            }
            sum += w[i];
        }
        if (!(sum > 0.0)) {
            throw new IllegalArgumentException(what + ": all weights are zero");
        }
        return sum;
    }

    /** Flattens rows of equal length into a row-major array. */
    public static double[] flatten(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows");
        }
        int d = rows[0].length;
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has " + d);
            }
            System.arraycopy(rows[i], 0, out, i * d, d);
        }
        return out;
    }

    /** Copies the lower triangle of a d×d matrix onto its upper triangle. */
    public static void symmetrizeFromLower(double[] a, int off, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                a[off + j * d + i] = a[off + i * d + j];
            }
        }
    }
}
