package org.latent4j.models.mixture;

import org.latent4j.runtime.VectorSupport;

/**
 * The precision factors U_j of full covariances (Σ_j⁻¹ = U_j U_jᵀ, U_j = L_j⁻ᵀ upper triangular) packed
 * for the E-step's Mahalanobis kernel, and the kernel itself.
 *
 * <p>The squared Mahalanobis distance of x to component j is ‖U_jᵀ(x − μ_j)‖² = Σ_t (y_t − s_t)² with
 * y_t = Σ_{c ≤ t} x_c U_j[c][t] and s = U_jᵀμ_j: a triangular product, the multiply-adds of one
 * triangular solve against L_j (U_j is applied instead of solving, so the E-step never divides).
 * {@link #squaredDistances} runs it ({@link TriangularLanes}) for {@value RowLanes#GROUP_BLOCK}·LANES rows at once with the rows
 * in the vector lanes ({@link RowLanes}): each multiply-add takes one entry of U_j, broadcast, for
 * LANES rows; output columns are taken four at a time, so a 4×4 tile of row vectors × columns (16
 * accumulators) is updated from 4 row loads and 4 broadcasts per step of c, and each column stops at
 * its own depth t (the zero triangle is skipped up to the tile's four-column granularity).
 *
 * <p>Packing: for component j and the column quad t0..t0+3, steps c = 0..min(d, t0+4)−1 each hold the
 * four entries U_j[c][t0..t0+3] (zero below the diagonal and past d). Shifts s are padded with zeros
 * to a multiple of four columns, so the padding columns add (0 − 0)² = 0.
 */
final class TriangularFactors {
    private final int k;
    private final int d;
    /** Per component, the packed quads one after the other. */
    private final double[][] packed;
    /** k × quads·4: s_j = U_jᵀμ_j, zero-padded. */
    private final double[] shifts;
    private final int paddedD;

    /**
     * Packs the inverse Cholesky factors: {@code inverses[j]} holds L_j⁻¹ (lower triangular, d×d
     * row-major), so U_j[c][t] = L_j⁻¹[t][c].
     */
    TriangularFactors(double[][] inverses, double[] means, int k, int d) {
        this.k = k;
        this.d = d;
        this.paddedD = RowLanes.roundUp(d, 4);
        this.packed = new double[k][];
        this.shifts = new double[k * paddedD];
        int size = 0;
        for (int t0 = 0; t0 < d; t0 += 4) {
            size += Math.min(d, t0 + 4) * 4;
        }
        for (int j = 0; j < k; j++) {
            double[] inv = inverses[j];
            double[] f = new double[size];
            int o = 0;
            for (int t0 = 0; t0 < d; t0 += 4) {
                int depth = Math.min(d, t0 + 4);
                for (int c = 0; c < depth; c++, o += 4) {
                    for (int u = 0; u < 4; u++) {
                        int t = t0 + u;
                        f[o + u] = (t < d && c <= t) ? inv[t * d + c] : 0.0;
                    }
                }
            }
            packed[j] = f;
            for (int t = 0; t < d; t++) {
                double s = 0.0;
                for (int c = 0; c <= t; c++) {
                    s += means[j * d + c] * inv[t * d + c];
                }
                shifts[j * paddedD + t] = s;
            }
        }
    }

    int k() {
        return k;
    }

    /**
     * The squared Mahalanobis distances to component j of the rows of groups g0 .. g0+3, into
     * {@code out[o + r·LANES + lane]} for row vector r. {@code tile} is a scratch buffer of
     * {@link #TILE} doubles.
     */
    void squaredDistances(RowLanes x, int g0, int j, double[] out, int o, double[] tile) {
        final int lanes = RowLanes.LANES;
        java.util.Arrays.fill(out, o, o + RowLanes.GROUP_BLOCK * lanes, 0.0);
        int fo = 0;
        for (int t0 = 0; t0 < d; t0 += 4) {
            int depth = Math.min(d, t0 + 4);
            if (VectorSupport.AVAILABLE) {
                TriangularLanes.quadTile(x.data, x.offset(g0, 0), d * lanes, packed[j], fo, depth, tile);
                TriangularLanes.addSquares(tile, shifts, j * paddedD + t0, out, o);
            } else {
                quadTileScalar(x.data, x.offset(g0, 0), d * lanes, packed[j], fo, depth, tile);
                addSquaresScalar(tile, shifts, j * paddedD + t0, out, o);
            }
            fo += 4 * depth;
        }
    }

    /** Doubles in the scratch tile: 4 row vectors × 4 columns. */
    static final int TILE = 16 * RowLanes.LANES;

    /** The scalar twin of {@link TriangularLanes#quadTile}, for a JVM without the Vector API. */
    static void quadTileScalar(double[] xs, int b0, int stride, double[] f, int fo, int depth, double[] tile) {
        final int lanes = RowLanes.LANES;
        java.util.Arrays.fill(tile, 0.0);
        for (int c = 0; c < depth; c++) {
            for (int r = 0; r < 4; r++) {
                int xo = b0 + r * stride + c * lanes;
                for (int u = 0; u < 4; u++) {
                    double w = f[fo + 4 * c + u];
                    int to = (4 * r + u) * lanes;
                    for (int l = 0; l < lanes; l++) {
                        tile[to + l] = Math.fma(xs[xo + l], w, tile[to + l]);
                    }
                }
            }
        }
    }

    /** The scalar twin of {@link TriangularLanes#addSquares}. */
    static void addSquaresScalar(double[] tile, double[] s, int so, double[] out, int o) {
        final int lanes = RowLanes.LANES;
        for (int r = 0; r < 4; r++) {
            for (int u = 0; u < 4; u++) {
                int to = (4 * r + u) * lanes;
                for (int l = 0; l < lanes; l++) {
                    double y = tile[to + l] - s[so + u];
                    out[o + r * lanes + l] = Math.fma(y, y, out[o + r * lanes + l]);
                }
            }
        }
    }
}
