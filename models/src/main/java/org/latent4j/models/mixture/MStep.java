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
 * <p>Means come from one matrix product Rᵀ·X; full covariances from a symmetric rank-n update on
 * weighted, centred rows ({@link WeightedScatter}); the element-wise work runs in deterministic
 * parallel loops. Buffers are sized by the block, not by the data, and kept from one iteration to
 * the next.
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
    /** FULL: the scatter kernel over the rows in lane layout. */
    private final WeightedScatter fullScatter;
    private double[] partial;
    /** Tied only: Σ_i w_i (x_i − m)(x_i − m)ᵀ about the weighted mean m, the same in every iteration. */
    private double[] pooledScatter;
    private int collapsed;

    /** {@code lanes}: the rows x in lane layout, required for full covariances (else ignored, may be null). */
    MStep(double[] x, RowLanes lanes, int n, int d, int k, CovarianceType type, double reg, double[] rowWeights) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.k = k;
        this.type = type;
        this.reg = reg;
        this.rowWeights = rowWeights;
        if (type == CovarianceType.FULL && lanes == null) {
            throw new IllegalArgumentException("full covariances need the rows in lane layout");
        }
        this.fullScatter = type == CovarianceType.FULL ? new WeightedScatter(lanes, k) : null;
        this.blockRows = Math.max(1, Math.min(n, BUFFER_DOUBLES / d));
        this.scaled = type == CovarianceType.TIED ? new double[blockRows * d] : null;
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
     * Full covariances Σ_j = S_j / n_j + ε·I from the weighted, centred scatter S_j
     * ({@link WeightedScatter}); a collapsed component keeps its previous covariance.
     */
    private double[] fullCovariances(double[] resp, double[] nk, double[] means, boolean[] dead, MixtureParameters previous) {
        double[] cov = new double[k * d * d];
        fullScatter.scatter(resp, means, dead, cov);
        for (int j = 0; j < k; j++) {
            int o = j * d * d;
            if (dead[j]) {
                fallbackCovariance(previous, j, cov, o);
                continue;
            }
            double inv = 1.0 / nk[j];
            for (int r = 0; r < d; r++) {
                for (int c = 0; c <= r; c++) {
                    cov[o + r * d + c] *= inv;
                }
                cov[o + r * d + r] += reg;
            }
            Matrices.symmetrizeFromLower(cov, o, d);
        }
        return cov;
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
