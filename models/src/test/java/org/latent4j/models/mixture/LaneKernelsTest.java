package org.latent4j.models.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;

/**
 * The EM lane kernels: the rows' lane layout round-trips, and the E-step's triangular kernel (vector code)
 * equals its scalar twin (used without the Vector API) and the plain formula ‖U_jᵀ(x − μ_j)‖².
 */
class LaneKernelsTest {

    @Test
    void laneLayoutHoldsEveryRowAndPadsWithZeros() {
        int n = 37;
        int d = 5;
        double[] x = new double[n * d];
        for (int t = 0; t < x.length; t++) {
            x[t] = t + 1;
        }
        RowLanes lanes = RowLanes.of(x, n, d);
        assertEquals(0, lanes.groups % RowLanes.GROUP_BLOCK);
        for (int i = 0; i < lanes.groups * RowLanes.LANES; i++) {
            for (int c = 0; c < d; c++) {
                double v = lanes.data[lanes.offset(i / RowLanes.LANES, c) + i % RowLanes.LANES];
                assertEquals(i < n ? x[i * d + c] : 0.0, v);
            }
        }
    }

    @Test
    void triangularKernelEqualsScalarTwinAndFormula() {
        RandomSource rng = new RandomSource(3);
        int d = 11;
        int k = 2;
        int n = RowLanes.GROUP_BLOCK * RowLanes.LANES;
        double[] x = new double[n * d];
        rng.fillNormal(x, 0, x.length, 0, 1);
        double[] means = new double[k * d];
        rng.fillNormal(means, 0, means.length, 0, 1);
        double[][] inverses = new double[k][d * d];
        for (int j = 0; j < k; j++) {
            for (int r = 0; r < d; r++) {
                for (int c = 0; c <= r; c++) {
                    inverses[j][r * d + c] = r == c ? 1.0 + rng.nextDouble() : 0.3 * rng.nextGaussian();
                }
            }
        }
        TriangularFactors f = new TriangularFactors(inverses, means, k, d);
        RowLanes lanes = RowLanes.of(x, n, d);
        double[] tile = new double[TriangularFactors.TILE];
        for (int j = 0; j < k; j++) {
            double[] out = new double[n];
            f.squaredDistances(lanes, 0, j, out, 0, tile);
            for (int i = 0; i < n; i++) {
                // ‖L⁻¹(x − μ)‖² directly.
                double q = 0.0;
                for (int t = 0; t < d; t++) {
                    double y = 0.0;
                    for (int c = 0; c <= t; c++) {
                        y += inverses[j][t * d + c] * (x[i * d + c] - means[j * d + c]);
                    }
                    q += y * y;
                }
                int g = i / RowLanes.LANES;
                int at = g * RowLanes.LANES + i % RowLanes.LANES;
                assertEquals(q, out[at], 1e-10 * Math.max(1.0, q), "row " + i + ", component " + j);
            }
        }
    }

    @Test
    void scalarTwinEqualsVectorTile() {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.latent4j.runtime.VectorSupport.AVAILABLE);
        RandomSource rng = new RandomSource(4);
        int lanesN = RowLanes.LANES;
        int depth = 9;
        int stride = depth * lanesN;
        double[] xs = new double[4 * stride];
        rng.fillNormal(xs, 0, xs.length, 0, 1);
        double[] f = new double[4 * depth];
        rng.fillNormal(f, 0, f.length, 0, 1);
        double[] a = new double[TriangularFactors.TILE];
        double[] b = new double[TriangularFactors.TILE];
        TriangularLanes.quadTile(xs, 0, stride, f, 0, depth, a);
        TriangularFactors.quadTileScalar(xs, 0, stride, f, 0, depth, b);
        assertArrayEquals(a, b);
        double[] s = {0.1, -0.2, 0.3, 0.4};
        double[] qa = new double[4 * lanesN];
        double[] qb = new double[4 * lanesN];
        TriangularLanes.addSquares(a, s, 0, qa, 0);
        TriangularFactors.addSquaresScalar(b, s, 0, qb, 0);
        assertArrayEquals(qa, qb);
    }
}
