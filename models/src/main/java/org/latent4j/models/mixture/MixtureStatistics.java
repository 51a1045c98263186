package org.latent4j.models.mixture;

import org.latent4j.blas.Blas;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.linalg.Matrices;
import org.latent4j.random.RandomSource;

/**
 * EM on rows that are not all in one place (Spark partitions, files read in pieces): the sufficient
 * statistics of one E-step over any share of the rows, which add up across shares, and the M-step
 * from their sum.
 *
 * <p>The statistics of a share are one {@code double[]} of {@link #length} entries, in this order:
 * Σ w_i, Σ w_i ℓ_i (ℓ_i = log p(x_i), from {@link EStep}), n_j = Σ_i r_ij (k), Σ_i w_i x_i (d),
 * Σ_i r_ij x_i (k×d), and the second moments the covariance type needs: Σ_i r_ij x_i x_iᵀ (FULL,
 * k×d×d, lower triangle), Σ_i w_i x_i x_iᵀ (TIED, d×d, lower triangle), Σ_i r_ij x_ic² (DIAG and
 * SPHERICAL, k×d). Responsibilities r_ij already carry the row weights w_i. Two shares' statistics
 * are combined by adding them entry by entry (in a fixed order, the sum is deterministic).
 *
 * <p>The E-step is {@link GaussianMixture}'s own ({@link EStep}); {@link #mStep} is {@link MStep}'s
 * formulas written on the sums (Bishop, "Pattern Recognition and Machine Learning", 2006, §9.2.2:
 * μ_j = Σ r x / n_j, Σ_j = Σ r x xᵀ / n_j − μ_j μ_jᵀ + ε·I), with the same collapse rule, so that
 * from the same start on the same rows, summed statistics give the single-machine fit to rounding.
 * Data are expected centred on their weighted mean (as {@link GaussianMixture} centres them), which
 * keeps the second-moment form accurate.
 */
public final class MixtureStatistics {
    private MixtureStatistics() {}

    /** Entries of the statistics array for this covariance type, k and d. */
    public static int length(CovarianceType type, int k, int d) {
        return 2 + k + d + k * d + secondLength(type, k, d);
    }

    private static int secondLength(CovarianceType type, int k, int d) {
        return switch (type) {
            case FULL -> k * d * d;
            case TIED -> d * d;
            case DIAG, SPHERICAL -> k * d;
        };
    }

