package org.latent4j.models.linalg;

/**
 * Cholesky factorization of symmetric positive-definite matrices, row-major {@code double[]}.
 *
 * <p>A = L·Lᵀ with L lower-triangular (Golub and Van Loan, Matrix Computations, algorithm 4.2.1,
 * the row-oriented "Cholesky–Banachiewicz" order). Only the lower triangle of A is read.
 */
public final class Cholesky {
    private Cholesky() {}

    /**
     * Writes L (lower triangle, zeros above) of the d×d matrix {@code a[aOff ..]} into {@code l[lOff ..]}.
     * {@code a} and {@code l} may be the same array at the same offset.
     *
     * @return -1 on success, else the index of the first pivot that is not positive (A not positive definite)
     */
    public static int decompose(double[] a, int aOff, double[] l, int lOff, int d) {
        for (int i = 0; i < d; i++) {
            int li = lOff + i * d;
            for (int j = 0; j <= i; j++) {
                int lj = lOff + j * d;
                double s = a[aOff + i * d + j];
                for (int p = 0; p < j; p++) {
                    s -= l[li + p] * l[lj + p];
                }
                if (i == j) {
                    if (!(s > 0.0) || !Double.isFinite(s)) {
                        return i;
                    }
                    l[li + i] = Math.sqrt(s);
                } else {
                    l[li + j] = s / l[lj + j];
                }
            }
            for (int j = i + 1; j < d; j++) {
                l[li + j] = 0.0;
            }
        }
        return -1;
    }

    /** L of a d×d matrix as a new array; throws naming {@code what} if A is not positive definite. */
    public static double[] decompose(double[] a, int d, String what) {
        double[] l = new double[d * d];
        int bad = decompose(a, 0, l, 0, d);
        if (bad >= 0) {
            throw new IllegalArgumentException(what + " is not positive definite (pivot " + bad
                    + " of " + d + " is not positive)");
        }
        return l;
    }

    /** log det A = 2 Σ log L_ii, from the factor L. */
    public static double logDet(double[] l, int lOff, int d) {
        double s = 0.0;
        for (int i = 0; i < d; i++) {
            s += Math.log(l[lOff + i * d + i]);
        }
        return 2.0 * s;
    }
}
