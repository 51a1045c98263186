package org.latent4j.models.mixture;

import org.latent4j.blas.Blas;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.linalg.Matrices;
import org.latent4j.runtime.Parallel;

/**
 * The M-step: from weighted responsibilities r_ij (already multiplied by the row weights w_i),
 * n_j = Σ_i r_ij, α_j = n_j / Σ_l n_l, μ_j = Σ_i r_ij x_i / n_j and
 * Σ_j = Σ_i r_ij (x_i − μ_j)(x_i − μ_j)ᵀ / n_j + ε·I (ε the regularization), restricted to the
 * covariance type: the tied covariance pools the scatter of all components, the diagonal keeps the
 * variances, the spherical their mean over the dimensions.
 *
 * <p>A component whose responsibilities sum to at most {@value #COLLAPSE} of the total weight has
 * collapsed: nothing is left to estimate its mean or covariance from. It gets weight 0 (it no longer
 * takes part in the mixture and its responsibilities stay 0) and keeps its previous mean and
 * covariance, so the parameters never hold a NaN and the likelihood still never decreases.
 *
 * <p>Means come from one matrix product Rᵀ·X; full covariances from a few products per block of rows
 * ({@link #fullCovariances}); the element-wise work runs in deterministic parallel loops. Buffers are
 * sized by the block, not by the data.
 */
final class MStep {
    /** Components with at most this fraction of the total weight are collapsed. */
    static final double COLLAPSE = 1e-12;
    /** Target size of the per-block buffer, in doubles (4 MiB; see {@link EStep}). */
    private static final int BUFFER_DOUBLES = 1 << 19;
    private static final int MIN_CHUNK = 64;

    private final double[] x;
    private final int n;
    private final int d;
    private final int k;
    private final CovarianceType type;
    private final double reg;
    private final double[] rowWeights;
    private final double[] globalMean;
    private final double[] scaled;
    private final int blockRows;
    /** FULL: per panel of rows, the k·w × c1 second moments Σ_i r_ij x_i x_iᵀ being accumulated. */
    private final double[][] moments;
    private double[] partial;
    /** Tied only: Σ_i w_i (x_i − m)(x_i − m)ᵀ about the weighted mean m, the same in every iteration. */
    private double[] pooledScatter;
    private int collapsed;

