package org.latent4j.models.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.models.gaussian.CovarianceType;

/**
 * Pearson's crabs: two heavily overlapping 1-D Gaussians (weights 0.44/0.56, means 0.634/0.657,
 * variances 3.4e-4/1.6e-4), recovered from samples and from a histogram of the same samples.
 * Tolerances: weights ±0.05, means ±0.003, variances ±20 %, for 20 000 draws.
 */
class CrabsTest {
    private static final int N = 20_000;

    private static void assertCrabs(double[] w, double[] mu, double[] var) {
        int a = mu[0] < mu[1] ? 0 : 1;
        int b = 1 - a;
        assertEquals(0.44, w[a], 0.05, "weight of the wide component");
        assertEquals(0.56, w[b], 0.05, "weight of the narrow component");
        assertEquals(0.634, mu[a], 0.003);
        assertEquals(0.657, mu[b], 0.003);
        assertEquals(3.4e-4, var[a], 0.2 * 3.4e-4);
        assertEquals(1.6e-4, var[b], 0.2 * 1.6e-4);
    }

    @Test
    void recoveredFromSamples() {
        double[] x = MixtureFixtures.sample(MixtureFixtures.crabs(), N, 1894);
        GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(2).covarianceType(CovarianceType.DIAG)
                .tol(1e-10).maxIter(5000).regCovar(0).nInit(2).seed(3).build()).fit(x, 1);
        MixtureParameters p = g.parameters();
        assertCrabs(p.weights(), p.means(), p.covariances());
    }

    @Test
    void recoveredFromAHistogramOfTheSamples() {
        // Binning costs nothing to EM whatever the number of draws, so this uses ten times more.
        double[] x = MixtureFixtures.sample(MixtureFixtures.crabs(), 10 * N, 1894);
        double[] edges = pearsonEdges();
        double[] counts = histogram(x, edges);
        BinnedGaussianMixture.Result r = BinnedGaussianMixture.fit(edges, counts, BinnedGaussianMixture.Config.of(2));
        assertTrue(r.converged());
        assertCrabs(r.weights(), r.means(), r.variances());
        assertMonotone(r.trace());
    }

    @Test
    void pearsonSizedHistogramGivesAFiniteMonotoneFit() {
        // 1000 crabs in 29 bins, as in Pearson's table: too few to pin the parameters down, but EM must
        // still climb and end on a proper mixture that reproduces the bin shares.
        double[] x = MixtureFixtures.sample(MixtureFixtures.crabs(), 1000, 1894);
        double[] edges = pearsonEdges();
        double[] counts = histogram(x, edges);
        BinnedGaussianMixture.Result r = BinnedGaussianMixture.fit(edges, counts, BinnedGaussianMixture.Config.of(2));
        assertMonotone(r.trace());
        assertEquals(1.0, r.weights()[0] + r.weights()[1], 1e-12);
        for (int j = 0; j < 2; j++) {
            assertTrue(r.means()[j] > 0.6 && r.means()[j] < 0.7, "mean " + r.means()[j]);
            assertTrue(r.variances()[j] > 0 && r.variances()[j] < 1e-3, "variance " + r.variances()[j]);
        }
        // The fitted mixture explains the histogram at least as well as the true one.
        double truth = binnedMeanLogLik(MixtureFixtures.crabs(), edges, counts);
        assertTrue(r.meanLogLikelihood() >= truth, r.meanLogLikelihood() + " < " + truth);
    }

    private static double binnedMeanLogLik(MixtureParameters p, double[] edges, double[] counts) {
        double s = 0;
        double n = 0;
        for (int b = 0; b < counts.length; b++) {
            double mass = 0;
            for (int j = 0; j < p.k(); j++) {
                double sd = Math.sqrt(p.covariances()[j]);
                mass += p.weights()[j] * org.latent4j.models.gaussian.Normal.intervalProbability(
                        (edges[b] - p.means()[j]) / sd, (edges[b + 1] - p.means()[j]) / sd);
            }
            s += counts[b] * Math.log(mass);
            n += counts[b];
        }
        return s / n;
    }

    private static double[] pearsonEdges() {
        // 29 bins of width 0.004 as in Pearson's table, the two end bins open.
        int bins = 29;
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = 0.5835 + 0.004 * b;
        }
        edges[0] = Double.NEGATIVE_INFINITY;
        edges[bins] = Double.POSITIVE_INFINITY;
        return edges;
    }

    private static void assertMonotone(double[] trace) {
        for (int t = 1; t < trace.length; t++) {
            assertTrue(trace[t] >= trace[t - 1] - 1e-12 * Math.abs(trace[t - 1]), "binned EM lowered the likelihood at " + t);
        }
    }

    @Test
    void binMassesNotMidpointDensities() {
        // Two open bins: the best a Gaussian can do is give each bin its observed share, so the
        // maximum mean log-likelihood is 0.3·log 0.3 + 0.7·log 0.7 (no density at a midpoint exists here).
        double[] edges = {Double.NEGATIVE_INFINITY, 0.0, Double.POSITIVE_INFINITY};
        double[] counts = {30, 70};
        BinnedGaussianMixture.Result r = BinnedGaussianMixture.fit(edges, counts, BinnedGaussianMixture.Config.of(1));
        assertEquals(Math.log(0.3) * 0.3 + Math.log(0.7) * 0.7, r.meanLogLikelihood(), 1e-6);
    }

    static double[] histogram(double[] x, double[] edges) {
        double[] counts = new double[edges.length - 1];
        for (double v : x) {
            int b = 0;
            while (b < counts.length - 1 && v > edges[b + 1]) {
                b++;
            }
            counts[b]++;
        }
        return counts;
    }
}
