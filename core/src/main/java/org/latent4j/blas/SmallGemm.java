package org.latent4j.blas;

/**
 * Plain loops for products too small to repay packing (and for a cold JVM, where Vector API code
 * runs interpreted and is very slow until the JIT compiles it). Sums over k in ascending order.
 */
final class SmallGemm {
    /** Products with m·n·k at most this go through these loops. */
    static final long MAX_VOLUME = 4096;

    private SmallGemm() {}

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        // Strides of op(A) and op(B) along their rows and columns.
        int aRow = transA ? 1 : lda, aCol = transA ? lda : 1;
        int bRow = transB ? 1 : ldb, bCol = transB ? ldb : 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0, ai = aOff + i * aRow, bi = bOff + j * bCol; p < k; p++, ai += aCol, bi += bRow) {
                    s += a[ai] * b[bi];
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0f ? alpha * s : alpha * s + beta * c[ci];
            }
        }
    }

    static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        int aRow = transA ? 1 : lda, aCol = transA ? lda : 1;
        int bRow = transB ? 1 : ldb, bCol = transB ? ldb : 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0.0;
                for (int p = 0, ai = aOff + i * aRow, bi = bOff + j * bCol; p < k; p++, ai += aCol, bi += bRow) {
                    s += a[ai] * b[bi];
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0.0 ? alpha * s : alpha * s + beta * c[ci];
            }
        }
    }
}
