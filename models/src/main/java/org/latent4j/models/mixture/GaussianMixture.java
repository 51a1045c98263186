package org.latent4j.models.mixture;

import java.util.Arrays;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.linalg.Cholesky;
import org.latent4j.models.linalg.Matrices;
import org.latent4j.random.RandomSource;

/**
 * A mixture of k Gaussians p(x) = Σ_j α_j N(x; μ_j, Σ_j), fitted by maximum likelihood with the
 * Expectation-Maximization algorithm (Dempster, Laird and Rubin, 1977).
 *
 * <p>Each iteration runs an E-step, the responsibilities
 * q_ij = α_j N(x_i; μ_j, Σ_j) / Σ_l α_l N(x_i; μ_l, Σ_l) computed in log space from Cholesky factors
 * of the covariances ({@link EStep}), then an M-step, the weighted means, covariances and mixing weights
 * ({@link MStep}). Each iteration never lowers the likelihood. The fit stops when the mean
 * log-likelihood per example changes by less than {@code tol} from one iteration to the next, or after
 * {@code maxIter} iterations; the order of steps and the stopping rule are scikit-learn's, so from the
 * same initial parameters both give the same numbers.
 *
 * <p>Degenerate data: {@code regCovar} (default 1e-6) is added to every covariance diagonal, so constant
 * or duplicated columns give a valid, regularized model (with a large density along the degenerate
 * directions). A component whose responsibilities sum to at most 1e-12 of the total weight has
 * collapsed: it gets weight 0 and keeps its last mean and covariance ({@link FitResult#collapsedComponents()}
 * counts them). A covariance still not positive definite after regularization raises
 * {@link NonPositiveDefiniteException}. Data with NaN or infinities are refused, naming the row and column.
 *
 * <p>Rows may carry weights (a weight of 2 counts a row twice). Data are row-major {@code double[]} with
 * d columns; 1-D data are d = 1.
 */
public final class GaussianMixture {
    private final GaussianMixtureConfig config;
    private MixtureParameters params;
    private Components components;
    private FitResult fitResult;
    private EmListener listener = EmListener.NONE;

    /** An unfitted mixture with these hyperparameters. */
    public GaussianMixture(GaussianMixtureConfig config) {
        this.config = config;
    }

