package org.latent4j.report.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.random.RandomSource;

class ReorderTest {
    @Test
    void sortsComponentsByMeanAndKeepsTheDensityForEveryCovarianceType() {
        double[] w = {0.5, 0.2, 0.3};
        double[] mu = {4, 0, -1, 1, 2, 2};
        for (CovarianceType type : CovarianceType.values()) {
            double[] cov = switch (type) {
                case FULL -> new double[] {1, 0.2, 0.2, 2, 0.5, 0, 0, 0.5, 3, -1, -1, 1};
                case TIED -> new double[] {1, 0.3, 0.3, 2};
                case DIAG -> new double[] {1, 2, 0.5, 0.7, 3, 1};
                case SPHERICAL -> new double[] {1, 0.5, 3};
            };
            MixtureParameters p = new MixtureParameters(type, 3, 2, w, mu, cov);
            MixtureParameters q = Reorder.byMean(p, 0);
            assertArrayEquals(new double[] {-1, 1, 2, 2, 4, 0}, q.means(), type.label());
            assertArrayEquals(new double[] {0.2, 0.3, 0.5}, q.weights(), type.label());
            assertArrayEquals(p.covarianceMatrix(1), q.covarianceMatrix(0), type.label());
            assertArrayEquals(p.covarianceMatrix(0), q.covarianceMatrix(2), type.label());
            double[] x = GaussianMixture.of(p).sample(50, new RandomSource(1)).x();
            double[] a = GaussianMixture.of(p).scoreSamples(x);
            double[] b = GaussianMixture.of(q).scoreSamples(x);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-12, type.label() + " row " + i);
            }
        }
    }
}
