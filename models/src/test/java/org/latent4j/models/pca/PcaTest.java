package org.latent4j.models.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;

class PcaTest {
    /** n rows in d dimensions with variances decaying along random orthogonal-ish directions. */
    private static double[] data(int n, int d, long seed) {
        RandomSource rng = new RandomSource(seed);
        double[] mix = new double[d * d];
        rng.fillNormal(mix, 0, mix.length, 0, 1);
        double[] x = new double[n * d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                z[c] = rng.nextGaussian() * 10.0 / (1 + c);
            }
            for (int r = 0; r < d; r++) {
                double s = 3.0 + r;
                for (int c = 0; c < d; c++) {
                    s += mix[r * d + c] * z[c];
                }
                x[i * d + r] = s;
            }
        }
        return x;
    }

    @Test
    void explainsTheDataAndRoundTripsWhenComplete() {
        int d = 6;
        double[] x = data(2000, d, 1);
        Pca full = Pca.fit(x, d, d);
        double[] back = full.inverseTransform(full.transform(x));
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], back[i], 1e-9 * (1 + Math.abs(x[i])));
        }
        double sum = 0;
        for (double r : full.explainedVarianceRatio()) {
            sum += r;
        }
        assertEquals(1.0, sum, 1e-12);
        // Projections are uncorrelated with the explained variances as their variances.
        double[] z = full.transform(x);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int i = 0; i < 2000; i++) {
                    s += z[i * d + a] * z[i * d + b];
                }
                s /= 1999;
                assertEquals(a == b ? full.explainedVariance()[a] : 0.0, s, 1e-8 * full.explainedVariance()[0]);
            }
        }
    }

    @Test
    void truncatedProjectionIsTheBestLowRankReconstruction() {
        int d = 10;
        double[] x = data(1000, d, 2);
        Pca p = Pca.fit(x, d, 3);
        double[] back = p.inverseTransform(p.transform(x));
        double err = 0;
        for (int i = 0; i < x.length; i++) {
            err += (x[i] - back[i]) * (x[i] - back[i]);
        }
        Pca all = Pca.fit(x, d, d);
        double rest = 0;
        for (int a = 3; a < d; a++) {
            rest += all.explainedVariance()[a];
        }
        // The squared reconstruction error is (n − 1) times the variance left out.
        assertEquals(rest * 999, err, 1e-8 * err);
    }

    @Test
    void subspaceIterationAgreesWithJacobi() {
        int d = Pca.JACOBI_MAX_D + 20;
        double[] x = data(1500, d, 3);
        Pca sub = Pca.fit(x, d, 8);
        double[] c = new double[d * d];
        double[] mean = sub.mean();
        for (int i = 0; i < 1500; i++) {
            for (int r = 0; r < d; r++) {
                for (int s = 0; s <= r; s++) {
                    c[r * d + s] += (x[i * d + r] - mean[r]) * (x[i * d + s] - mean[s]) / 1499;
                }
            }
        }
        org.latent4j.models.linalg.Matrices.symmetrizeFromLower(c, 0, d);
        var e = org.latent4j.models.linalg.SymmetricEigen.of(c, d);
        double[] axes = sub.axes();
        for (int a = 0; a < 8; a++) {
            assertEquals(e.values()[a], sub.explainedVariance()[a], 1e-9 * e.values()[0]);
            double dot = 0;
            for (int r = 0; r < d; r++) {
                dot += axes[a * d + r] * e.vectors()[r * d + a];
            }
            assertEquals(1.0, Math.abs(dot), 1e-6, "axis " + a);
        }
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new double[] {1, 2, 3, 4}, 2, 3));
        Pca p = Pca.fit(data(50, 4, 4), 4, 2);
        var ex = assertThrows(IllegalArgumentException.class, () -> p.transform(new double[] {1, 2, 3}));
        assertTrue(ex.getMessage().contains("4 columns"), ex.getMessage());
    }
}
