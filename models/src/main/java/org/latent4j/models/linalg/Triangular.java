package org.latent4j.models.linalg;

/** Small dense triangular-matrix helpers, row-major {@code double[]}. */
public final class Triangular {
    private Triangular() {}

    /**
     * Inverse of a lower-triangular d×d matrix L by forward substitution, column by column of the
     * identity; the result is lower-triangular. {@code out} must not alias {@code l}.
     */
    public static void invertLower(double[] l, int lOff, double[] out, int oOff, int d) {
        for (int i = 0; i < d * d; i++) {
            out[oOff + i] = 0.0;
        }
        for (int c = 0; c < d; c++) {
            // Solve L·x = e_c; x is zero above row c.
            out[oOff + c * d + c] = 1.0 / l[lOff + c * d + c];
            for (int i = c + 1; i < d; i++) {
                double s = 0.0;
                int li = lOff + i * d;
                for (int p = c; p < i; p++) {
                    s -= l[li + p] * out[oOff + p * d + c];
                }
                out[oOff + i * d + c] = s / l[li + i];
            }
        }
    }

    /** Transposes the d×d matrix {@code a[aOff ..]} into {@code out[oOff ..]} (no aliasing). */
    public static void transpose(double[] a, int aOff, double[] out, int oOff, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[oOff + j * d + i] = a[aOff + i * d + j];
            }
        }
    }

    /** Solves L·x = b in place for lower-triangular L (forward substitution). */
    public static void solveLower(double[] l, int lOff, double[] b, int bOff, int d) {
        for (int i = 0; i < d; i++) {
            double s = b[bOff + i];
            int li = lOff + i * d;
            for (int p = 0; p < i; p++) {
                s -= l[li + p] * b[bOff + p];
            }
            b[bOff + i] = s / l[li + i];
        }
    }
}
