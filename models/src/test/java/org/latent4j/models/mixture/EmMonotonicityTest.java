package org.latent4j.models.mixture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.random.RandomSource;

/** EM never lowers the log-likelihood (Dempster, Laird and Rubin, 1977, theorem 1). */
class EmMonotonicityTest {

    @Test
    void likelihoodNeverDecreasesOnRandomProblems() {
        RandomSource rng = new RandomSource(2024);
        int problems = 0;
        for (int trial = 0; trial < 40; trial++) {
            int d = 1 + rng.nextInt(4);
            int trueK = 1 + rng.nextInt(4);
            int k = 1 + rng.nextInt(5);
            int n = 200 + rng.nextInt(600);
            double[] x = randomData(rng, n, d, trueK);
            for (CovarianceType type : CovarianceType.values()) {
                InitMethod init = InitMethod.values()[rng.nextInt(InitMethod.values().length)];
                // regCovar = 0: the exact M-step, for which the theorem holds.
                GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(k).covarianceType(type)
                        .init(init).tol(0).maxIter(40).regCovar(0).seed(trial).build()).fit(x, d);
                assertMonotone(g.fitResult(), "trial " + trial + " " + type + " k=" + k + " d=" + d + " " + init);
                problems++;
            }
        }
        assertTrue(problems == 160);
    }

    @Test
    void likelihoodNeverDecreasesWithRowWeights() {
        RandomSource rng = new RandomSource(77);
        for (int trial = 0; trial < 10; trial++) {
            int d = 1 + rng.nextInt(3);
            int n = 300;
            double[] x = randomData(rng, n, d, 3);
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = rng.nextDouble() * 3;
            }
            for (CovarianceType type : CovarianceType.values()) {
                GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(3).covarianceType(type)
                        .tol(0).maxIter(30).regCovar(0).seed(trial).build()).fit(x, d, w);
                assertMonotone(g.fitResult(), "weighted trial " + trial + " " + type);
            }
        }
    }

    @Test
    void binnedEmNeverDecreasesEither() {
        RandomSource rng = new RandomSource(5);
        for (int trial = 0; trial < 10; trial++) {
            int bins = 8 + rng.nextInt(30);
            double[] edges = new double[bins + 1];
            double[] counts = new double[bins];
            for (int b = 0; b <= bins; b++) {
                edges[b] = b;
            }
            for (int b = 0; b < bins; b++) {
                counts[b] = rng.nextInt(50);
            }
            counts[0] += 1;
            counts[bins - 1] += 1;
            counts[bins / 2] += 1;
            var r = BinnedGaussianMixture.fit(edges, counts, BinnedGaussianMixture.Config.of(1 + rng.nextInt(3))
                    .withTol(0).withMaxIter(200));
            double[] t = r.trace();
            for (int i = 1; i < t.length; i++) {
                assertTrue(t[i] >= t[i - 1] - 1e-9 * Math.abs(t[i - 1]), "binned trial " + trial + " step " + i);
            }
        }
    }

    static void assertMonotone(FitResult r, String what) {
        double[] t = r.trace();
        for (int i = 1; i < t.length; i++) {
            assertTrue(t[i] >= t[i - 1] - 1e-9 * Math.abs(t[i - 1]),
                    what + ": step " + i + " went from " + t[i - 1] + " to " + t[i]);
        }
        assertTrue(r.meanLogLikelihood() >= t[t.length - 1] - 1e-9 * Math.abs(t[t.length - 1]), what + ": final");
    }

    /** Rows from a random mixture of trueK Gaussians with random scales and correlations. */
    static double[] randomData(RandomSource rng, int n, int d, int trueK) {
        double[] centers = new double[trueK * d];
        rng.fillNormal(centers, 0, centers.length, 0, 4);
        double[] mix = new double[trueK * d * d];
        rng.fillNormal(mix, 0, mix.length, 0, 1);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            int j = rng.nextInt(trueK);
            for (int r = 0; r < d; r++) {
                double s = centers[j * d + r];
                for (int c = 0; c < d; c++) {
                    s += mix[(j * d + r) * d + c] * rng.nextGaussian();
                }
                x[i * d + r] = s;
            }
        }
        return x;
    }
}
