package org.latent4j.models.mixture;

import org.latent4j.runtime.VectorSupport;
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
 * and adds the lanes' sums into S_j (vector code in {@link ScatterLanes}, a scalar twin without the Vector API). Centring each component's rows on its own mean first is what
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
                y[ro + lane] = i < x.n ? Math.sqrt(resp[i * k + j]) : 0.0;
            }
            int src = x.offset(g0 + g, 0);
            int dst = yo + g * paddedD * lanes;
            if (VectorSupport.AVAILABLE) {
                ScatterLanes.centre(xs, src, means, j * d, d, y, ro, dst);
            } else {
                for (int c = 0; c < d; c++) {
                    for (int l = 0; l < lanes; l++) {
                        y[dst + c * lanes + l] = (xs[src + c * lanes + l] - means[j * d + c]) * y[ro + l];
                    }
                }
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
                if (VectorSupport.AVAILABLE) {
                    ScatterLanes.tile(y, yo + a0 * lanes, yo + b0 * lanes, rowStride, groups, tile);
                } else {
                    java.util.Arrays.fill(tile, 0.0);
                    for (int g = 0; g < groups; g++) {
                        int pa = yo + a0 * lanes + g * rowStride;
                        int pb = yo + b0 * lanes + g * rowStride;
                        for (int r = 0; r < 4; r++) {
                            for (int u = 0; u < 4; u++) {
                                int to = (4 * r + u) * lanes;
                                for (int l = 0; l < lanes; l++) {
                                    tile[to + l] = Math.fma(y[pa + r * lanes + l], y[pb + u * lanes + l], tile[to + l]);
                                }
                            }
                        }
                    }
                }
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