    /** A mixture with the given parameters (for scoring, prediction and sampling without fitting). */
    public static GaussianMixture of(MixtureParameters p) {
        GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(p.k()).covarianceType(p.type()).build());
        g.setParameters(p);
        return g;
    }

    public GaussianMixtureConfig config() {
        return config;
    }

    /** The learned parameters; throws if the mixture is not fitted. */
    public MixtureParameters parameters() {
        requireFitted();
        return params;
    }

    /** What the last {@link #fit} did, or null if the parameters were given directly. */
    public FitResult fitResult() {
        return fitResult;
    }

    /**
     * Sets who sees the progress of the next fits (after each EM iteration); returns this. The listener
     * only observes: the numbers are the same without it.
     */
    public GaussianMixture listener(EmListener l) {
        this.listener = l == null ? EmListener.NONE : l;
        return this;
    }

    public boolean isFitted() {
        return params != null;
    }

    /** Fits the rows (each of the same length). */
    public GaussianMixture fit(double[][] rows) {
        return fit(Matrices.flatten(rows), rows[0].length, null);
    }

    /** Fits the n×d row-major matrix x. */
    public GaussianMixture fit(double[] x, int d) {
        return fit(x, d, null);
    }

    /**
     * Fits the n×d row-major matrix x with per-row weights (null: all 1).
     *
     * @throws IllegalArgumentException for non-finite values, bad weights, or k larger than the rows
     */
    public GaussianMixture fit(double[] x, int d, double[] sampleWeights) {
        int n = Matrices.checkData(x, d, "data");
        double totalWeight = sampleWeights == null ? n : Matrices.checkWeights(sampleWeights, n, "sample weights");
        int k = config.k();
        if (k > n) {
            throw new IllegalArgumentException("k = " + k + " is larger than the number of rows (" + n + ")");
        }
        MixtureParameters start = config.initialParameters();
        boolean warm = config.warmStart() && params != null;
        if (warm) {
            start = params;
        }
        if (start != null && start.d() != d) {
            throw new IllegalArgumentException((warm ? "warm start" : "initial parameters") + " have " + start.d()
                    + " dimensions but the data have " + d + " columns");
        }
        int inits = start != null ? 1 : config.nInit();
        // EM runs on data centered on their (weighted) mean: the likelihood is unchanged, and the
        // M-step's second moments lose less to cancellation. Parameters are shifted back at the end.
        double[] center = weightedMean(x, n, d, sampleWeights, totalWeight);
        double[] xc = new double[x.length];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                xc[i * d + c] = x[i * d + c] - center[c];
            }
        }
        x = xc;
        if (start != null) {
            start = shift(start, center, -1.0);
        }
        double[] resp = new double[n * k];
        // Full covariances: the rows in vector-lane layout, packed once for all iterations and inits.
        RowLanes lanes = config.covarianceType() == CovarianceType.FULL ? RowLanes.of(x, n, d) : null;
        EStep eStep = new EStep(config.covarianceType(), k, d, n);
        MStep mStep = new MStep(x, lanes, n, d, k, config.covarianceType(), config.regCovar(), sampleWeights);
        Initializer initializer = new Initializer(x, n, d, k, sampleWeights);
        RandomSource rng = new RandomSource(config.seed());
        MixtureParameters best = null;
        FitResult bestResult = null;
        for (int init = 0; init < inits; init++) {
            listener.onStart(k, init, inits, config.maxIter());
            MixtureParameters p0 = start;
            if (p0 == null) {
                initializer.responsibilities(config.init(), rng, resp);
                p0 = mStep.run(resp, null);
            }
            Run run = runEm(p0, x, lanes, n, sampleWeights, totalWeight, resp, eStep, mStep, init);
            if (best == null || run.result.meanLogLikelihood() > bestResult.meanLogLikelihood()) {
                best = run.params;
                bestResult = run.result;
            }
        }
        setParameters(shift(best, center, 1.0));
        fitResult = bestResult;
        return this;
    }

    private static double[] weightedMean(double[] x, int n, int d, double[] w, double total) {
        double[] m = new double[d];
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1.0 : w[i];
            for (int c = 0; c < d; c++) {
                m[c] += wi * x[i * d + c];
            }
        }
        for (int c = 0; c < d; c++) {
            m[c] /= total;
        }
        return m;
    }

    /** The same parameters with every mean moved by sign·delta. */
    private static MixtureParameters shift(MixtureParameters p, double[] delta, double sign) {
        double[] mu = p.means();
        int d = p.d();
        for (int j = 0; j < p.k(); j++) {
            for (int c = 0; c < d; c++) {
                mu[j * d + c] += sign * delta[c];
            }
        }
        return new MixtureParameters(p.type(), p.k(), d, p.weightsView(), mu, p.covariancesView());
    }

    private record Run(MixtureParameters params, FitResult result) {}

    private Run runEm(MixtureParameters p, double[] x, RowLanes lanes, int n, double[] w, double totalWeight, double[] resp,
                      EStep eStep, MStep mStep, int init) {
        double[] trace = new double[config.maxIter()];
        Components comp = Components.of(p);
        double previous = Double.NEGATIVE_INFINITY;
        boolean converged = false;
        int it = 0;
        int collapsed = 0;
        while (it < config.maxIter()) {
            double ll = eStep.run(comp, x, lanes, n, w, true, resp, null) / totalWeight;
            p = mStep.run(resp, p);
            collapsed = mStep.collapsed();
            comp = Components.of(p);
            trace[it++] = ll;
            listener.onIteration(init, it, ll);
            if (Math.abs(ll - previous) < config.tol()) {
                converged = true;
                break;
            }
            previous = ll;
        }
        double finalLl = eStep.run(comp, x, lanes, n, w, false, resp, null) / totalWeight;
        return new Run(p, new FitResult(Arrays.copyOf(trace, it), converged, it, finalLl, collapsed, init));
    }

    /** Sets the parameters of a mixture read from disk. */
    void restore(MixtureParameters p) {
        setParameters(p);
    }

    private void setParameters(MixtureParameters p) {
        this.components = Components.of(p);
        this.params = p;
    }

    private void requireFitted() {
        if (params == null) {
            throw new IllegalStateException("the mixture is not fitted: call fit first");
        }
    }

    private int checkInput(double[] x) {
        requireFitted();
        return Matrices.checkData(x, params.d(), "data");
    }

    /** The responsibilities p(component j | x_i), n×k row-major. */
    public double[] predictProba(double[] x) {
        int n = checkInput(x);
        double[] resp = new double[n * params.k()];
        new EStep(params.type(), params.k(), params.d(), n).run(components, x, n, null, false, resp, null);
        return resp;
    }

    /** The most probable component of each row. */
    public int[] predict(double[] x) {
        int k = params == null ? 0 : params.k();
        double[] resp = predictProba(x);
        int n = resp.length / k;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (resp[i * k + j] > resp[i * k + best]) {
                    best = j;
                }
            }
            labels[i] = best;
        }
        return labels;
    }

    /** log p(x_i) for each row. */
    public double[] scoreSamples(double[] x) {
        int n = checkInput(x);
        double[] resp = new double[n * params.k()];
        double[] ll = new double[n];
        new EStep(params.type(), params.k(), params.d(), n).run(components, x, n, null, false, resp, ll);
        return ll;
    }

    /** The mean log-likelihood per row, (1/n) Σ_i log p(x_i) (scikit-learn's {@code score}). */
    public double score(double[] x) {
        return score(x, null);
    }

    /** The weighted mean log-likelihood Σ_i w_i log p(x_i) / Σ_i w_i (weights null: all 1). */
    public double score(double[] x, double[] sampleWeights) {
        int n = checkInput(x);
        double total = sampleWeights == null ? n : Matrices.checkWeights(sampleWeights, n, "sample weights");
        double[] resp = new double[n * params.k()];
        return new EStep(params.type(), params.k(), params.d(), n)
                .run(components, x, n, sampleWeights, false, resp, null) / total;
    }

    /** Bayesian information criterion −2·n·score + p·ln n, p the free parameters (lower is better). */
    public double bic(double[] x) {
        int n = checkInput(x);
        return -2.0 * score(x) * n + params.freeParameters() * Math.log(n);
    }

    /** Akaike information criterion −2·n·score + 2p (lower is better). */
    public double aic(double[] x) {
        int n = checkInput(x);
        return -2.0 * score(x) * n + 2.0 * params.freeParameters();
    }

    /**
     * n draws: each row's component from the mixing weights, then μ_j + L_j z with Σ_j = L_j L_jᵀ and
     * z standard normal.
     */
    public Samples sample(int n, RandomSource rng) {
        requireFitted();
        if (n < 1) {
            throw new IllegalArgumentException("sample: expected a count >= 1, got " + n);
        }
        int k = params.k();
        int d = params.d();
        double[][] factors = new double[k][];
        for (int j = 0; j < k; j++) {
            factors[j] = Cholesky.decompose(params.covarianceMatrix(j), d, "covariance of component " + j);
        }
        double[] w = params.weightsView();
        double[] mu = params.meansView();
        double[] out = new double[n * d];
        int[] labels = new int[n];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int j = 0;
            double acc = w[0];
            while (u >= acc && j < k - 1) {
                j++;
                acc += w[j];
            }
            while (w[j] == 0.0 && j > 0) {
                j--;
            }
            labels[i] = j;
            for (int c = 0; c < d; c++) {
                z[c] = rng.nextGaussian();
            }
            double[] l = factors[j];
            for (int r = 0; r < d; r++) {
                double s = mu[j * d + r];
                for (int c = 0; c <= r; c++) {
                    s += l[r * d + c] * z[c];
                }
                out[i * d + r] = s;
            }
        }
        return new Samples(out, labels, d);
    }

    /**
     * Fits one mixture for each k in [kMin, kMax] (the other hyperparameters from {@code base}) and keeps
     * the one with the lowest BIC.
     */
    public static BicSelection selectByBic(GaussianMixtureConfig base, double[] x, int d, int kMin, int kMax) {
        return selectByBic(base, x, d, kMin, kMax, EmListener.NONE);
    }

    /** As {@link #selectByBic(GaussianMixtureConfig, double[], int, int, int)}, reporting each fit's EM iterations to {@code listener}. */
    public static BicSelection selectByBic(GaussianMixtureConfig base, double[] x, int d, int kMin, int kMax,
                                           EmListener listener) {
        if (kMin < 1 || kMax < kMin) {
            throw new IllegalArgumentException("k range: expected 1 <= from <= to, got " + kMin + ".." + kMax);
        }
        int count = kMax - kMin + 1;
        int[] ks = new int[count];
        double[] bics = new double[count];
        GaussianMixture best = null;
        int bestIndex = -1;
        for (int t = 0; t < count; t++) {
            ks[t] = kMin + t;
            GaussianMixture g = new GaussianMixture(base.toBuilder().k(ks[t]).initialParameters(null).build())
                    .listener(listener).fit(x, d);
            bics[t] = g.bic(x);
            if (best == null || bics[t] < bics[bestIndex]) {
                best = g;
                bestIndex = t;
            }
        }
        return new BicSelection(ks, bics, ks[bestIndex], best);
    }
}
