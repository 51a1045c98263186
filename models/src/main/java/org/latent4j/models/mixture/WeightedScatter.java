package org.latent4j.models.mixture;

import jdk.incubator.vector.DoubleVector;
import org.latent4j.runtime.Parallel;

/**
 * The M-step's full covariances as a symmetric rank-n update on weighted, centred rows: for each
 * component j, S_j = Σ_i (√r_ij (x_i − μ_j))(√r_ij (x_i − μ_j))ᵀ, the scatter that scikit-learn's
 * {@code _estimate_gaussian_covariances_full} computes as {@code (resp * diff).T @ diff}, here on and
 * below the diagonal only (a syrk, not a gemm).
 *
 * <p>The rows come in vector-lane layout ({@link RowLanes}). For a block of {@value #BLOCK_GROUPS}
 * lane groups and one component, the weighted centred rows Y = √r ⊙ (X − μ_j) are written to a small
 * buffer (it stays in the core's cache), then every 4×4 tile of S_j on or below the diagonal sums
 * Y[:, a]·Y[:, b] over the block's rows in 16 vector accumulators, each multiply-add serving LANES rows,
 * and adds the lanes' sums into S_j. Centring each component's rows on its own mean first is what
 * scikit-learn does; it keeps the subtraction of large second moments (and their cancellation) out.
 *
 * <p>Threads split the rows; each chunk of {@link Parallel#forChunks} sums into its own S and the
 * chunks are added in order, so the result depends on the thread count, never on timing.
 */
final class WeightedScatter {
    /** Lane groups per block: Y holds BLOCK_GROUPS·paddedD vectors (d = 50: 200 KiB). */
    static final int BLOCK_GROUPS = 64;

    private final RowLanes x;
    private final int k;
    private final int d;
    private final int paddedD;
    private final int blocks;
    /** Per chunk: its k·paddedD² partial scatters, then its Y buffer, then a lane buffer of r. */
    private double[][] chunkBuffers = new double[0][];

    WeightedScatter(RowLanes x, int k) {
        this.x = x;
        this.k = k;
        this.d = x.d;
        this.paddedD = RowLanes.roundUp(d, 4);
        this.blocks = (x.groups + BLOCK_GROUPS - 1) / BLOCK_GROUPS;
    }

    /**
     * Writes S_j (lower triangle, and the upper part of the diagonal 4×4 tiles) into
     * {@code cov[j·d·d ..]} for every component not marked {@code skip}; other components' entries are
     * left as they are.
     *
     * @param resp  responsibilities n×k, row-major (already multiplied by the row weights)
     * @param means k×d
     */
    void scatter(double[] resp, double[] means, boolean[] skip, double[] cov) {
        final int lanes = RowLanes.LANES;
        final int sSize = k * paddedD * paddedD;
        final int ySize = BLOCK_GROUPS * paddedD * lanes;
        int chunks = Parallel.chunkCount(blocks, 1);
        if (chunkBuffers.length < chunks) {
            chunkBuffers = new double[chunks][sSize + ySize + lanes];
        }
        final double[][] buffers = chunkBuffers;
        Parallel.forChunks(blocks, 1, (chunk, s, e) -> {
            double[] buf = buffers[chunk];
            double[] tile = new double[16 * lanes];
            java.util.Arrays.fill(buf, 0, sSize, 0.0);
            for (int b = s; b < e; b++) {
                int g0 = b * BLOCK_GROUPS;
                int groups = Math.min(BLOCK_GROUPS, x.groups - g0);
                for (int j = 0; j < k; j++) {
                    if (skip[j]) {
                        continue;
                    }
                    centre(resp, means, j, g0, groups, buf, sSize, sSize + ySize);
                    tiles(buf, sSize, groups, buf, j * paddedD * paddedD, tile);
                }
            }
        });
        for (int j = 0; j < k; j++) {
            if (skip[j]) {
                continue;
            }
            int o = j * d * d;
            int so = j * paddedD * paddedD;
            for (int a = 0; a < d; a++) {
                for (int c = 0; c <= a; c++) {
                    double v = 0.0;
                    for (int chunk = 0; chunk < chunks; chunk++) {
                        v += buffers[chunk][so + a * paddedD + c];
                    }
                    cov[o + a * d + c] = v;
                }
            }
        }
    }

    /** Y[g][c] = √r_gj ⊙ (x[g][c] − μ_jc) for the block's groups, zero in the padding columns. */
    private void centre(double[] resp, double[] means, int j, int g0, int groups, double[] y, int yo, int ro) {
        final int lanes = RowLanes.LANES;
        final double[] xs = x.data;
        for (int g = 0; g < groups; g++) {
            int i0 = (g0 + g) * lanes;
            for (int lane = 0; lane < lanes; lane++) {
                int i = i0 + lane;
                y[ro + lane] = i < x.n ? resp[i * k + j] : 0.0;
            }
            DoubleVector sr = DoubleVector.fromArray(RowLanes.SPECIES, y, ro).sqrt();
            int src = x.offset(g0 + g, 0);
            int dst = yo + g * paddedD * lanes;
            for (int c = 0; c < d; c++) {
                DoubleVector.fromArray(RowLanes.SPECIES, xs, src + c * lanes)
                        .sub(means[j * d + c])
                        .mul(sr)
                        .intoArray(y, dst + c * lanes);
            }
            java.util.Arrays.fill(y, dst + d * lanes, dst + paddedD * lanes, 0.0);
        }
    }

