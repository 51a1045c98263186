package org.latent4j.blas;

import dev.ludovic.netlib.blas.NativeBLAS;
import org.latent4j.runtime.Parallel;
import org.latent4j.runtime.Threads;

/**
 * Spreads a native product over latent4j's own threads: C is cut into blocks of rows (or of columns,
 * when it has few rows) and each block is one single-threaded OpenBLAS call on one {@link Parallel}
 * worker.
 *
 * <p>Why not OpenBLAS's own threads: between two products its idle workers spin on {@code sched_yield}
 * while latent4j's element-wise loops want the same cores (one epoch of the reference VAE made 130 000
 * such calls and spent a third of its time in the kernel). With one owner of the threads there is no
 * oversubscription, and the result depends only on {@link Threads#count()}, as on the Java path.
 */
final class NativeSplit {
    /** Below this many multiply-adds a product runs on the calling thread. */
    static final long MIN_WORK = 1L << 18;
    /** Each block keeps at least this many rows or columns, so the micro-kernels stay full. */
    static final int MIN_BLOCK = 16;

    private NativeSplit() {}

    /** One block of C: rows [r0, r1) and columns [c0, c1). */
    @FunctionalInterface
    interface Block {
        void run(int r0, int r1, int c0, int c1);
    }

    /**
     * Cuts an m×n product into blocks of rows (or of columns, when C has fewer rows than columns) over
     * latent4j's threads, or runs it whole on the calling thread when it is small.
     */
    static void split(int m, int n, int k, Block block) {
        int chunks = chunks(m, n, k);
        if (chunks <= 1) {
            block.run(0, m, 0, n);
        } else if (m >= n) {
            Parallel.forChunks(m, Math.max(MIN_BLOCK, m / chunks), (ch, r0, r1) -> block.run(r0, r1, 0, n));
        } else {
            Parallel.forChunks(n, Math.max(MIN_BLOCK, n / chunks), (ch, c0, c1) -> block.run(0, m, c0, c1));
        }
    }

    // Row-major C = A·B is column-major Cᵀ = Bᵀ·Aᵀ: the operands are swapped for the Fortran interface.
    // Rows of op(A) start at r0·lda (or column r0 when A is transposed); columns of op(B) likewise.

    static void sgemm(NativeBLAS blas, boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        split(m, n, k, (r0, r1, c0, c1) -> blas.sgemm(transB ? "T" : "N", transA ? "T" : "N", c1 - c0, r1 - r0, k,
                alpha, b, bOff + (transB ? c0 * ldb : c0), ldb, a, aOff + (transA ? r0 : r0 * lda), lda,
                beta, c, cOff + r0 * ldc + c0, ldc));
    }

    static void dgemm(NativeBLAS blas, boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        split(m, n, k, (r0, r1, c0, c1) -> blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", c1 - c0, r1 - r0, k,
                alpha, b, bOff + (transB ? c0 * ldb : c0), ldb, a, aOff + (transA ? r0 : r0 * lda), lda,
                beta, c, cOff + r0 * ldc + c0, ldc));
    }

    /** How many blocks a product is worth cutting into (1: run it on the calling thread). */
    static int chunks(int m, int n, int k) {
        int threads = Threads.count();
        if (threads == 1 || (long) m * n * k < MIN_WORK) {
            return 1;
        }
        return Math.min(threads, Math.max(m, n) / MIN_BLOCK);
    }
}
