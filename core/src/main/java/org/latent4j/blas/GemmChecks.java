package org.latent4j.blas;

/** Argument checks shared by every GEMM path, so bad calls fail the same clear way on each backend. */
final class GemmChecks {
    private GemmChecks() {}

    /**
     * Checks sizes, strides and array bounds of a row-major product C = alpha·op(A)·op(B) + beta·C.
     *
     * @param aLen length of A's array, {@code bLen} of B's, {@code cLen} of C's
     * @throws IllegalArgumentException naming the first argument that does not fit
     */
    static void check(boolean transA, boolean transB, int m, int n, int k,
                      int aLen, int aOff, int lda, int bLen, int bOff, int ldb,
                      int cLen, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: sizes must be >= 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
        // Row-major storage of op(A) (m×k): A itself is m×k, or k×m when transposed.
        matrix("A", transA ? k : m, transA ? m : k, aLen, aOff, lda, transA);
        matrix("B", transB ? n : k, transB ? k : n, bLen, bOff, ldb, transB);
        matrix("C", m, n, cLen, cOff, ldc, false);
    }

    private static void matrix(String name, int rows, int cols, int len, int off, int ld, boolean trans) {
        if (ld < Math.max(1, cols)) {
            String shape = name + (trans ? " (transposed)" : "") + " stored as " + rows + "×" + cols;
            throw new IllegalArgumentException("gemm: leading dimension of " + shape + " must be >= "
                    + Math.max(1, cols) + ", got " + ld);
        }
        if (off < 0) {
            throw new IllegalArgumentException("gemm: offset of " + name + " must be >= 0, got " + off);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long end = off + (long) (rows - 1) * ld + cols;
        if (end > len) {
            // the message is built only on failure: this check runs on every product
            String shape = name + (trans ? " (transposed)" : "") + " stored as " + rows + "×" + cols;
            throw new IllegalArgumentException("gemm: " + shape + " with offset " + off + " and leading dimension "
                    + ld + " needs an array of at least " + end + " elements, got " + len);
        }
    }
}
