package org.latent4j.models.mixture;

import java.util.Arrays;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.gaussian.Normal;

/**
 * EM for a one-dimensional Gaussian mixture observed only as a histogram: bin edges e_0 < … < e_B
 * (the first may be −∞, the last +∞) and the count c_b of observations in each bin (e_b, e_{b+1}],
 * as in Pearson's 1894 measurements of 1000 crabs. The likelihood of a bin is the mixture's probability
 * mass over it, P_b = Σ_j α_j P_bj with P_bj = Φ((e_{b+1} − μ_j)/σ_j) − Φ((e_b − μ_j)/σ_j), not the
 * density at its middle: L = Σ_b c_b log P_b.
 *
 * <p>The exact observations inside a bin are the missing data (Dempster, Laird and Rubin, 1977, §4.2;
 * McLachlan and Jones, 1988). The E-step gives τ_bj = α_j P_bj / P_b and, for each bin and component,
 * the mean and second moment of N(μ_j, σ_j²) restricted to the bin ({@link Normal#truncatedMoments});
 * the M-step sets α_j = Σ_b c_b τ_bj / N, μ_j to the τ-weighted mean of the restricted means and σ_j²
 * to the τ-weighted restricted second moments about the new mean. The likelihood never decreases.
 *
 * <p>The start is a weighted {@link GaussianMixture} on the bin midpoints (counts as weights). A
 * component whose share falls to at most 1e-12 of the counts gets weight 0 and keeps its last mean and
 * variance. A bin with counts but zero mass under every component (far in every tail) is given to the
 * components in proportion to their weights.
 */
public final class BinnedGaussianMixture {
    private BinnedGaussianMixture() {}

    /**
     * Hyperparameters.
     *
     * @param k        components
     * @param tol      stop when the mean log-likelihood per observation changes by less than this
     * @param maxIter  at most this many iterations
     * @param seed     seed of the start (k-means++ on the midpoints)
     * @param regVar   added to every variance in the M-step (≥ 0; default 0, since bins already bound the scale)
     * @param start    parameters to start from (d = 1, diag or spherical), or null
     */
    public record Config(int k, double tol, int maxIter, long seed, double regVar, MixtureParameters start) {
        public Config {
            if (k < 1) {
                throw new IllegalArgumentException("k: expected >= 1, got " + k);
            }
            if (!(tol >= 0)) {
                throw new IllegalArgumentException("tol: expected >= 0, got " + tol);
            }
            if (maxIter < 1) {
                throw new IllegalArgumentException("max-iter: expected >= 1, got " + maxIter);
            }
            if (!(regVar >= 0)) {
                throw new IllegalArgumentException("regVar: expected >= 0, got " + regVar);
            }
            if (start != null && (start.d() != 1 || start.k() != k)) {
                throw new IllegalArgumentException("start: expected a 1-D mixture of " + k + " components");
            }
        }

        /** k components, tol 1e-10, 10000 iterations, seed 0, no regularization, k-means++ start. */
        public static Config of(int k) {
            return new Config(k, 1e-10, 10_000, 0L, 0.0, null);
        }

        public Config withStart(MixtureParameters p) {
            return new Config(k, tol, maxIter, seed, regVar, p);
        }

        public Config withTol(double v) {
            return new Config(k, v, maxIter, seed, regVar, start);
        }

        public Config withMaxIter(int v) {
            return new Config(k, tol, v, seed, regVar, start);
        }
    }

    /**
     * A fitted binned mixture.
     *
     * @param weights           α_j
     * @param means             μ_j
     * @param variances         σ_j²
     * @param trace             mean log-likelihood per observation, Σ_b c_b log P_b / N, at each E-step
     * @param converged         whether the tolerance was met
     * @param iterations        iterations run
     * @param meanLogLikelihood the same under the final parameters
     */
    public record Result(double[] weights, double[] means, double[] variances, double[] trace, boolean converged,
                         int iterations, double meanLogLikelihood) {
        /** The fitted mixture as ordinary (diagonal, 1-D) parameters. */
        public MixtureParameters parameters() {
            return new MixtureParameters(CovarianceType.DIAG, weights.length, 1, weights, means, variances);
        }
    }

    /** Fits a k-component mixture to counts over bins (edges has one more entry than counts). */
    public static Result fit(double[] edges, double[] counts, Config config) {
        int bins = check(edges, counts);
        int k = config.k();
        double total = 0.0;
        int nonEmpty = 0;
        for (double c : counts) {
            total += c;
            nonEmpty += c > 0 ? 1 : 0;
        }
        if (nonEmpty < k) {
            throw new IllegalArgumentException("k = " + k + " is larger than the number of non-empty bins (" + nonEmpty + ")");
        }
        MixtureParameters start = config.start() != null ? config.start() : start(edges, counts, config);
        double[] w = start.weightsView().clone();
        double[] mu = start.meansView().clone();
        double[] var = new double[k];
        for (int j = 0; j < k; j++) {
            var[j] = start.covarianceMatrix(j)[0];
        }
        double[] mass = new double[bins * k];
        double[] m1 = new double[bins * k];
        double[] m2 = new double[bins * k];
        double[] trace = new double[config.maxIter()];
        double previous = Double.NEGATIVE_INFINITY;
        boolean converged = false;
        int it = 0;
        while (it < config.maxIter()) {
            double ll = eStep(edges, counts, w, mu, var, mass, m1, m2) / total;
            mStep(counts, total, w, mu, var, mass, m1, m2, config.regVar());
            trace[it++] = ll;
            if (Math.abs(ll - previous) < config.tol()) {
                converged = true;
                break;
            }
            previous = ll;
        }
        double finalLl = eStep(edges, counts, w, mu, var, mass, m1, m2) / total;
        return new Result(w, mu, var, Arrays.copyOf(trace, it), converged, it, finalLl);
    }