    MStep(double[] x, int n, int d, int k, CovarianceType type, double reg, double[] rowWeights) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.k = k;
        this.type = type;
        this.reg = reg;
        this.rowWeights = rowWeights;
        int width = d;
        if (type == CovarianceType.FULL) {
            int[] starts = Components.panelStarts(d);
            this.moments = new double[starts.length - 1][];
            for (int p = 0; p + 1 < starts.length; p++) {
                int w = starts[p + 1] - starts[p];
                width = Math.max(width, k * w);
                moments[p] = new double[k * w * starts[p + 1]];
            }
        } else {
            this.moments = null;
        }
        this.blockRows = Math.max(1, Math.min(n, BUFFER_DOUBLES / width));
        this.scaled = (type == CovarianceType.FULL || type == CovarianceType.TIED) ? new double[blockRows * width] : null;
        this.partial = new double[0];
        this.globalMean = weightedMean();
    }

    /** Components found collapsed by the last {@link #run}. */
    int collapsed() {
        return collapsed;
    }

    /** New parameters from the weighted responsibilities {@code resp} (n×k); previous may be null. */
    MixtureParameters run(double[] resp, MixtureParameters previous) {
        double[] nk = columnSums(resp);
        double[] means = new double[k * d];
        Blas.dgemm(true, false, k, d, n, 1.0, resp, 0, k, x, 0, d, 0.0, means, 0, d);
        double total = 0.0;
        for (int j = 0; j < k; j++) {
            total += nk[j];
        }
        boolean[] dead = new boolean[k];
        collapsed = 0;
        for (int j = 0; j < k; j++) {
            dead[j] = !(nk[j] > COLLAPSE * total);
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
            case FULL -> fullCovariances(resp, nk, means, dead, previous);
            case TIED -> tiedCovariance(nk, means, dead, total);
            case DIAG, SPHERICAL -> diagonalCovariances(resp, nk, means, dead, previous);
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
        return new MixtureParameters(type, k, d, weights, means, cov);
    }

    private double[] columnSums(double[] resp) {
        int chunks = Parallel.chunkCount(n, MIN_CHUNK);
        double[] part = partialBuffer(chunks * k);
        Parallel.forChunks(n, MIN_CHUNK, (chunk, s, e) -> {
            int o = chunk * k;
            for (int j = 0; j < k; j++) {
                part[o + j] = 0.0;
            }
            for (int i = s; i < e; i++) {
                for (int j = 0; j < k; j++) {
                    part[o + j] += resp[i * k + j];
                }
            }
        });
        double[] nk = new double[k];
        for (int c = 0; c < chunks; c++) {
            for (int j = 0; j < k; j++) {
                nk[j] += part[c * k + j];
            }
        }
        return nk;
    }

    /**
     * Full covariances from the second moments: per panel of rows [r0, r1) of every Σ_j, one product
     * (r ⊙ X[:, r0:r1])ᵀ·X[:, 0:r1] for all components at once gives Σ_i r_ij x_i x_iᵀ on and below the
     * diagonal, then Σ_j = that / n_j − μ_j μ_jᵀ. The data are centered on their mean beforehand (see
     * {@link GaussianMixture}), so the subtraction loses little; a component where it would lose more
     * than six digits on some diagonal entry is recomputed from centered rows,
     * Σ_i (√r_ij (x_i − μ_j))(√r_ij (x_i − μ_j))ᵀ.
     */
    private double[] fullCovariances(double[] resp, double[] nk, double[] means, boolean[] dead, MixtureParameters previous) {
        int[] starts = Components.panelStarts(d);
        int panels = starts.length - 1;
        for (int p = 0; p < panels; p++) {
            java.util.Arrays.fill(moments[p], 0.0);
        }
        for (int r0 = 0; r0 < n; r0 += blockRows) {
            int rows = Math.min(blockRows, n - r0);
            final int start = r0;
            for (int p = 0; p < panels; p++) {
                int c0 = starts[p];
                int c1 = starts[p + 1];
                int w = c1 - c0;
                int width = k * w;
                Parallel.forRange(rows, MIN_CHUNK, (s, e) -> {
                    for (int li = s; li < e; li++) {
                        int i = start + li;
                        int xo = i * d + c0;
                        int ao = li * width;
                        for (int j = 0; j < k; j++) {
                            double r = resp[i * k + j];
                            int o = ao + j * w;
                            for (int c = 0; c < w; c++) {
                                scaled[o + c] = r * x[xo + c];
                            }
                        }
                    }
                });
                Blas.dgemm(true, false, width, c1, rows, 1.0, scaled, 0, width, x, r0 * d, d, 1.0, moments[p], 0, c1);
            }
        }
        double[] cov = new double[k * d * d];
        boolean[] recenter = new boolean[k];
        boolean anyRecenter = false;
        for (int j = 0; j < k; j++) {
            int o = j * d * d;
            if (dead[j]) {
                fallbackCovariance(previous, j, cov, o);
                continue;
            }
            double inv = 1.0 / nk[j];
            for (int p = 0; p < panels; p++) {
                int c0 = starts[p];
                int c1 = starts[p + 1];
                int w = c1 - c0;
                for (int c = 0; c < w; c++) {
                    int r = c0 + c;
                    int so = (j * w + c) * c1;
                    for (int col = 0; col <= r; col++) {
                        cov[o + r * d + col] = moments[p][so + col] * inv - means[j * d + r] * means[j * d + col];
                    }
                    double second = moments[p][so + r] * inv;
                    if (!(cov[o + r * d + r] > 1e-6 * second)) {
                        recenter[j] = true;
                        anyRecenter = true;
                    }
                }
            }
        }
        if (anyRecenter) {
            centeredCovariances(resp, means, recenter, cov);
        }
        for (int j = 0; j < k; j++) {
            if (dead[j]) {
                continue;
            }
            int o = j * d * d;
            if (recenter[j]) {
                double inv = 1.0 / nk[j];
                for (int t = 0; t < d * d; t++) {
                    cov[o + t] *= inv;
                }
            }
            for (int c = 0; c < d; c++) {
                cov[o + c * d + c] += reg;
            }
            Matrices.symmetrizeFromLower(cov, o, d);
        }
        return cov;
    }

    /** Σ_i r_ij (x_i − μ_j)(x_i − μ_j)ᵀ for the chosen components, into cov (lower triangle and more). */
    private void centeredCovariances(double[] resp, double[] means, boolean[] chosen, double[] cov) {
        for (int j = 0; j < k; j++) {
            if (chosen[j]) {
                java.util.Arrays.fill(cov, j * d * d, (j + 1) * d * d, 0.0);
            }
        }
        int rowsPerBlock = Math.min(n, scaled.length / d);
        for (int r0 = 0; r0 < n; r0 += rowsPerBlock) {
            int rows = Math.min(rowsPerBlock, n - r0);
            final int start = r0;
            for (int j = 0; j < k; j++) {
                if (!chosen[j]) {
                    continue;
                }
                final int comp = j;
                Parallel.forRange(rows, MIN_CHUNK, (s, e) -> {
                    for (int li = s; li < e; li++) {
                        int i = start + li;
                        double sr = Math.sqrt(resp[i * k + comp]);
                        for (int c = 0; c < d; c++) {
                            scaled[li * d + c] = sr * (x[i * d + c] - means[comp * d + c]);
                        }
                    }
                });
                Blas.dgemm(true, false, d, d, rows, 1.0, scaled, 0, d, scaled, 0, d, 1.0, cov, j * d * d, d);
            }
        }
    }

    private void fallbackCovariance(MixtureParameters previous, int j, double[] cov, int o) {
        if (previous != null) {
            System.arraycopy(previous.covarianceMatrix(j), 0, cov, o, d * d);
        } else {
            for (int c = 0; c < d; c++) {
                cov[o + c * d + c] = 1.0;
            }
        }
    }

    private double[] tiedCovariance(double[] nk, double[] means, boolean[] dead, double total) {
        if (pooledScatter == null) {
            pooledScatter = pooledScatter();
        }
        double[] cov = pooledScatter.clone();
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
                for (int c = 0; c < d; c++) {
                    cov[r * d + c] -= a * diff[c];
                }
            }
        }
        for (int t = 0; t < d * d; t++) {
            cov[t] /= total;
        }
        for (int c = 0; c < d; c++) {
            cov[c * d + c] += reg;
        }
        Matrices.symmetrizeFromLower(cov, 0, d);
        return cov;
    }

    private double[] pooledScatter() {
        double[] s = new double[d * d];
        for (int r0 = 0; r0 < n; r0 += blockRows) {
            int rows = Math.min(blockRows, n - r0);
            final int start = r0;
            Parallel.forRange(rows, MIN_CHUNK, (a, b) -> {
                for (int li = a; li < b; li++) {
                    int i = start + li;
                    double sw = rowWeights == null ? 1.0 : Math.sqrt(rowWeights[i]);
                    for (int c = 0; c < d; c++) {
                        scaled[li * d + c] = sw * (x[i * d + c] - globalMean[c]);
                    }
                }
            });
            Blas.dgemm(true, false, d, d, rows, 1.0, scaled, 0, d, scaled, 0, d, 1.0, s, 0, d);
        }
        return s;
    }

    private double[] diagonalCovariances(double[] resp, double[] nk, double[] means, boolean[] dead, MixtureParameters previous) {
        int chunks = Parallel.chunkCount(n, MIN_CHUNK);
        int kd = k * d;
        double[] part = partialBuffer(chunks * kd);
        Parallel.forChunks(n, MIN_CHUNK, (chunk, s, e) -> {
            int o = chunk * kd;
            java.util.Arrays.fill(part, o, o + kd, 0.0);
            for (int i = s; i < e; i++) {
                int xo = i * d;
                for (int j = 0; j < k; j++) {
                    double r = resp[i * k + j];
                    if (r == 0.0) {
                        continue;
                    }
                    int po = o + j * d;
                    int mo = j * d;
                    for (int c = 0; c < d; c++) {
                        double t = x[xo + c] - means[mo + c];
                        part[po + c] += r * t * t;
                    }
                }
            }
        });
        double[] var = new double[kd];
        for (int c = 0; c < chunks; c++) {
            for (int t = 0; t < kd; t++) {
                var[t] += part[c * kd + t];
            }
        }
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < d; c++) {
                int t = j * d + c;
                if (dead[j]) {
                    var[t] = previous != null ? previous.covarianceMatrix(j)[c * d + c] : 1.0;
                } else {
                    var[t] = var[t] / nk[j] + reg;
                }
            }
        }
        if (type == CovarianceType.DIAG) {
            return var;
        }
        double[] sph = new double[k];
        for (int j = 0; j < k; j++) {
            double s = 0.0;
            for (int c = 0; c < d; c++) {
                s += var[j * d + c];
            }
            sph[j] = s / d;
        }
        return sph;
    }

    private double[] weightedMean() {
        double[] m = new double[d];
        double sw = 0.0;
        for (int i = 0; i < n; i++) {
            double w = rowWeights == null ? 1.0 : rowWeights[i];
            sw += w;
            for (int c = 0; c < d; c++) {
                m[c] += w * x[i * d + c];
            }
        }
        for (int c = 0; c < d; c++) {
            m[c] /= sw;
        }
        return m;
    }

    private double[] partialBuffer(int size) {
        if (partial.length < size) {
            partial = new double[size];
        }
        return partial;
    }
}
