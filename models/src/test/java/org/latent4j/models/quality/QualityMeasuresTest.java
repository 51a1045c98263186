package org.latent4j.models.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.models.linalg.SymmetricEigen;
import org.latent4j.random.RandomSource;

class QualityMeasuresTest {

    /** n rows of N(mean, L Lᵀ): mean + L z. */
    static float[] gaussianRows(int n, double[] mean, double[] l, RandomSource rng) {
        int d = mean.length;
        float[] out = new float[n * d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[j] = rng.nextGaussian();
            }
            for (int r = 0; r < d; r++) {
                double s = mean[r];
                for (int c = 0; c < d; c++) {
                    s += l[r * d + c] * z[c];
                }
                out[i * d + r] = (float) s;
            }
        }
        return out;
    }

    static double[] spd(int d, RandomSource rng) {
        double[] a = new double[d * d];
        rng.fillNormal(a, 0, a.length, 0, 1);
        double[] s = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int p = 0; p < d; p++) {
                    s[i * d + j] += a[i * d + p] * a[j * d + p] / d;
                }
                s[i * d + j] += i == j ? 0.2 : 0;
            }
        }
        return s;
    }

    @Test
    void symmetricSquareRootSquaresBack() {
        RandomSource rng = new RandomSource(3);
        for (int d : new int[] {1, 3, 12}) {
            double[] a = spd(d, rng);
            double[] r = SymmetricEigen.of(a, d).sqrt();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double v = 0;
                    for (int p = 0; p < d; p++) {
                        v += r[i * d + p] * r[p * d + j];
                    }
                    assertEquals(a[i * d + j], v, 1e-10);
                    assertEquals(r[i * d + j], r[j * d + i], 1e-12);
                }
            }
        }
    }

    @Test
    void frechetOfIdenticalSetsIsZero() {
        RandomSource rng = new RandomSource(1);
        int d = 16;
        float[] x = new float[500 * d];
        rng.fillNormal(x, 0, x.length, 0.5, 2);
        FeatureGaussian g = FeatureGaussian.of(x, 500, d);
        assertEquals(0.0, FrechetDistance.between(g, g), 1e-9);
    }

    @Test
    void frechetOfTwoDimensionalGaussiansEqualsTheClosedForm() {
        // In 2-D, tr √M = √(tr M + 2 √det M) for a PSD M, and tr (Σ₁Σ₂)^½ = tr (Σ₁^½ Σ₂ Σ₁^½)^½:
        // a formula independent of the eigendecompositions, for covariances that do not commute.
        double[] s1 = {2.0, 0.6, 0.6, 1.0};
        double[] s2 = {0.5, -0.3, -0.3, 1.5};
        double[] m1 = {1.0, -2.0};
        double[] m2 = {0.0, 0.5};
        double trProduct = s1[0] * s2[0] + s1[1] * s2[2] + s1[2] * s2[1] + s1[3] * s2[3];
        double det1 = s1[0] * s1[3] - s1[1] * s1[2];
        double det2 = s2[0] * s2[3] - s2[1] * s2[2];
        double trRoot = Math.sqrt(trProduct + 2 * Math.sqrt(det1 * det2));
        double expected = 1.0 + 2.5 * 2.5 + s1[0] + s1[3] + s2[0] + s2[3] - 2 * trRoot;
        double got = FrechetDistance.between(new FeatureGaussian(m1, s1, 2, 100), new FeatureGaussian(m2, s2, 2, 100));
        assertEquals(expected, got, 1e-12);
    }

    @Test
    void frechetOfScaledCovarianceEqualsTheClosedForm() {
        // Σ₂ = c Σ₁ commute: d² = ‖Δμ‖² + (1 − √c)² tr Σ₁, in 20 dimensions.
        RandomSource rng = new RandomSource(5);
        int d = 20;
        double[] s1 = spd(d, rng);
        double c = 3.0;
        double[] s2 = new double[d * d];
        double trace = 0;
        for (int i = 0; i < d * d; i++) {
            s2[i] = c * s1[i];
        }
        for (int i = 0; i < d; i++) {
            trace += s1[i * d + i];
        }
        double[] m1 = new double[d];
        double[] m2 = new double[d];
        m2[3] = 2.0;
        double expected = 4.0 + (1 - Math.sqrt(c)) * (1 - Math.sqrt(c)) * trace;
        double got = FrechetDistance.between(new FeatureGaussian(m1, s1, d, 10), new FeatureGaussian(m2, s2, d, 10));
        assertEquals(expected, got, 1e-9 * expected);
    }

    @Test
    void featureGaussianEstimatesMeanAndCovariance() {
        RandomSource rng = new RandomSource(9);
        double[] l = {1.0, 0.0, 0.5, 2.0};
        float[] x = gaussianRows(200_000, new double[] {3.0, -1.0}, l, rng);
        FeatureGaussian g = FeatureGaussian.of(x, 200_000, 2);
        assertEquals(3.0, g.mean()[0], 0.01);
        assertEquals(-1.0, g.mean()[1], 0.02);
        // Σ = L Lᵀ = [[1, 0.5], [0.5, 4.25]]
        assertArrayEquals(new double[] {1.0, 0.5, 0.5, 4.25}, g.covariance(), 0.05);
        // and the distance between two large samples of it is near 0, between two of different means near ‖Δμ‖²
        FeatureGaussian h = FeatureGaussian.of(gaussianRows(200_000, new double[] {3.0, -1.0}, l, rng), 200_000, 2);
        assertTrue(FrechetDistance.between(g, h) < 1e-3);
        FeatureGaussian shifted = FeatureGaussian.of(gaussianRows(200_000, new double[] {4.0, -1.0}, l, rng), 200_000, 2);
        assertEquals(1.0, FrechetDistance.between(g, shifted), 0.02);
    }

    @Test
    void kernelDistanceIsCentredAtZeroForOneDistributionAndPositiveForTwo() {
        int d = 8;
        double[] eye = new double[d * d];
        for (int i = 0; i < d; i++) {
            eye[i * d + i] = 1;
        }
        // unbiased: over many independent pairs of samples of one distribution, the estimates average to 0
        RandomSource rng = new RandomSource(2);
        int pairs = 300;
        int n = 200;
        double sum = 0;
        double sumSq = 0;
        for (int p = 0; p < pairs; p++) {
            float[] x = gaussianRows(n, new double[d], eye, rng);
            float[] y = gaussianRows(n, new double[d], eye, rng);
            double e = KernelDistance.between(x, n, y, n, d, 1, n, rng).mean();
            sum += e;
            sumSq += e * e;
        }
        double mean = sum / pairs;
        double standardError = Math.sqrt((sumSq / pairs - mean * mean) / pairs);
        assertTrue(Math.abs(mean) < 3 * standardError, mean + " ± " + standardError);
        // a biased (V-statistic) estimate would sit at about +2·E[k(x,x) − k(x,y)]/n, far from 0 here
        assertTrue(standardError < 0.01, "standard error " + standardError);

        int big = 2000;
        float[] x = gaussianRows(big, new double[d], eye, rng);
        double[] shift = new double[d];
        shift[0] = 1.0;
        float[] z = gaussianRows(big, shift, eye, rng);
        KernelDistance.Result identical = KernelDistance.between(x, big, x, big, d, 50, 500, new RandomSource(7));
        KernelDistance.Result different = KernelDistance.between(x, big, z, big, d, 50, 500, new RandomSource(7));
        assertEquals(500, identical.subsetSize());
        assertTrue(Math.abs(identical.mean()) < 2 * identical.std(), identical.toString());
        assertTrue(different.mean() > 5 * different.std(), different.toString());
    }

    @Test
    void kernelDistanceOfWholeSetsEqualsTheDirectSum() {
        RandomSource rng = new RandomSource(4);
        int d = 3;
        int n = 40;
        float[] x = new float[n * d];
        float[] y = new float[n * d];
        rng.fillNormal(x, 0, x.length, 0, 1);
        rng.fillNormal(y, 0, y.length, 0.3, 1.2);
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    xx += k(x, i, x, j, d);
                    yy += k(y, i, y, j, d);
                }
                xy += k(x, i, y, j, d);
            }
        }
        double expected = (xx + yy) / (n * (n - 1.0)) - 2 * xy / (n * (double) n);
        KernelDistance.Result r = KernelDistance.between(x, n, y, n, d, 3, 100, new RandomSource(1));
        assertEquals(n, r.subsetSize()); // lowered to the sets' size: every subset is the whole set
        assertEquals(expected, r.mean(), 1e-5 * Math.abs(expected) + 1e-6);
        assertEquals(0.0, r.std(), 1e-5);
    }

    private static double k(float[] a, int i, float[] b, int j, int d) {
        double dot = 0;
        for (int c = 0; c < d; c++) {
            dot += (double) a[i * d + c] * b[j * d + c];
        }
        return Math.pow(dot / d + 1, 3);
    }

    @Test
    void nearestNeighbourAccuracyIsHalfForOneDistributionAndOneForSeparatedSets() {
        RandomSource rng = new RandomSource(6);
        int d = 5;
        int n = 2000;
        float[] x = new float[n * d];
        float[] y = new float[n * d];
        rng.fillNormal(x, 0, x.length, 0, 1);
        rng.fillNormal(y, 0, y.length, 0, 1);
        NearestNeighbourTwoSample same = NearestNeighbourTwoSample.of(x, n, y, n, d);
        assertEquals(0.5, same.accuracy(), 0.03);
        float[] far = new float[n * d];
        rng.fillNormal(far, 0, far.length, 10, 1);
        NearestNeighbourTwoSample separated = NearestNeighbourTwoSample.of(x, n, far, n, d);
        assertEquals(1.0, separated.accuracy());
        assertEquals(1.0, separated.realAccuracy());
        assertEquals(1.0, separated.sampleAccuracy());
        // samples that copy the real images: each one's nearest neighbour is its original
        NearestNeighbourTwoSample copies = NearestNeighbourTwoSample.of(x, n, x.clone(), n, d);
        assertEquals(0.0, copies.accuracy());
    }

    @Test
    void nearestNeighbourFindsTheNearestAcrossBlocks() {
        // 300 points (more than one block of 256) on a line: real at even integers, generated at odd ones,
        // except generated 1001 beside real 1000.4: only that pair's classification differs from "wrong".
        int n = 150;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * i;
            y[i] = 2 * i + 1 + 0.01f * (i % 3 == 0 ? 1 : -1);
        }
        NearestNeighbourTwoSample r = NearestNeighbourTwoSample.of(x, n, y, n, 1);
        // every point's nearest neighbour is at distance ≈ 1 on the other side: all wrong
        assertTrue(r.accuracy() < 0.02, r.toString());
        assertThrows(IllegalArgumentException.class, () -> NearestNeighbourTwoSample.of(x, 0, y, n, 1));
    }

    @Test
    void classHistogramKlIsZeroWhenUniformAndLogKWhenCollapsed() {
        ClassHistogram uniform = ClassHistogram.of(new int[] {0, 1, 2, 3, 0, 1, 2, 3}, 4);
        assertArrayEquals(new int[] {2, 2, 2, 2}, uniform.counts());
        assertEquals(0.0, uniform.klToUniform(), 1e-15);
        assertEquals(Math.log(4), ClassHistogram.of(new int[] {2, 2, 2}, 4).klToUniform(), 1e-12);
        // p = (1/2, 1/2, 0, 0): KL = log 2
        assertEquals(Math.log(2), ClassHistogram.of(new int[] {0, 1}, 4).klToUniform(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassHistogram.of(new int[] {0, 4}, 4));
        assertTrue(e.getMessage().contains("prediction 1 is 4"), e.getMessage());
    }
}