    /** Adds {@code b} into {@code a} entry by entry. */
    public static void merge(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("mixture statistics: cannot add " + b.length + " entries to " + a.length);
        }
        for (int t = 0; t < a.length; t++) {
            a[t] += b[t];
        }
    }

    /** The total row weight Σ w_i of the statistics. */
    public static double totalWeight(double[] stats) {
        return stats[0];
    }

    /** The weighted mean log-likelihood Σ w_i ℓ_i / Σ w_i of the statistics (what EM's tolerance watches). */
    public static double meanLogLikelihood(double[] stats) {
        return stats[1] / stats[0];
    }

    /**
     * k initial centres chosen on the given rows (a sample of the data, n×d) as {@link GaussianMixture}
     * chooses them: k-means++ seeding, Lloyd's k-means from it, or k distinct random rows. Assigning
     * every row to its nearest centre ({@link Accumulator#forCenters}) and one {@link #mStep} then gives
     * the starting parameters. {@link InitMethod#RANDOM} draws responsibilities row by row, which has no
     * counterpart on a sample, and is refused.
     */
    public static double[] initialCenters(InitMethod method, double[] x, int d, double[] weights, int k, RandomSource rng) {
        int n = Matrices.checkData(x, d, "initialization sample");
        if (k > n) {
            throw new IllegalArgumentException("k = " + k + " is larger than the initialization sample (" + n + " rows)");
        }
        Initializer init = new Initializer(x, n, d, k, weights);
        return switch (method) {
            case KMEANS_PLUS_PLUS -> init.kmeansPlusPlus(rng);
            case KMEANS -> init.lloyd(init.kmeansPlusPlus(rng));
            case RANDOM_FROM_DATA -> init.randomRows(rng);
            case RANDOM -> throw new IllegalArgumentException("init random draws responsibilities row by row and "
                    + "has no distributed form; use k-means++, kmeans or random-from-data");
        };
    }

    /**
     * Accumulates the statistics of blocks of rows under fixed parameters (one EM E-step) or fixed
     * centres (the hard assignment that starts EM). Not thread-safe: one per task; its buffers grow with
     * the largest block seen.
     */
    public static final class Accumulator {
        private final CovarianceType type;
        private final int k;
        private final int d;
        private final Components components;
        private final double[] centers;
        private EStep eStep;
        private int capacity;
        private double[] resp = new double[0];
        private double[] scaled = new double[0];

        private Accumulator(CovarianceType type, int k, int d, Components components, double[] centers) {
            this.type = type;
            this.k = k;
            this.d = d;
            this.components = components;
            this.centers = centers;
        }

        /** The E-step under these parameters. */
        public static Accumulator forParameters(MixtureParameters p) {
            return new Accumulator(p.type(), p.k(), p.d(), Components.of(p), null);
        }

        /** Hard responsibilities: each row belongs with its weight to its nearest centre (ties to the lower index). */
        public static Accumulator forCenters(CovarianceType type, double[] centers, int k, int d) {
            if (centers.length != k * d) {
                throw new IllegalArgumentException("centres: expected " + k + "×" + d + " values, got " + centers.length);
            }
            return new Accumulator(type, k, d, null, centers.clone());
        }

        /** A zeroed statistics array of the right length. */
        public double[] newStatistics() {
            return new double[length(type, k, d)];
        }

        /**
         * Adds the statistics of the n×d rows x (weights w, null: all 1) to {@code stats}.
         *
         * @param secondMoments false to skip the second moments (enough for the log-likelihood alone)
         */
        public void add(double[] x, int n, double[] w, double[] stats, boolean secondMoments) {
            if (n == 0) {
                return;
            }
            ensure(n);
            double ll = 0.0;
            if (components != null) {
                ll = eStep.run(components, x, n, w, true, resp, null);
            } else {
                assign(x, n, w);
            }
            int o = 0;
            double sw = 0.0;
            for (int i = 0; i < n; i++) {
                sw += w == null ? 1.0 : w[i];
            }
            stats[o++] += sw;
            stats[o++] += ll;
            if (!secondMoments) {
                return;
            }
            int nk = o;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    stats[nk + j] += resp[i * k + j];
                }
            }
            o += k;
            for (int i = 0; i < n; i++) {
                double wi = w == null ? 1.0 : w[i];
                for (int c = 0; c < d; c++) {
                    stats[o + c] += wi * x[i * d + c];
                }
            }
            o += d;
            Blas.dgemm(true, false, k, d, n, 1.0, resp, 0, k, x, 0, d, 1.0, stats, o, d);
            o += k * d;
            switch (type) {
                case FULL -> {
                    for (int j = 0; j < k; j++) {
                        for (int i = 0; i < n; i++) {
                            double r = resp[i * k + j];
                            for (int c = 0; c < d; c++) {
                                scaled[i * d + c] = r * x[i * d + c];
                            }
                        }
                        Blas.dgemm(true, false, d, d, n, 1.0, scaled, 0, d, x, 0, d, 1.0, stats, o + j * d * d, d);
                    }
                }
                case TIED -> {
                    for (int i = 0; i < n; i++) {
                        double wi = w == null ? 1.0 : w[i];
                        for (int c = 0; c < d; c++) {
                            scaled[i * d + c] = wi * x[i * d + c];
                        }
                    }
                    Blas.dgemm(true, false, d, d, n, 1.0, scaled, 0, d, x, 0, d, 1.0, stats, o, d);
                }
                case DIAG, SPHERICAL -> {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < k; j++) {
                            double r = resp[i * k + j];
                            if (r == 0.0) {
                                continue;
                            }
                            int so = o + j * d;
                            for (int c = 0; c < d; c++) {
                                double v = x[i * d + c];
                                stats[so + c] += r * v * v;
                            }
                        }
                    }
                }
            }
        }

        private void ensure(int n) {
            if (n > capacity) {
                capacity = n;
                resp = new double[n * k];
                scaled = new double[n * d];
                eStep = components == null ? null : new EStep(type, k, d, n);
            }
        }

        private void assign(double[] x, int n, double[] w) {
            java.util.Arrays.fill(resp, 0, n * k, 0.0);
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestD = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double dist = EStep.squaredDistance(x, i * d, centers, j * d, d);
                    if (dist < bestD) {
                        bestD = dist;
                        best = j;
                    }
                }
                resp[i * k + best] = w == null ? 1.0 : w[i];
            }
        }
    }

    /** The parameters an M-step gives and the components it found collapsed. */
    public record Update(MixtureParameters parameters, int collapsed) {}

    /**
     * The M-step from summed statistics (see the class comment); {@code previous} (may be null) gives the
     * mean and covariance a collapsed component keeps.
     */
    public static Update mStep(double[] stats, CovarianceType type, int k, int d, double reg, MixtureParameters previous) {
        if (stats.length != length(type, k, d)) {
            throw new IllegalArgumentException("mixture statistics: expected " + length(type, k, d) + " entries for "
                    + type.label() + ", k = " + k + ", d = " + d + ", got " + stats.length);
        }
        int o = 2;
        double[] nk = java.util.Arrays.copyOfRange(stats, o, o + k);
        o += k;
        double sumWeights = stats[0];
        double[] globalMean = new double[d];
        for (int c = 0; c < d; c++) {
            globalMean[c] = stats[o + c] / sumWeights;
        }
        o += d;
        double[] means = java.util.Arrays.copyOfRange(stats, o, o + k * d);
        o += k * d;
        int second = o;
        double total = 0.0;
        for (int j = 0; j < k; j++) {
            total += nk[j];
        }
        boolean[] dead = new boolean[k];
        int collapsed = 0;
        for (int j = 0; j < k; j++) {
            dead[j] = !(nk[j] > MStep.COLLAPSE * total);
            if (dead[j]) {
                collapsed++;
                System.arraycopy(previous != null ? previous.meansView() : globalMean, previous != null ? j * d : 0,
                        means, j * d, d);
            } else {
                for (int c = 0; c < d; c++) {
                    means[j * d + c] /= nk[j];
                }
            }
        }
        double[] cov = switch (type) {
            case FULL -> {
                double[] out = new double[k * d * d];
                for (int j = 0; j < k; j++) {
                    int co = j * d * d;
                    if (dead[j]) {
                        if (previous != null) {
                            System.arraycopy(previous.covarianceMatrix(j), 0, out, co, d * d);
                        } else {
                            for (int c = 0; c < d; c++) {
                                out[co + c * d + c] = 1.0;
                            }
                        }
                        continue;
                    }
                    double inv = 1.0 / nk[j];
                    for (int r = 0; r < d; r++) {
                        for (int c = 0; c <= r; c++) {
                            out[co + r * d + c] = stats[second + co + r * d + c] * inv - means[j * d + r] * means[j * d + c];
                        }
                    }
                    for (int c = 0; c < d; c++) {
                        out[co + c * d + c] += reg;
                    }
                    Matrices.symmetrizeFromLower(out, co, d);
                }
                yield out;
            }
            case TIED -> {
                double[] out = new double[d * d];
                for (int r = 0; r < d; r++) {
                    for (int c = 0; c <= r; c++) {
                        // the pooled scatter about the global mean, as MStep keeps it
                        out[r * d + c] = stats[second + r * d + c] - sumWeights * globalMean[r] * globalMean[c];
                    }
                }
                double[] diff = new double[d];
                for (int j = 0; j < k; j++) {
                    if (dead[j]) {
                        continue;
                    }
                    for (int c = 0; c < d; c++) {
                        diff[c] = means[j * d + c] - globalMean[c];
                    }
                    for (int r = 0; r < d; r++) {
                        double a = nk[j] * diff[r];
                        for (int c = 0; c <= r; c++) {
                            out[r * d + c] -= a * diff[c];
                        }
                    }
                }
                for (int t = 0; t < d * d; t++) {
                    out[t] /= total;
                }
                for (int c = 0; c < d; c++) {
                    out[c * d + c] += reg;
                }
                Matrices.symmetrizeFromLower(out, 0, d);
                yield out;
            }
            case DIAG, SPHERICAL -> {
                double[] var = new double[k * d];
                for (int j = 0; j < k; j++) {
                    for (int c = 0; c < d; c++) {
                        int t = j * d + c;
                        if (dead[j]) {
                            var[t] = previous != null ? previous.covarianceMatrix(j)[c * d + c] : 1.0;
                        } else {
                            var[t] = stats[second + t] / nk[j] - means[t] * means[t] + reg;
                        }
                    }
                }
                if (type == CovarianceType.DIAG) {
                    yield var;
                }
                double[] sph = new double[k];
                for (int j = 0; j < k; j++) {
                    double s = 0.0;
                    for (int c = 0; c < d; c++) {
                        s += var[j * d + c];
                    }
                    sph[j] = s / d;
                }
                yield sph;
            }
        };
        double[] weights = new double[k];
        double live = 0.0;
        for (int j = 0; j < k; j++) {
            if (!dead[j]) {
                live += nk[j];
            }
        }
        for (int j = 0; j < k; j++) {
            weights[j] = dead[j] ? 0.0 : nk[j] / live;
        }
        return new Update(new MixtureParameters(type, k, d, weights, means, cov), collapsed);
    }

    /** A single-machine mixture holding these parameters and hyperparameters (for saving, scoring, sampling). */
    public static GaussianMixture toMixture(GaussianMixtureConfig config, MixtureParameters p) {
        GaussianMixture g = new GaussianMixture(config.toBuilder().k(p.k()).covarianceType(p.type()).initialParameters(null).build());
        g.restore(p);
        return g;
    }
}
