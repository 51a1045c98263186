package org.latent4j.blas;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Matrix products in row-major layout: the one door to BLAS.
 *
 * <p>{@code C = alpha * op(A) * op(B) + beta * C}, where op(X) is X or its transpose, all matrices
 * row-major with leading dimensions equal to their row strides (the convention of the tensors).
 */
public final class Blas {
    private static final BLAS NETLIB = BLAS.getInstance();

    private Blas() {}

    /** Single-precision product; see the class comment. C is m×n, op(A) m×k, op(B) k×n. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        // Row-major C = A·B is column-major Cᵀ = Bᵀ·Aᵀ: swap the operands.
        NETLIB.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
    }

    /** Double-precision product; see the class comment. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                             double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        NETLIB.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
    }
}
