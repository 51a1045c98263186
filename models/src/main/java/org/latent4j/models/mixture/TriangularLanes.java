package org.latent4j.models.mixture;

import jdk.incubator.vector.DoubleVector;

/** The vector kernels of {@link TriangularFactors#squaredDistances} (loaded only with the Vector API). */
final class TriangularLanes {
    private TriangularLanes() {}

    /**
     * The 4×4 tile of y = xᵀU for one column quad: row vector r (groups at {@code b0 + r·stride}),
     * column u at {@code tile[(4r + u)·LANES]}. Kept apart from {@link #addSquares} so that each method
     * stays small enough for the JIT to compile every vector operation to instructions; the tile goes
     * through memory between the two (16 stores and loads against 16 multiply-adds per step of c).
     */
    static void quadTile(double[] xs, int b0, int stride, double[] f, int fo, int depth, double[] tile) {
        final int lanes = RowLanes.LANES;
        final int b1 = b0 + stride;
        final int b2 = b1 + stride;
        final int b3 = b2 + stride;
        DoubleVector a00 = DoubleVector.zero(LaneVectors.SPECIES), a01 = a00, a02 = a00, a03 = a00;
        DoubleVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        DoubleVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        DoubleVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        for (int c = 0; c < depth; c++) {
            int xo = c * lanes;
            int uo = fo + 4 * c;
            DoubleVector x0 = DoubleVector.fromArray(LaneVectors.SPECIES, xs, b0 + xo);
            DoubleVector x1 = DoubleVector.fromArray(LaneVectors.SPECIES, xs, b1 + xo);
            DoubleVector x2 = DoubleVector.fromArray(LaneVectors.SPECIES, xs, b2 + xo);
            DoubleVector x3 = DoubleVector.fromArray(LaneVectors.SPECIES, xs, b3 + xo);
            DoubleVector u = DoubleVector.broadcast(LaneVectors.SPECIES, f[uo]);
            a00 = x0.fma(u, a00);
            a10 = x1.fma(u, a10);
            a20 = x2.fma(u, a20);
            a30 = x3.fma(u, a30);
            u = DoubleVector.broadcast(LaneVectors.SPECIES, f[uo + 1]);
            a01 = x0.fma(u, a01);
            a11 = x1.fma(u, a11);
            a21 = x2.fma(u, a21);
            a31 = x3.fma(u, a31);
            u = DoubleVector.broadcast(LaneVectors.SPECIES, f[uo + 2]);
            a02 = x0.fma(u, a02);
            a12 = x1.fma(u, a12);
            a22 = x2.fma(u, a22);
            a32 = x3.fma(u, a32);
            u = DoubleVector.broadcast(LaneVectors.SPECIES, f[uo + 3]);
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
    static void addSquares(double[] tile, double[] s, int so, double[] out, int o) {
        final int lanes = RowLanes.LANES;
        for (int r = 0; r < 4; r++) {
            DoubleVector q = DoubleVector.fromArray(LaneVectors.SPECIES, out, o + r * lanes);
            for (int u = 0; u < 4; u++) {
                DoubleVector y = DoubleVector.fromArray(LaneVectors.SPECIES, tile, (4 * r + u) * lanes).sub(s[so + u]);
                q = y.fma(y, q);
            }
            q.intoArray(out, o + r * lanes);
        }
    }
}