    /** Σ_b c_b log P_b under the given parameters; leaves τ_bj in mass and the restricted moments in m1, m2. */
    private static double eStep(double[] edges, double[] counts, double[] w, double[] mu, double[] var,
                                double[] mass, double[] m1, double[] m2) {
        int k = w.length;
        double[] mom = new double[3];
        double ll = 0.0;
        for (int b = 0; b < counts.length; b++) {
            double pb = 0.0;
            for (int j = 0; j < k; j++) {
                int t = b * k + j;
                Normal.truncatedMoments(mu[j], Math.sqrt(var[j]), edges[b], edges[b + 1], mom);
                mass[t] = w[j] * mom[0];
                m1[t] = mom[1];
                m2[t] = mom[2];
                pb += mass[t];
            }
            for (int j = 0; j < k; j++) {
                mass[b * k + j] = pb > 0 ? mass[b * k + j] / pb : w[j];
            }
            if (counts[b] > 0) {
                ll += counts[b] * Math.log(pb);
            }
        }
        return ll;
    }

    private static void mStep(double[] counts, double total, double[] w, double[] mu, double[] var,
                              double[] tau, double[] m1, double[] m2, double reg) {
        int k = w.length;
        for (int j = 0; j < k; j++) {
            double nj = 0.0;
            double shift = 0.0;
            for (int b = 0; b < counts.length; b++) {
                double r = counts[b] * tau[b * k + j];
                nj += r;
                shift += r * m1[b * k + j];
            }
            if (!(nj > MStep.COLLAPSE * total)) {
                w[j] = 0.0;
                continue;
            }
            double delta = shift / nj;
            double s = 0.0;
            for (int b = 0; b < counts.length; b++) {
                double r = counts[b] * tau[b * k + j];
                double a = m1[b * k + j];
                // E[(x − μ')²] = E[(x − μ)²] − 2δ·E[x − μ] + δ², δ = μ' − μ
                s += r * (m2[b * k + j] - 2.0 * delta * a + delta * delta);
            }
            mu[j] += delta;
            var[j] = Math.max(s / nj, 0.0) + reg;
            w[j] = nj / total;
        }
        double sum = 0.0;
        for (double v : w) {
            sum += v;
        }
        for (int j = 0; j < k; j++) {
            w[j] /= sum;
        }
    }

    /** A weighted mixture on bin midpoints (open end bins: the finite edge moved out by a neighbour's width). */
    private static MixtureParameters start(double[] edges, double[] counts, Config config) {
        int bins = counts.length;
        double[] mid = new double[bins];
        for (int b = 0; b < bins; b++) {
            double lo = edges[b];
            double hi = edges[b + 1];
            if (Double.isInfinite(lo) && Double.isInfinite(hi)) {
                mid[b] = 0.0;
            } else if (Double.isInfinite(lo)) {
                double width = b + 2 < edges.length && Double.isFinite(edges[b + 2]) ? edges[b + 2] - hi : 1.0;
                mid[b] = hi - 0.5 * width;
            } else if (Double.isInfinite(hi)) {
                mid[b] = lo + 0.5 * (b > 0 && Double.isFinite(edges[b - 1]) ? lo - edges[b - 1] : 1.0);
            } else {
                mid[b] = 0.5 * (lo + hi);
            }
        }
        GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(config.k())
                .covarianceType(CovarianceType.DIAG).seed(config.seed()).nInit(3).tol(1e-9).maxIter(1000)
                .regCovar(minSquaredWidth(edges) / 12.0).build());
        g.fit(mid, 1, counts);
        return g.parameters();
    }

    /** The smallest squared finite bin width: the variance of a uniform over a bin is width²/12. */
    private static double minSquaredWidth(double[] edges) {
        double min = Double.POSITIVE_INFINITY;
        for (int b = 0; b + 1 < edges.length; b++) {
            double wdt = edges[b + 1] - edges[b];
            if (Double.isFinite(wdt)) {
                min = Math.min(min, wdt * wdt);
            }
        }
        return Double.isFinite(min) ? min : 1.0;
    }

    private static int check(double[] edges, double[] counts) {
        if (counts.length < 1 || edges.length != counts.length + 1) {
            throw new IllegalArgumentException("binned data: expected " + (counts.length + 1) + " edges for "
                    + counts.length + " bins, got " + edges.length);
        }
        for (int b = 0; b < edges.length; b++) {
            if (Double.isNaN(edges[b]) || (b > 0 && !(edges[b] > edges[b - 1]))) {
                throw new IllegalArgumentException("binned data: edges must increase strictly; edge " + b + " is "
                        + edges[b] + (b > 0 ? " after " + edges[b - 1] : ""));
            }
            if ((b > 0 && edges[b] == Double.NEGATIVE_INFINITY) || (b < edges.length - 1 && edges[b] == Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("binned data: only the first edge may be -Infinity and the last +Infinity");
            }
        }
        for (int b = 0; b < counts.length; b++) {
            if (!(counts[b] >= 0) || Double.isInfinite(counts[b])) {
                throw new IllegalArgumentException("binned data: count of bin " + b + " is " + counts[b]
                        + "; counts must be finite and >= 0");
            }
        }
        return counts.length;
    }
}
