package org.latent4j.models.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;

class GaussianTest {
    private static final double[] MEAN = {1.0, -2.0, 0.5};
    private static final double[] COV = {2.0, 0.6, 0.0, 0.6, 1.0, -0.3, 0.0, -0.3, 0.5};

    @Test
    void maximumLikelihoodRecoversMeanAndCovariance() {
        double[] x = Gaussian.of(MEAN, COV).sample(200_000, new RandomSource(7));
        Gaussian g = Gaussian.fit(x, 3, CovarianceType.FULL);
        for (int c = 0; c < 3; c++) {
            assertEquals(MEAN[c], g.mean()[c], 0.02);
        }
        for (int t = 0; t < 9; t++) {
            assertEquals(COV[t], g.covariance()[t], 0.03);
        }
        Gaussian diag = Gaussian.fit(x, 3, CovarianceType.DIAG);
        assertEquals(0.0, diag.covariance()[1]);
        assertEquals(g.covariance()[4], diag.covariance()[4], 1e-12);
    }

    @Test
    void maximumLikelihoodIsTheSampleMeanAndBiasedCovarianceExactly() {
        double[] x = {1, 2, 3, 5, 4, 4, 0, 1};
        Gaussian g = Gaussian.fit(x, 2, CovarianceType.FULL);
        assertEquals(2.0, g.mean()[0], 1e-15);
        assertEquals(3.0, g.mean()[1], 1e-15);
        // Σ (x−μ)(x−μ)ᵀ / n with n = 4 (not n − 1).
        assertEquals((1 + 1 + 4 + 4) / 4.0, g.covariance()[0], 1e-15);
        assertEquals((1 + 4 + 1 + 4) / 4.0, g.covariance()[3], 1e-15);
        assertEquals((1 + 2 + 2 + 4) / 4.0, g.covariance()[1], 1e-15);
    }

    @Test
    void logDensityMatchesTheFormula() {
        Gaussian g = Gaussian.of(new double[] {1.0, 2.0}, new double[] {4.0, 0.0, 0.0, 0.25});
        double x = 2.0;
        double y = 1.5;
        double expected = -Math.log(2 * Math.PI) - 0.5 * Math.log(1.0) - 0.5 * ((x - 1) * (x - 1) / 4 + (y - 2) * (y - 2) / 0.25);
        assertEquals(expected, g.logDensity(x, y), 1e-13);
    }

    @Test
    void constantColumnNeedsRegularization() {
        double[] x = {1, 5, 2, 5, 3, 5};
        var ex = assertThrows(IllegalArgumentException.class, () -> Gaussian.fit(x, 2, CovarianceType.FULL));
        assertTrue(ex.getMessage().contains("column 1 is constant"), ex.getMessage());
        Gaussian g = Gaussian.fit(x, 2, CovarianceType.FULL, 1e-6);
        assertEquals(1e-6, g.covariance()[3], 1e-18);
        double[] collinear = {1, 2, 2, 4, 3, 6, 4, 8};
        var ex2 = assertThrows(IllegalArgumentException.class, () -> Gaussian.fit(collinear, 2, CovarianceType.FULL));
        assertTrue(ex2.getMessage().contains("singular"), ex2.getMessage());
    }
}
