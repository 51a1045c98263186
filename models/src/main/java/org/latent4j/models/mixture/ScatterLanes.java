package org.latent4j.models.mixture;

import jdk.incubator.vector.DoubleVector;

/** The vector kernels of {@link WeightedScatter} (loaded only with the Vector API). */
final class ScatterLanes {
    private ScatterLanes() {}

    /** y[dst + c·LANES ..] = (x[src + c·LANES ..] − μ_c) ⊙ √r (√r at y[ro ..]), for c < d. */
    static void centre(double[] xs, int src, double[] means, int mo, int d, double[] y, int ro, int dst) {
        final int lanes = RowLanes.LANES;
        DoubleVector sr = DoubleVector.fromArray(LaneVectors.SPECIES, y, ro);
        for (int c = 0; c < d; c++) {
            DoubleVector.fromArray(LaneVectors.SPECIES, xs, src + c * lanes)
                    .sub(means[mo + c])
                    .mul(sr)
                    .intoArray(y, dst + c * lanes);
        }
    }

    /**
     * The 4×4 tile Σ_g Y[g][a..a+3] ⊗ Y[g][b..b+3] over {@code groups} lane groups (16 vector
     * accumulators), written lane by lane to {@code tile[(4r + u)·LANES ..]}.
     */
    static void tile(double[] y, int a, int b, int rowStride, int groups, double[] tile) {
        final int lanes = RowLanes.LANES;
        DoubleVector s00 = DoubleVector.zero(LaneVectors.SPECIES), s01 = s00, s02 = s00, s03 = s00;
        DoubleVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        DoubleVector s20 = s00, s21 = s00, s22 = s00, s23 = s00;
        DoubleVector s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        int pa = a;
        int pb = b;
        for (int g = 0; g < groups; g++, pa += rowStride, pb += rowStride) {
            DoubleVector ya0 = DoubleVector.fromArray(LaneVectors.SPECIES, y, pa);
            DoubleVector ya1 = DoubleVector.fromArray(LaneVectors.SPECIES, y, pa + lanes);
            DoubleVector ya2 = DoubleVector.fromArray(LaneVectors.SPECIES, y, pa + 2 * lanes);
            DoubleVector ya3 = DoubleVector.fromArray(LaneVectors.SPECIES, y, pa + 3 * lanes);
            DoubleVector yb = DoubleVector.fromArray(LaneVectors.SPECIES, y, pb);
            s00 = ya0.fma(yb, s00);
            s10 = ya1.fma(yb, s10);
            s20 = ya2.fma(yb, s20);
            s30 = ya3.fma(yb, s30);
            yb = DoubleVector.fromArray(LaneVectors.SPECIES, y, pb + lanes);
            s01 = ya0.fma(yb, s01);
            s11 = ya1.fma(yb, s11);
            s21 = ya2.fma(yb, s21);
            s31 = ya3.fma(yb, s31);
            yb = DoubleVector.fromArray(LaneVectors.SPECIES, y, pb + 2 * lanes);
            s02 = ya0.fma(yb, s02);
            s12 = ya1.fma(yb, s12);
            s22 = ya2.fma(yb, s22);
            s32 = ya3.fma(yb, s32);
            yb = DoubleVector.fromArray(LaneVectors.SPECIES, y, pb + 3 * lanes);
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
    }
}
