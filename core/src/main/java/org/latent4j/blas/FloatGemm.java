package org.latent4j.blas;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.latent4j.runtime.Parallel;
import org.latent4j.runtime.Threads;

/**
 * The pure-Java single-precision GEMM: a packed, cache-blocked kernel on the Vector API.
 *
 * <p>The loop structure follows Goto and van de Geijn, "Anatomy of high-performance matrix
 * multiplication" (ACM TOMS 34(3), 2008), in the BLIS arrangement (Van Zee and van de Geijn,
 * ACM TOMS 41(3), 2015): op(B) is packed in KC×NC blocks of NR-wide column panels, op(A) in MC×KC
 * blocks of MR-high row panels, and an MR×NR micro-kernel keeps its tile of C in vector registers
 * while it walks the shared dimension. Packing reads A and B in whichever layout they come in,
 * so the four transpose combinations share one micro-kernel.
 *
 * <p>Each element of C is summed by one thread in the same order whatever the thread count, so
 * results are bit-identical for 1 or N threads. Work is split over columns, in whole vectors (or
 * over row panels when C is narrow) with {@link Parallel}; small products stay on the calling thread.
 */
final class FloatGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Rows of the micro-tile: one broadcast each per step of k. Eight with 512-bit vectors (16
     * accumulators of the 32 registers); four on narrower hardware, where AVX2's 16 registers would
     * otherwise spill (measured with -XX:UseAVX=2: 94 against 64 GFLOP/s per core in L1).
     */
    static final int MR = S.vectorBitSize() >= 512 ? 8 : 4;
    /**
     * Columns of the micro-tile: two vectors. Wider tiles did not measure faster on a Zen 5 core
     * (docs/performance.md): with 8×3 (24 accumulators) C2 spilled two accumulators to the stack
     * in the k-loop, and 6×4, 6×3 and 7×3 ran within noise of 8×2, already near the FMA peak.
     */
    static final int NR = 2 * L;
    /** Depth of a packed block: an NR-wide panel of B (KC·NR floats) stays in L1. */
    static final int KC = 256;
    /** Rows of a packed block of A (MC·KC floats, in L2). */
    static final int MC = 128;
    /** Columns of a packed block of B (KC·NC floats, in L2/L3). */
    static final int NC = 32 * NR;
    /** Below this many flops (2·m·n·k) the product stays on the calling thread. */
    static final long PARALLEL_MIN_FLOPS = 1L << 21;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /**
     * Whether packing transposes blocks of 16 steps in registers where the layout needs a transpose (A not
     * transposed, B transposed) with 512-bit vectors and eight-row tiles; otherwise, and for partial panels
     * and the last {@code kb mod 16} steps, it copies one value at a time. The transpose is about 2.2 times as
     * fast as the copy (0.19 against 0.39–0.42 ns a value for B's panels, in cache); products with B
     * transposed, the layout of every linear layer's forward pass, gained 12–16 % in {@code bench gemm}
     * (docs/performance.md). Packing only moves values, so results are the same to the bit.
     */
    static final boolean VECTOR_TRANSPOSE = L == 16 && MR == 8;
    /**
     * The two halves of a perfect shuffle of vectors x and y: lanes x0 y0 x1 y1 … x7 y7 and x8 y8 … x15 y15.
     * Pairing vector i with vector i + n/2 in every one of log₂ n rounds transposes n vectors of 16 lanes
     * (n = 16: a 16×16 block; n = 8: eight rows into steps of eight values, two steps per vector).
     */
    private static final VectorShuffle<Float> SHUFFLE_LO = VectorShuffle.fromOp(S, l -> (l % 2 == 0 ? 0 : L) + l / 2);
    private static final VectorShuffle<Float> SHUFFLE_HI = VectorShuffle.fromOp(S, l -> (l % 2 == 0 ? 0 : L) + L / 2 + l / 2);

    private FloatGemm() {}

    /** C = alpha·op(A)·op(B) + beta·C, row-major; arguments already checked. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        // A narrow C (n well under a panel's width) wastes most of each micro-tile; computing
        // Cᵀ = op(B)ᵀ·op(A)ᵀ instead fills the tiles, and gives the same bits (each element is the
        // same sum of the same products in the same order).
        // A C of one or two columns becomes one of one or two rows, for the row path below.
        boolean swap = (n <= NR * 3 / 4 && m >= 2 * NR) || (n <= 2 && m > n);
        Operands op = swap
                ? new Operands(!transB, !transA, alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, 1, ldc, k)
                : new Operands(transA, transB, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, 1, k);
        int rows = swap ? n : m;
        int cols = swap ? m : n;
        if (rows <= 2) {
            // Matrix-vector-like products: padding them to MR-row tiles would waste most of the work.
            rowProducts(op, rows, cols);
            return;
        }
        int rowPanels = (rows + MR - 1) / MR;
        int colVectors = (cols + L - 1) / L;
        int threads = 2L * m * n * k < PARALLEL_MIN_FLOPS ? 1 : Threads.count();
        if (threads == 1) {
            block(op, 0, rows, 0, cols);
        } else if (colVectors >= 4 * threads || colVectors >= rowPanels) {
            // Column split: each thread packs its own part of B and all of A (A is usually the smaller).
            // Cut in whole vectors, not panels, so the threads get equal work: 400 columns are 25
            // vectors, 13 and 12 per thread, where 13 panels of 32 would go 7 and 6. A thread's last
            // panel may then be narrower than NR; a narrower kernel skips its empty vectors.
            Parallel.forRange(colVectors, 1, (s, e) -> block(op, 0, rows, s * L, Math.min(cols, e * L)));
        } else {
            Parallel.forRange(rowPanels, 1, (s, e) -> block(op, s * MR, Math.min(rows, e * MR), 0, cols));
        }
    }

    /**
     * The operands of one product, so the parallel bodies capture a single object. C's element
     * (i, j) is at {@code cOff + i·cRow + j·cCol}: (ldc, 1) normally, (1, ldc) when computing Cᵀ.
     */
    private record Operands(boolean transA, boolean transB, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int cRow, int cCol, int k) {}

    /** Per-thread packing buffers, grown on demand and reused across calls. */
    private static final class Buffers {
        float[] a = new float[0];
        float[] b = new float[0];
        final float[] tile = new float[MR * NR];

        float[] a(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }

    /**
     * One or two rows of C, each from op(A)'s row (copied contiguous) and B: dot products with B's
     * rows when B is used transposed, else a sum of B's rows scaled by the row's entries.
     */
    private static void rowProducts(Operands op, int rows, int cols) {
        Buffers buf = BUFFERS.get();
        int k = op.k();
        float[] arow = buf.a(k);
        float[] acc = buf.b(cols);
        float[] a = op.a();
        float[] b = op.b();
        float[] c = op.c();
        int lda = op.lda();
        int ldb = op.ldb();
        for (int i = 0; i < rows; i++) {
            for (int p = 0; p < k; p++) {
                arow[p] = op.transA() ? a[op.aOff() + p * lda + i] : a[op.aOff() + i * lda + p];
            }
            if (op.transB()) {
                for (int j = 0; j < cols; j++) {
                    acc[j] = dot(arow, b, op.bOff() + j * ldb, k);
                }
            } else {
                java.util.Arrays.fill(acc, 0, cols, 0f);
                for (int p = 0; p < k; p++) {
                    axpy(arow[p], b, op.bOff() + p * ldb, acc, cols);
                }
            }
            int ci = op.cOff() + i * op.cRow();
            for (int j = 0; j < cols; j++) {
                int idx = ci + j * op.cCol();
                float v = op.alpha() * acc[j];
                c[idx] = op.beta() == 0f ? v : v + op.beta() * c[idx];
            }
        }
    }

    /** Σ_p x[p]·y[yOff + p] over p < k, in vector lanes, then across them. */
    private static float dot(float[] x, float[] y, int yOff, int k) {
        FloatVector s = FloatVector.zero(S);
        int bound = k - k % L;
        for (int p = 0; p < bound; p += L) {
            s = FloatVector.fromArray(S, x, p).fma(FloatVector.fromArray(S, y, yOff + p), s);
        }
        // Lanes summed in order: reduceLanes(ADD) may sum in another order once the JIT compiles it than
        // before, and the same product must give the same bits whenever it runs.
        float r = 0;
        for (int l = 0; l < L; l++) {
            r += s.lane(l);
        }
        for (int p = bound; p < k; p++) {
            r = Math.fma(x[p], y[yOff + p], r);
        }
        return r;
    }

    /** acc[j] += x·y[yOff + j] for j < n. */
    private static void axpy(float x, float[] y, int yOff, float[] acc, int n) {
        FloatVector xv = FloatVector.broadcast(S, x);
        int bound = n - n % L;
        for (int j = 0; j < bound; j += L) {
            FloatVector.fromArray(S, y, yOff + j).fma(xv, FloatVector.fromArray(S, acc, j)).intoArray(acc, j);
        }
        for (int j = bound; j < n; j++) {
            acc[j] = Math.fma(x, y[yOff + j], acc[j]);
        }
    }

    /** Computes rows [i0, i1) × columns [j0, j1) of C. */
    private static void block(Operands op, int i0, int i1, int j0, int j1) {
        Buffers buf = BUFFERS.get();
        int k = op.k();
        // Equal depth blocks of at most KC: 784 becomes 4×196, not 3×256 and a 16-deep block that
        // would pay a whole pass of packing and C updates for little arithmetic.
        int depthBlocks = (k + KC - 1) / KC;
        int depth = (k + depthBlocks - 1) / depthBlocks;
        for (int jc = j0; jc < j1; jc += NC) {
            int nb = Math.min(NC, j1 - jc);
            int nbPad = roundUp(nb, NR);
            for (int pc = 0; pc < k; pc += depth) {
                int kb = Math.min(depth, k - pc);
                float[] bp = buf.b(nbPad * kb);
                packB(op, pc, kb, jc, nb, bp);
                // Later depth blocks add to what the first one wrote.
                float beta = pc == 0 ? op.beta() : 1f;
                for (int ic = i0; ic < i1; ic += MC) {
                    int mb = Math.min(MC, i1 - ic);
                    float[] ap = buf.a(roundUp(mb, MR) * kb);
                    packA(op, ic, mb, pc, kb, ap);
                    for (int jr = 0; jr < nb; jr += NR) {
                        int cols = Math.min(NR, nb - jr);
                        int vectors = (cols + L - 1) / L;
                        for (int ir = 0; ir < mb; ir += MR) {
                            kernel(vectors, kb, ap, ir * kb, bp, jr * kb, op.c(),
                                    op.cOff() + (ic + ir) * op.cRow() + (jc + jr) * op.cCol(), op.cRow(), op.cCol(),
                                    Math.min(MR, mb - ir), cols, op.alpha(), beta, buf.tile);
                        }
                    }
                }
            }
        }
    }

    /** Packs op(A)[i0 : i0+mb, p0 : p0+kb] into MR-row panels: panel q, step p holds MR values. */
    private static void packA(Operands op, int i0, int mb, int p0, int kb, float[] dst) {
        float[] a = op.a();
        int lda = op.lda();
        for (int q = 0; q < mb; q += MR) {
            int rows = Math.min(MR, mb - q);
            int base = q * kb;
            if (op.transA()) {
                // op(A)[i][p] = A[p][i]: each step p is a contiguous run of rows.
                int src = op.aOff() + p0 * lda + i0 + q;
                if (rows == MR) {
                    // A fixed-length copy the JIT unrolls: arraycopy's call costs more than 8 elements.
                    for (int p = 0; p < kb; p++, src += lda) {
                        int d = base + p * MR;
                        for (int r = 0; r < MR; r++) {
                            dst[d + r] = a[src + r];
                        }
                    }
                    continue;
                }
                for (int p = 0; p < kb; p++, src += lda) {
                    int d = base + p * MR;
                    System.arraycopy(a, src, dst, d, rows);
                    for (int r = rows; r < MR; r++) {
                        dst[d + r] = 0f;
                    }
                }
            } else {
                if (VECTOR_TRANSPOSE && rows == MR) {
                    transposeEightRows(a, op.aOff() + (i0 + q) * lda + p0, lda, kb, dst, base);
                    continue;
                }
                for (int r = 0; r < rows; r++) {
                    int src = op.aOff() + (i0 + q + r) * lda + p0;
                    for (int p = 0, d = base + r; p < kb; p++, d += MR) {
                        dst[d] = a[src + p];
                    }
                }
                for (int r = rows; r < MR; r++) {
                    for (int p = 0, d = base + r; p < kb; p++, d += MR) {
                        dst[d] = 0f;
                    }
                }
            }
        }
    }

    /** Packs op(B)[p0 : p0+kb, j0 : j0+nb] into NR-column panels: panel q, step p holds NR values. */
    private static void packB(Operands op, int p0, int kb, int j0, int nb, float[] dst) {
        float[] b = op.b();
        int ldb = op.ldb();
        for (int q = 0; q < nb; q += NR) {
            int cols = Math.min(NR, nb - q);
            int base = q * kb;
            if (op.transB()) {
                // op(B)[p][j] = B[j][p]: each row of B is a column of the panel.
                if (VECTOR_TRANSPOSE && cols == NR) {
                    int src = op.bOff() + (j0 + q) * ldb + p0;
                    transposeSixteenRows(b, src, ldb, kb, dst, base);
                    transposeSixteenRows(b, src + L * ldb, ldb, kb, dst, base + L);
                    continue;
                }
                // Read each row of B once, scatter it down the panel.
                for (int jj = 0; jj < cols; jj++) {
                    int src = op.bOff() + (j0 + q + jj) * ldb + p0;
                    for (int p = 0, d = base + jj; p < kb; p++, d += NR) {
                        dst[d] = b[src + p];
                    }
                }
                for (int jj = cols; jj < NR; jj++) {
                    for (int p = 0, d = base + jj; p < kb; p++, d += NR) {
                        dst[d] = 0f;
                    }
                }
            } else {
                int src = op.bOff() + p0 * ldb + j0 + q;
                if (cols == NR) {
                    for (int p = 0; p < kb; p++, src += ldb) {
                        int d = base + p * NR;
                        FloatVector.fromArray(S, b, src).intoArray(dst, d);
                        FloatVector.fromArray(S, b, src + L).intoArray(dst, d + L);
                    }
                    continue;
                }
                for (int p = 0; p < kb; p++, src += ldb) {
                    int d = base + p * NR;
                    System.arraycopy(b, src, dst, d, cols);
                    for (int jj = cols; jj < NR; jj++) {
                        dst[d + jj] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Packs eight rows of A, {@code a[src + r·lda + p]} for r < 8 and p < kb, as MR-row steps:
     * {@code dst[base + p·8 + r]}. Sixteen steps at a time are a transpose of eight vectors in three rounds
     * of {@link #SHUFFLE_LO} and {@link #SHUFFLE_HI} (each output vector then holds two steps); the last
     * {@code kb mod 16} steps are copied one value at a time.
     */
    private static void transposeEightRows(float[] a, int src, int lda, int kb, float[] dst, int base) {
        int vectorSteps = kb - kb % L;
        for (int p = 0; p < vectorSteps; p += L) {
            int s = src + p;
            FloatVector v0 = FloatVector.fromArray(S, a, s), v1 = FloatVector.fromArray(S, a, s + lda);
            FloatVector v2 = FloatVector.fromArray(S, a, s + 2 * lda), v3 = FloatVector.fromArray(S, a, s + 3 * lda);
            FloatVector v4 = FloatVector.fromArray(S, a, s + 4 * lda), v5 = FloatVector.fromArray(S, a, s + 5 * lda);
            FloatVector v6 = FloatVector.fromArray(S, a, s + 6 * lda), v7 = FloatVector.fromArray(S, a, s + 7 * lda);
            for (int round = 0; round < 3; round++) {
                FloatVector w0 = v0.rearrange(SHUFFLE_LO, v4), w1 = v0.rearrange(SHUFFLE_HI, v4);
                FloatVector w2 = v1.rearrange(SHUFFLE_LO, v5), w3 = v1.rearrange(SHUFFLE_HI, v5);
                FloatVector w4 = v2.rearrange(SHUFFLE_LO, v6), w5 = v2.rearrange(SHUFFLE_HI, v6);
                FloatVector w6 = v3.rearrange(SHUFFLE_LO, v7), w7 = v3.rearrange(SHUFFLE_HI, v7);
                v0 = w0; v1 = w1; v2 = w2; v3 = w3; v4 = w4; v5 = w5; v6 = w6; v7 = w7;
            }
            int d = base + p * MR;
            v0.intoArray(dst, d);
            v1.intoArray(dst, d + L);
            v2.intoArray(dst, d + 2 * L);
            v3.intoArray(dst, d + 3 * L);
            v4.intoArray(dst, d + 4 * L);
            v5.intoArray(dst, d + 5 * L);
            v6.intoArray(dst, d + 6 * L);
            v7.intoArray(dst, d + 7 * L);
        }
        for (int r = 0; r < MR; r++) {
            for (int p = vectorSteps, d = base + p * MR + r; p < kb; p++, d += MR) {
                dst[d] = a[src + r * lda + p];
            }
        }
    }

    /**
     * Packs sixteen rows of B as half of an NR-wide panel of op(B) = Bᵀ, {@code dst[base + p·NR + j] =
     * b[src + j·ldb + p]} for j < 16 and p < kb: sixteen steps at a time a 16×16 transpose in four rounds of
     * {@link #SHUFFLE_LO} and {@link #SHUFFLE_HI}; the last {@code kb mod 16} steps one value at a time.
     */
    private static void transposeSixteenRows(float[] b, int src, int ldb, int kb, float[] dst, int base) {
        int vectorSteps = kb - kb % L;
        for (int p = 0; p < vectorSteps; p += L) {
            int s = src + p;
            FloatVector v0 = FloatVector.fromArray(S, b, s), v1 = FloatVector.fromArray(S, b, s + ldb);
            FloatVector v2 = FloatVector.fromArray(S, b, s + 2 * ldb), v3 = FloatVector.fromArray(S, b, s + 3 * ldb);
            FloatVector v4 = FloatVector.fromArray(S, b, s + 4 * ldb), v5 = FloatVector.fromArray(S, b, s + 5 * ldb);
            FloatVector v6 = FloatVector.fromArray(S, b, s + 6 * ldb), v7 = FloatVector.fromArray(S, b, s + 7 * ldb);
            FloatVector v8 = FloatVector.fromArray(S, b, s + 8 * ldb), v9 = FloatVector.fromArray(S, b, s + 9 * ldb);
            FloatVector v10 = FloatVector.fromArray(S, b, s + 10 * ldb), v11 = FloatVector.fromArray(S, b, s + 11 * ldb);
            FloatVector v12 = FloatVector.fromArray(S, b, s + 12 * ldb), v13 = FloatVector.fromArray(S, b, s + 13 * ldb);
            FloatVector v14 = FloatVector.fromArray(S, b, s + 14 * ldb), v15 = FloatVector.fromArray(S, b, s + 15 * ldb);
            for (int round = 0; round < 4; round++) {
                FloatVector w0 = v0.rearrange(SHUFFLE_LO, v8), w1 = v0.rearrange(SHUFFLE_HI, v8);
                FloatVector w2 = v1.rearrange(SHUFFLE_LO, v9), w3 = v1.rearrange(SHUFFLE_HI, v9);
                FloatVector w4 = v2.rearrange(SHUFFLE_LO, v10), w5 = v2.rearrange(SHUFFLE_HI, v10);
                FloatVector w6 = v3.rearrange(SHUFFLE_LO, v11), w7 = v3.rearrange(SHUFFLE_HI, v11);
                FloatVector w8 = v4.rearrange(SHUFFLE_LO, v12), w9 = v4.rearrange(SHUFFLE_HI, v12);
                FloatVector w10 = v5.rearrange(SHUFFLE_LO, v13), w11 = v5.rearrange(SHUFFLE_HI, v13);
                FloatVector w12 = v6.rearrange(SHUFFLE_LO, v14), w13 = v6.rearrange(SHUFFLE_HI, v14);
                FloatVector w14 = v7.rearrange(SHUFFLE_LO, v15), w15 = v7.rearrange(SHUFFLE_HI, v15);
                v0 = w0; v1 = w1; v2 = w2; v3 = w3; v4 = w4; v5 = w5; v6 = w6; v7 = w7;
                v8 = w8; v9 = w9; v10 = w10; v11 = w11; v12 = w12; v13 = w13; v14 = w14; v15 = w15;
            }
            int d = base + p * NR;
            v0.intoArray(dst, d);
            v1.intoArray(dst, d + NR);
            v2.intoArray(dst, d + 2 * NR);
            v3.intoArray(dst, d + 3 * NR);
            v4.intoArray(dst, d + 4 * NR);
            v5.intoArray(dst, d + 5 * NR);
            v6.intoArray(dst, d + 6 * NR);
            v7.intoArray(dst, d + 7 * NR);
            v8.intoArray(dst, d + 8 * NR);
            v9.intoArray(dst, d + 9 * NR);
            v10.intoArray(dst, d + 10 * NR);
            v11.intoArray(dst, d + 11 * NR);
            v12.intoArray(dst, d + 12 * NR);
            v13.intoArray(dst, d + 13 * NR);
            v14.intoArray(dst, d + 14 * NR);
            v15.intoArray(dst, d + 15 * NR);
        }
        for (int j = 0; j < L; j++) {
            for (int p = vectorSteps, d = base + p * NR + j; p < kb; p++, d += NR) {
                dst[d] = b[src + j * ldb + p];
            }
        }
    }

    /**
     * The micro-kernel: sums kb rank-1 updates of packed panels in registers, then writes
     * C = alpha·acc + beta·C for the valid {@code rows × cols} corner (beta 0 never reads C).
     * {@code vectors} is how many vectors of the (NR-wide, zero-padded) panel hold columns of C: two,
     * but one in a last panel of L columns or fewer, whose empty vector the 8-row path then does not
     * multiply (measured: 7–9 % on such shapes; the 4-row AVX2 path multiplies the padding). Every
     * variant sums each element of C in one FMA chain over p from zero, so the width of the tile
     * that holds an element never changes its bits.
     */
    private static void kernel(int vectors, int kb, float[] ap, int ai, float[] bp, int bi,
                               float[] c, int ci, int cRow, int cCol, int rows, int cols,
                               float alpha, float beta, float[] tile) {
        // MR is a constant, so the JIT keeps one branch. The tile goes through memory: writing C
        // straight from the accumulators made C2 keep them boxed, at several times the arithmetic.
        if (MR == 8) {
            if (vectors == NR / L) {
                kernel8x2(kb, ap, ai, bp, bi, tile);
            } else {
                kernel8x1(kb, ap, ai, bp, bi, tile);
            }
        } else {
            kernel4x2(kb, ap, ai, bp, bi, tile);
        }
        if (cCol == 1) {
            update(tile, c, ci, cRow, rows, cols, alpha, beta);
        } else {
            updateTransposed(tile, c, ci, cCol, rows, cols, alpha, beta);
        }
    }

    /** Eight rows by two vectors: 16 accumulators, for 32 vector registers. */
    private static void kernel8x2(int kb, float[] ap, int ai, float[] bp, int bi, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kb; p++) {
            // Indices linear in p, so the JIT can hoist the bounds checks out of the loop.
            int bq = bi + p * NR;
            int aq = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bq);
            FloatVector b1 = FloatVector.fromArray(S, bp, bq + L);
            FloatVector x = FloatVector.broadcast(S, ap[aq]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[aq + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[aq + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[aq + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[aq + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[aq + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[aq + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[aq + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + L);
    }

    /** Eight rows by one vector, for a last panel of L columns or fewer. */
    private static void kernel8x1(int kb, float[] ap, int ai, float[] bp, int bi, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        for (int p = 0; p < kb; p++) {
            // Indices linear in p, so the JIT can hoist the bounds checks out of the loop.
            int bq = bi + p * NR;
            int aq = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bq);
            FloatVector x = FloatVector.broadcast(S, ap[aq]);
            c00 = x.fma(b0, c00);
            x = FloatVector.broadcast(S, ap[aq + 1]);
            c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(S, ap[aq + 2]);
            c20 = x.fma(b0, c20);
            x = FloatVector.broadcast(S, ap[aq + 3]);
            c30 = x.fma(b0, c30);
            x = FloatVector.broadcast(S, ap[aq + 4]);
            c40 = x.fma(b0, c40);
            x = FloatVector.broadcast(S, ap[aq + 5]);
            c50 = x.fma(b0, c50);
            x = FloatVector.broadcast(S, ap[aq + 6]);
            c60 = x.fma(b0, c60);
            x = FloatVector.broadcast(S, ap[aq + 7]);
            c70 = x.fma(b0, c70);
        }
        c00.intoArray(tile, 0);
        c10.intoArray(tile, NR);
        c20.intoArray(tile, 2 * NR);
        c30.intoArray(tile, 3 * NR);
        c40.intoArray(tile, 4 * NR);
        c50.intoArray(tile, 5 * NR);
        c60.intoArray(tile, 6 * NR);
        c70.intoArray(tile, 7 * NR);
    }

    /** Four rows by two vectors: 8 accumulators, for 16 vector registers. */
    private static void kernel4x2(int kb, float[] ap, int ai, float[] bp, int bi, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0; p < kb; p++) {
            // Indices linear in p, so the JIT can hoist the bounds checks out of the loop.
            int bq = bi + p * NR;
            int aq = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bq);
            FloatVector b1 = FloatVector.fromArray(S, bp, bq + L);
            FloatVector x = FloatVector.broadcast(S, ap[aq]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[aq + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[aq + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[aq + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
    }

    /** C = alpha·tile + beta·C on the valid corner of a tile; beta 0 never reads C. */
    private static void update(float[] tile, float[] c, int ci, int ldc, int rows, int cols, float alpha, float beta) {
        int vecCols = cols - cols % L;
        for (int r = 0; r < rows; r++) {
            int row = ci + r * ldc;
            int t = r * NR;
            for (int j = 0; j < vecCols; j += L) {
                FloatVector v = FloatVector.fromArray(S, tile, t + j).mul(alpha);
                if (beta != 0f) {
                    v = v.add(FloatVector.fromArray(S, c, row + j).mul(beta));
                }
                v.intoArray(c, row + j);
            }
            for (int j = vecCols; j < cols; j++) {
                float v = alpha * tile[t + j];
                c[row + j] = beta == 0f ? v : v + beta * c[row + j];
            }
        }
    }

    /** Like {@link #update} for a tile of Cᵀ: tile element (r, j) goes to {@code c[ci + j·ldc + r]}. */
    private static void updateTransposed(float[] tile, float[] c, int ci, int ldc, int rows, int cols, float alpha, float beta) {
        for (int j = 0; j < cols; j++) {
            int col = ci + j * ldc;
            for (int r = 0; r < rows; r++) {
                float v = alpha * tile[r * NR + j];
                c[col + r] = beta == 0f ? v : v + beta * c[col + r];
            }
        }
    }

    /** C = beta·C, for products with nothing to add (k = 0 or alpha = 0); beta 0 clears NaN too. */
    static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j];
            }
        }
    }

    /** The width of the vectors the kernel uses, in bits. */
    static int vectorBits() {
        return S.vectorBitSize();
    }

    private static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }
}
