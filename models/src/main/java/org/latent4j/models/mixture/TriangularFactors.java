package org.latent4j.models.mixture;

import jdk.incubator.vector.DoubleVector;

/**
 * The precision factors U_j of full covariances (Σ_j⁻¹ = U_j U_jᵀ, U_j = L_j⁻ᵀ upper triangular) packed
 * for the E-step's Mahalanobis kernel, and the kernel itself.
 *
 * <p>The squared Mahalanobis distance of x to component j is ‖U_jᵀ(x − μ_j)‖² = Σ_t (y_t − s_t)² with
 * y_t = Σ_{c ≤ t} x_c U_j[c][t] and s = U_jᵀμ_j: a triangular product, the multiply-adds of one
 * triangular solve against L_j (U_j is applied instead of solving, so the E-step never divides).
 * {@link #squaredDistances} runs it for {@value RowLanes#GROUP_BLOCK}·LANES rows at once with the rows
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
            quadTile(x.data, x.offset(g0, 0), d * lanes, packed[j], fo, depth, tile);
            addSquares(tile, shifts, j * paddedD + t0, out, o);
            fo += 4 * depth;
        }
    }

    /** Doubles in the scratch tile: 4 row vectors × 4 columns. */
    static final int TILE = 16 * RowLanes.LANES;

    /**
     * The 4×4 tile of y = xᵀU for one column quad: row vector r (groups at {@code b0 + r·stride}),
     * column u at {@code tile[(4r + u)·LANES]}. Kept apart from {@link #addSquares} so that each method
     * stays small enough for the JIT to compile every vector operation to instructions; the tile goes
     * through memory between the two (16 stores and loads against 16 multiply-adds per step of c).
     */
    private static void quadTile(double[] xs, int b0, int stride, double[] f, int fo, int depth, double[] tile) {
        final int lanes = RowLanes.LANES;
        final int b1 = b0 + stride;
        final int b2 = b1 + stride;
        final int b3 = b2 + stride;
        DoubleVector a00 = DoubleVector.zero(RowLanes.SPECIES), a01 = a00, a02 = a00, a03 = a00;
        DoubleVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        DoubleVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        DoubleVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        for (int c = 0; c < depth; c++) {
            int xo = c * lanes;
            int uo = fo + 4 * c;
            DoubleVector x0 = DoubleVector.fromArray(RowLanes.SPECIES, xs, b0 + xo);
            DoubleVector x1 = DoubleVector.fromArray(RowLanes.SPECIES, xs, b1 + xo);
            DoubleVector x2 = DoubleVector.fromArray(RowLanes.SPECIES, xs, b2 + xo);
            DoubleVector x3 = DoubleVector.fromArray(RowLanes.SPECIES, xs, b3 + xo);
            DoubleVector u = DoubleVector.broadcast(RowLanes.SPECIES, f[uo]);
            a00 = x0.fma(u, a00);
            a10 = x1.fma(u, a10);
            a20 = x2.fma(u, a20);
            a30 = x3.fma(u, a30);
            u = DoubleVector.broadcast(RowLanes.SPECIES, f[uo + 1]);
            a01 = x0.fma(u, a01);
            a11 = x1.fma(u, a11);
            a21 = x2.fma(u, a21);
            a31 = x3.fma(u, a31);
            u = DoubleVector.broadcast(RowLanes.SPECIES, f[uo + 2]);
            a02 = x0.fma(u, a02);
            a12 = x1.fma(u, a12);
            a22 = x2.fma(u, a22);
            a32 = x3.fma(u, a32);
            u = DoubleVector.broadcast(RowLanes.SPECIES, f[uo + 3]);
            a03 = x0.fma(u, a03);
            a13 = x1.fma(u, a13);
            a23 = x2.fma(u, a23);
            a33 = x3.fma(u, a33);
        }
        a00.intoArray(tile, 0);
        a01.intoArray(tile, lanes);
        a02.intoArray(tile, 2 * lanes);
        a03.intoArray(tile, 3 * lanes);
        a10.intoArray(tile, 4 * lanes);
        a11.intoArray(tile, 5 * lanes);
        a12.intoArray(tile, 6 * lanes);
        a13.intoArray(tile, 7 * lanes);
        a20.intoArray(tile, 8 * lanes);
        a21.intoArray(tile, 9 * lanes);
        a22.intoArray(tile, 10 * lanes);
        a23.intoArray(tile, 11 * lanes);
        a30.intoArray(tile, 12 * lanes);
        a31.intoArray(tile, 13 * lanes);
        a32.intoArray(tile, 14 * lanes);
        a33.intoArray(tile, 15 * lanes);
    }

    /** out[o + r·LANES ..] += Σ_u (tile[r][u] − s[so + u])² for the four row vectors r. */
    private static void addSquares(double[] tile, double[] s, int so, double[] out, int o) {
        final int lanes = RowLanes.LANES;
        for (int r = 0; r < 4; r++) {
            DoubleVector q = DoubleVector.fromArray(RowLanes.SPECIES, out, o + r * lanes);
            for (int u = 0; u < 4; u++) {
                DoubleVector y = DoubleVector.fromArray(RowLanes.SPECIES, tile, (4 * r + u) * lanes).sub(s[so + u]);
                q = y.fma(y, q);
            }
            q.intoArray(out, o + r * lanes);
        }
    }
}
