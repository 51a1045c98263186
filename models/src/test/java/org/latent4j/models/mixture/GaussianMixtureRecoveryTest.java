package org.latent4j.models.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.latent4j.models.gaussian.CovarianceType;

class GaussianMixtureRecoveryTest {

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void recoversKnownParameters(CovarianceType type) {
        MixtureParameters truth = MixtureFixtures.threeComponents(type);
        double[] x = MixtureFixtures.sample(truth, 20_000, 42);
        GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(3).covarianceType(type)
                .seed(1).build()).fit(x, 3);
        FitResult r = g.fitResult();
        assertTrue(r.converged(), "did not converge in " + r.iterations());
        MixtureParameters fit = g.parameters();
        int[] m = MixtureFixtures.match(truth, fit);
        assertEquals(3, Arrays.stream(m).distinct().count(), "two true components matched one fitted");
        for (int j = 0; j < 3; j++) {
            assertEquals(truth.weights()[j], fit.weights()[m[j]], 0.015, "weight " + j);
            for (int c = 0; c < 3; c++) {
                assertEquals(truth.means()[j * 3 + c], fit.means()[m[j] * 3 + c], 0.06, "mean " + j + "," + c);
            }
            double[] tc = truth.covarianceMatrix(j);
            double[] fc = fit.covarianceMatrix(m[j]);
            for (int t = 0; t < 9; t++) {
                assertEquals(tc[t], fc[t], 0.1 * Math.max(0.5, Math.abs(tc[t])), "covariance " + j + "[" + t + "]");
            }
        }
        // The final mean log-likelihood is the score of the training data under the final parameters.
        assertEquals(g.score(x), r.meanLogLikelihood(), 1e-12);
        double[] trace = r.trace();
        assertEquals(r.iterations(), trace.length);
        assertTrue(r.meanLogLikelihood() >= trace[trace.length - 1] - 1e-12);
    }

    @ParameterizedTest
    @EnumSource(InitMethod.class)
    void everyInitializationFindsTheClusters(InitMethod init) {
        MixtureParameters truth = MixtureFixtures.threeComponents(CovarianceType.FULL);
        double[] x = MixtureFixtures.sample(truth, 6000, 5);
        GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(3).init(init).nInit(3)
                .seed(9).maxIter(2000).tol(1e-8).build()).fit(x, 3);
        MixtureParameters fit = g.parameters();
        int[] m = MixtureFixtures.match(truth, fit);
        assertEquals(3, Arrays.stream(m).distinct().count());
        for (int j = 0; j < 3; j++) {
            assertEquals(truth.weights()[j], fit.weights()[m[j]], 0.03);
        }
    }
}
