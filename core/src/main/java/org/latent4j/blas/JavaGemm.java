package org.latent4j.blas;

import dev.ludovic.netlib.blas.JavaBLAS;

/**
 * The pure-Java path: the Vector API kernels ({@link FloatGemm}, {@link DoubleGemm}) when the JVM
 * was started with {@code --add-modules jdk.incubator.vector}, else netlib's scalar Java BLAS
 * (correct but several times slower). Tiny products take plain loops ({@link SmallGemm}).
 */
final class JavaGemm {
    /** Whether the incubating Vector API module is in the boot layer. */
    static final boolean VECTOR = org.latent4j.runtime.VectorSupport.AVAILABLE;

    private JavaGemm() {}

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if ((long) m * n * k <= SmallGemm.MAX_VOLUME) {
            SmallGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (VECTOR) {
            FloatGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            org.latent4j.runtime.VectorSupport.noticeScalarFallback();
            // Row-major C = A·B is column-major Cᵀ = Bᵀ·Aᵀ: swap the operands.
            JavaBLAS.getInstance().sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                    b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
        }
    }

    static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        if ((long) m * n * k <= SmallGemm.MAX_VOLUME) {
            SmallGemm.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (VECTOR) {
            DoubleGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            org.latent4j.runtime.VectorSupport.noticeScalarFallback();
            JavaBLAS.getInstance().dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                    b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
        }
    }

    /** A short description of the Java path in use. */
    static String describe() {
        return VECTOR ? "latent4j Vector API kernel (" + FloatGemm.vectorBits() + "-bit vectors)"
                : "netlib scalar Java (start the JVM with --add-modules jdk.incubator.vector for the fast kernel)";
    }
}