    /** Adds Σ_rows Y[:, a] Y[:, b] into s[so + a·paddedD + b] for every 4×4 tile with b-tile ≤ a-tile. */
    private void tiles(double[] y, int yo, int groups, double[] s, int so, double[] tile) {
        final int lanes = RowLanes.LANES;
        final int rowStride = paddedD * lanes;
        for (int a0 = 0; a0 < paddedD; a0 += 4) {
            for (int b0 = 0; b0 <= a0; b0 += 4) {
                DoubleVector s00 = DoubleVector.zero(RowLanes.SPECIES), s01 = s00, s02 = s00, s03 = s00;
                DoubleVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
                DoubleVector s20 = s00, s21 = s00, s22 = s00, s23 = s00;
                DoubleVector s30 = s00, s31 = s00, s32 = s00, s33 = s00;
                int pa = yo + a0 * lanes;
                int pb = yo + b0 * lanes;
                for (int g = 0; g < groups; g++, pa += rowStride, pb += rowStride) {
                    DoubleVector ya0 = DoubleVector.fromArray(RowLanes.SPECIES, y, pa);
                    DoubleVector ya1 = DoubleVector.fromArray(RowLanes.SPECIES, y, pa + lanes);
                    DoubleVector ya2 = DoubleVector.fromArray(RowLanes.SPECIES, y, pa + 2 * lanes);
                    DoubleVector ya3 = DoubleVector.fromArray(RowLanes.SPECIES, y, pa + 3 * lanes);
                    DoubleVector yb = DoubleVector.fromArray(RowLanes.SPECIES, y, pb);
                    s00 = ya0.fma(yb, s00);
                    s10 = ya1.fma(yb, s10);
                    s20 = ya2.fma(yb, s20);
                    s30 = ya3.fma(yb, s30);
                    yb = DoubleVector.fromArray(RowLanes.SPECIES, y, pb + lanes);
                    s01 = ya0.fma(yb, s01);
                    s11 = ya1.fma(yb, s11);
                    s21 = ya2.fma(yb, s21);
                    s31 = ya3.fma(yb, s31);
                    yb = DoubleVector.fromArray(RowLanes.SPECIES, y, pb + 2 * lanes);
                    s02 = ya0.fma(yb, s02);
                    s12 = ya1.fma(yb, s12);
                    s22 = ya2.fma(yb, s22);
                    s32 = ya3.fma(yb, s32);
                    yb = DoubleVector.fromArray(RowLanes.SPECIES, y, pb + 3 * lanes);
                    s03 = ya0.fma(yb, s03);
                    s13 = ya1.fma(yb, s13);
                    s23 = ya2.fma(yb, s23);
                    s33 = ya3.fma(yb, s33);
                }
                s00.intoArray(tile, 0);
                s01.intoArray(tile, lanes);
                s02.intoArray(tile, 2 * lanes);
                s03.intoArray(tile, 3 * lanes);
                s10.intoArray(tile, 4 * lanes);
                s11.intoArray(tile, 5 * lanes);
                s12.intoArray(tile, 6 * lanes);
                s13.intoArray(tile, 7 * lanes);
                s20.intoArray(tile, 8 * lanes);
                s21.intoArray(tile, 9 * lanes);
                s22.intoArray(tile, 10 * lanes);
                s23.intoArray(tile, 11 * lanes);
                s30.intoArray(tile, 12 * lanes);
                s31.intoArray(tile, 13 * lanes);
                s32.intoArray(tile, 14 * lanes);
                s33.intoArray(tile, 15 * lanes);
                addLaneSums(tile, s, so + a0 * paddedD + b0);
            }
        }
    }

    /**
     * s[at + r·paddedD + u] += the sum of the lanes of tile entry (r, u). Apart from {@link #tiles} so
     * that both stay small enough for the JIT to compile every vector operation to instructions.
     */
    private void addLaneSums(double[] tile, double[] s, int at) {
        final int lanes = RowLanes.LANES;
        for (int r = 0; r < 4; r++) {
            for (int u = 0; u < 4; u++) {
                // Lanes summed in order, in scalar code: reduceLanes may sum in another order once the
                // JIT compiles it than before, and the fit must give the same bits on every run.
                int t = (4 * r + u) * lanes;
                double v = 0.0;
                for (int l = 0; l < lanes; l++) {
                    v += tile[t + l];
                }
                s[at + r * paddedD + u] += v;
            }
        }
    }
}
