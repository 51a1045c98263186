package org.latent4j.models.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;

class LinalgTest {
    static double[] randomSpd(int d, RandomSource rng) {
        double[] a = new double[d * d];
        rng.fillNormal(a, 0, a.length, 0, 1);
        double[] s = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int p = 0; p < d; p++) {
                    v += a[i * d + p] * a[j * d + p];
                }
                s[i * d + j] = v + (i == j ? 0.1 : 0);
            }
        }
        return s;
    }

    @Test
    void choleskyReconstructsAndGivesLogDet() {
        RandomSource rng = new RandomSource(1);
        for (int d : new int[] {1, 2, 5, 17}) {
            double[] s = randomSpd(d, rng);
            double[] l = Cholesky.decompose(s, d, "test");
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double v = 0;
                    for (int p = 0; p < d; p++) {
                        v += l[i * d + p] * l[j * d + p];
                    }
                    assertEquals(s[i * d + j], v, 1e-10 * (1 + Math.abs(s[i * d + j])));
                    if (j > i) {
                        assertEquals(0.0, l[i * d + j]);
                    }
                }
            }
            SymmetricEigen e = SymmetricEigen.of(s, d);
            double logDet = 0;
            for (double v : e.values()) {
                logDet += Math.log(v);
            }
            assertEquals(logDet, Cholesky.logDet(l, 0, d), 1e-9 * (1 + Math.abs(logDet)));
        }
    }

    @Test
    void choleskyReportsTheFailingPivot() {
        double[] s = {1, 2, 2, 1};
        assertEquals(1, Cholesky.decompose(s, 0, new double[4], 0, 2));
        var ex = assertThrows(IllegalArgumentException.class, () -> Cholesky.decompose(s, 2, "the matrix"));
        assertTrue(ex.getMessage().contains("the matrix is not positive definite"), ex.getMessage());
    }

    @Test
    void lowerInverseAndSolve() {
        RandomSource rng = new RandomSource(2);
        int d = 9;
        double[] l = Cholesky.decompose(randomSpd(d, rng), d, "test");
        double[] inv = new double[d * d];
        Triangular.invertLower(l, 0, inv, 0, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int p = 0; p < d; p++) {
                    v += l[i * d + p] * inv[p * d + j];
                }
                assertEquals(i == j ? 1.0 : 0.0, v, 1e-10);
            }
        }
        double[] b = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] x = b.clone();
        Triangular.solveLower(l, 0, x, 0, d);
        for (int i = 0; i < d; i++) {
            double v = 0;
            for (int p = 0; p < d; p++) {
                v += l[i * d + p] * x[p];
            }
            assertEquals(b[i], v, 1e-10);
        }
    }

    @Test
    void jacobiDiagonalizesWithOrthonormalVectors() {
        RandomSource rng = new RandomSource(3);
        int d = 12;
        double[] s = randomSpd(d, rng);
        SymmetricEigen e = SymmetricEigen.of(s, d);
        double[] v = e.vectors();
        for (int c = 1; c < d; c++) {
            assertTrue(e.values()[c - 1] >= e.values()[c]);
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double dot = 0;
                double av = 0;
                for (int r = 0; r < d; r++) {
                    dot += v[r * d + a] * v[r * d + b];
                }
                assertEquals(a == b ? 1.0 : 0.0, dot, 1e-12);
                // (S v_a)_b
                for (int r = 0; r < d; r++) {
                    av += s[b * d + r] * v[r * d + a];
                }
                assertEquals(e.values()[a] * v[b * d + a], av, 1e-9);
            }
        }
        SymmetricEigen two = SymmetricEigen.of(new double[] {2, 1, 1, 2}, 2);
        assertEquals(3.0, two.values()[0], 1e-14);
        assertEquals(1.0, two.values()[1], 1e-14);
    }

    @Test
    void dataChecksNameRowAndColumn() {
        var ex = assertThrows(IllegalArgumentException.class,
                () -> Matrices.checkData(new double[] {1, 2, 3, Double.NaN}, 2, "data"));
        assertEquals("data: row 1, column 1 is NaN; every value must be a finite number", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Matrices.checkData(new double[] {1, 2, 3}, 2, "data"));
        assertThrows(IllegalArgumentException.class, () -> Matrices.checkWeights(new double[] {1, -1}, 2, "w"));
        assertThrows(IllegalArgumentException.class, () -> Matrices.checkWeights(new double[] {0, 0}, 2, "w"));
    }
}
