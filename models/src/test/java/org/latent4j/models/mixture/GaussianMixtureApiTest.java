package org.latent4j.models.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.random.RandomSource;
import org.latent4j.runtime.Threads;

class GaussianMixtureApiTest {
    private static final MixtureParameters TRUTH = MixtureFixtures.threeComponents(CovarianceType.FULL);

    @Test
    void predictProbaScoreAndSampleAgree() {
        double[] x = MixtureFixtures.sample(TRUTH, 3000, 1);
        GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(3).seed(2).build()).fit(x, 3);
        double[] proba = g.predictProba(x);
        int[] labels = g.predict(x);
        double[] ll = g.scoreSamples(x);
        double mean = 0;
        for (int i = 0; i < 3000; i++) {
            double s = 0;
            for (int j = 0; j < 3; j++) {
                s += proba[i * 3 + j];
                assertTrue(proba[i * 3 + j] <= proba[i * 3 + labels[i]]);
            }
            assertEquals(1.0, s, 1e-12);
            mean += ll[i];
        }
        assertEquals(mean / 3000, g.score(x), 1e-12);
        // log p(x) by hand for one row.
        MixtureParameters p = g.parameters();
        double[] row = {x[0], x[1], x[2]};
        double direct = 0;
        for (int j = 0; j < 3; j++) {
            direct += p.weights()[j] * Math.exp(org.latent4j.models.gaussian.Gaussian.of(
                    java.util.Arrays.copyOfRange(p.means(), j * 3, j * 3 + 3), p.covarianceMatrix(j)).logDensity(row));
        }
        assertEquals(Math.log(direct), ll[0], 1e-10);
        Samples s = g.sample(20_000, new RandomSource(4));
        assertEquals(60_000, s.x().length);
        int[] counts = new int[3];
        for (int lab : s.labels()) {
            counts[lab]++;
        }
        for (int j = 0; j < 3; j++) {
            assertEquals(p.weights()[j], counts[j] / 20_000.0, 0.015);
        }
        // Samples score like the data they imitate.
        assertEquals(g.score(x), g.score(s.x()), 0.05);
        int agree = 0;
        int[] back = g.predict(s.x());
        for (int i = 0; i < back.length; i++) {
            agree += back[i] == s.labels()[i] ? 1 : 0;
        }
        assertTrue(agree > 0.99 * back.length, "labels of well-separated samples predicted back: " + agree);
    }

    @Test
    void bicAndAicCountParametersLikeScikitLearn() {
        double[] x = MixtureFixtures.sample(TRUTH, 500, 3);
        GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(3).build()).fit(x, 3);
        long p = 3 * 6 + 3 * 3 + 2;
        assertEquals(p, g.parameters().freeParameters());
        assertEquals(-2 * g.score(x) * 500 + p * Math.log(500), g.bic(x), 1e-9);
        assertEquals(-2 * g.score(x) * 500 + 2 * p, g.aic(x), 1e-9);
    }

    @Test
    void bicChoosesTheTrueNumberOfComponents() {
        double[] x = MixtureFixtures.sample(TRUTH, 1500, 8);
        BicSelection sel = GaussianMixture.selectByBic(GaussianMixtureConfig.builder().seed(1).nInit(2).build(), x, 3, 1, 6);
        assertEquals(3, sel.bestK());
        assertEquals(3, sel.best().parameters().k());
        assertEquals(6, sel.bics().length);
    }

    @Test
    void aWeightOfTwoIsADuplicatedRowAndZeroARemovedOne() {
        RandomSource rng = new RandomSource(12);
        double[] x = MixtureFixtures.sample(TRUTH, 400, 6);
        double[] w = new double[400];
        int extra = 0;
        for (int i = 0; i < 400; i++) {
            w[i] = rng.nextInt(3);
            extra += (int) w[i];
        }
        double[] dup = new double[extra * 3];
        int r = 0;
        for (int i = 0; i < 400; i++) {
            for (int t = 0; t < (int) w[i]; t++) {
                System.arraycopy(x, i * 3, dup, r * 3, 3);
                r++;
            }
        }
        for (CovarianceType type : CovarianceType.values()) {
            MixtureParameters start = GaussianMixture.of(MixtureFixtures.threeComponents(type)).parameters();
            GaussianMixtureConfig cfg = GaussianMixtureConfig.builder().initialParameters(start).tol(0).maxIter(25).build();
            MixtureParameters a = new GaussianMixture(cfg).fit(x, 3, w).parameters();
            MixtureParameters b = new GaussianMixture(cfg).fit(dup, 3).parameters();
            assertClose(a.weights(), b.weights(), 1e-9, type + " weights");
            assertClose(a.means(), b.means(), 1e-9, type + " means");
            assertClose(a.covariances(), b.covariances(), 1e-9, type + " covariances");
        }
    }

    @Test
    void sameSeedAndThreadsGiveIdenticalResults() {
        double[] x = MixtureFixtures.sample(TRUTH, 5000, 10);
        int before = Threads.count();
        try {
            for (int threads : new int[] {1, 2, 3}) {
                Threads.set(threads);
                for (CovarianceType type : CovarianceType.values()) {
                    GaussianMixtureConfig cfg = GaussianMixtureConfig.builder().k(4).covarianceType(type).nInit(2).seed(5).build();
                    MixtureParameters a = new GaussianMixture(cfg).fit(x, 3).parameters();
                    MixtureParameters b = new GaussianMixture(cfg).fit(x, 3).parameters();
                    assertArrayEquals(a.weights(), b.weights());
                    assertArrayEquals(a.means(), b.means());
                    assertArrayEquals(a.covariances(), b.covariances());
                }
            }
        } finally {
            Threads.set(before);
        }
    }

    @Test
    void warmStartContinuesFromTheCurrentParameters() {
        double[] x = MixtureFixtures.sample(TRUTH, 2000, 13);
        GaussianMixtureConfig cfg = GaussianMixtureConfig.builder().k(3).maxIter(2).tol(0).seed(4).warmStart(true).build();
        GaussianMixture warm = new GaussianMixture(cfg).fit(x, 3);
        MixtureParameters afterTwo = warm.parameters();
        warm.fit(x, 3);
        GaussianMixture again = new GaussianMixture(cfg.toBuilder().warmStart(false).initialParameters(afterTwo).build()).fit(x, 3);
        assertArrayEquals(again.parameters().means(), warm.parameters().means());
        GaussianMixture four = new GaussianMixture(cfg.toBuilder().warmStart(false).maxIter(4).build()).fit(x, 3);
        assertClose(four.parameters().means(), warm.parameters().means(), 1e-12, "2 + 2 iterations = 4");
    }

    @Test
    void nInitKeepsTheBestInitialization() {
        double[] x = MixtureFixtures.sample(TRUTH, 1000, 21);
        GaussianMixtureConfig one = GaussianMixtureConfig.builder().k(5).init(InitMethod.RANDOM_FROM_DATA).seed(3).build();
        GaussianMixture single = new GaussianMixture(one).fit(x, 3);
        GaussianMixture many = new GaussianMixture(one.toBuilder().nInit(4).build()).fit(x, 3);
        // The first of the four restarts draws the same start as the single run, so the best is no worse.
        assertTrue(many.fitResult().meanLogLikelihood() >= single.fitResult().meanLogLikelihood());
        assertEquals(many.score(x), many.fitResult().meanLogLikelihood(), 1e-12);
    }

    @Test
    void oneDimensionalDataAndStoppingRule() {
        double[] x = MixtureFixtures.sample(MixtureFixtures.crabs(), 2000, 2);
        GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(2).covarianceType(CovarianceType.SPHERICAL)
                .tol(1e-3).build()).fit(x, 1);
        FitResult r = g.fitResult();
        double[] t = r.trace();
        if (r.converged()) {
            assertTrue(Math.abs(t[t.length - 1] - t[t.length - 2]) < 1e-3);
        }
        for (int i = 1; i < t.length - 1; i++) {
            assertFalse(Math.abs(t[i] - t[i - 1]) < 1e-3, "should have stopped at " + i);
        }
    }

    static void assertClose(double[] a, double[] b, double rel, String what) {
        assertEquals(a.length, b.length, what);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], rel * (1 + Math.abs(a[i])), what + "[" + i + "]");
        }
    }
}
