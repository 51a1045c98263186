package org.latent4j.models.mixture;

import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.linalg.Cholesky;
import org.latent4j.models.linalg.Triangular;

/**
 * The per-component quantities the E-step needs, computed once from the parameters: log α_j, the
 * normalizing constant −(d/2)·log 2π − ½·log det Σ_j, and the precision in Cholesky form.
 *
 * <p>For full and tied covariances Σ_j = L_j L_jᵀ, the precision factor is U_j = L_j⁻ᵀ (upper
 * triangular, Σ_j⁻¹ = U_j U_jᵀ), so the squared Mahalanobis distance is ‖(x − μ_j)ᵀ U_j‖² =
 * ‖xᵀU_j − μ_jᵀU_j‖². The xᵀU_j of a block of rows and all components come from a few matrix
 * products with [U_1 … U_k], one per panel of columns (see {@link #panelFactors}). For diagonal and
 * spherical covariances the precisions are 1/σ².
 */
final class Components {
    final CovarianceType type;
    final int k;
    final int d;
    final double[] means;
    final double[] logWeights;
    final double[] logNorm;
    /** TIED: the d×d U. FULL: unused (see panelFactors). */
    final double[] factor;
    /**
     * FULL: U_j is upper triangular, so columns [c0, c1) of xᵀU_j need only x's first c1 entries. The
     * columns are cut into panels; panel p packs rows 0..c1−1 of [U_1[:, c0:c1] … U_k[:, c0:c1]] as a
     * c1×(k·w) matrix, so one product per panel serves all components and skips the zero triangle
     * (about 63% of the full product's work for d = 50).
     */
    final double[][] panelFactors;
    /** FULL: the first column of each panel, plus d at the end. */
    final int[] panelStarts;
    /** FULL and TIED: μ_jᵀU_j, k×d. */
    final double[] shiftedMeans;
    /** DIAG: 1/σ²_jc, k×d; SPHERICAL: 1/σ²_j, k. */
    final double[] precisions;

    private Components(CovarianceType type, int k, int d, double[] means, double[] logWeights, double[] logNorm,
                       double[] factor, double[] shiftedMeans, double[] precisions, double[][] panelFactors,
                       int[] panelStarts) {
        this.panelFactors = panelFactors;
        this.panelStarts = panelStarts;
        this.type = type;
        this.k = k;
        this.d = d;
        this.means = means;
        this.logWeights = logWeights;
        this.logNorm = logNorm;
        this.factor = factor;
        this.shiftedMeans = shiftedMeans;
        this.precisions = precisions;
    }

    /**
     * Precomputes the E-step quantities.
     *
     * @throws NonPositiveDefiniteException naming the component whose covariance has no Cholesky factor
     */
    static Components of(MixtureParameters p) {
        int k = p.k();
        int d = p.d();
        double[] mu = p.meansView();
        double[] cov = p.covariancesView();
        double[] logW = new double[k];
        for (int j = 0; j < k; j++) {
            logW[j] = Math.log(p.weight(j));
        }
        double[] logNorm = new double[k];
        double base = -0.5 * d * Math.log(2.0 * Math.PI);
        return switch (p.type()) {
            case FULL -> {
                int[] starts = panelStarts(d);
                int panels = starts.length - 1;
                double[][] packed = new double[panels][];
                for (int q = 0; q < panels; q++) {
                    packed[q] = new double[starts[q + 1] * k * (starts[q + 1] - starts[q])];
                }
                double[] shifted = new double[k * d];
                double[] l = new double[d * d];
                double[] inv = new double[d * d];
                for (int j = 0; j < k; j++) {
                    precisionFactor(cov, j * d * d, d, l, inv, j);
                    double logDetU = 0.0;
                    for (int r = 0; r < d; r++) {
                        logDetU += Math.log(inv[r * d + r]);
                    }
                    logNorm[j] = base + logDetU;
                    // U_j = inv(L)ᵀ: U_j[r][c] = inv[c][r], zero for r > c.
                    for (int q = 0; q < panels; q++) {
                        int c0 = starts[q];
                        int w = starts[q + 1] - c0;
                        int width = k * w;
                        for (int r = 0; r < starts[q + 1]; r++) {
                            for (int c = 0; c < w; c++) {
                                packed[q][r * width + j * w + c] = inv[(c0 + c) * d + r];
                            }
                        }
                    }
                    for (int c = 0; c < d; c++) {
                        double s = 0.0;
                        for (int r = 0; r <= c; r++) {
                            s += mu[j * d + r] * inv[c * d + r];
                        }
                        shifted[j * d + c] = s;
                    }
                }
                yield new Components(CovarianceType.FULL, k, d, mu, logW, logNorm, null, shifted, null, packed, starts);
            }
            case TIED -> {
                double[] l = new double[d * d];
                double[] inv = new double[d * d];
                precisionFactor(cov, 0, d, l, inv, -1);
                double[] factor = new double[d * d];
                Triangular.transpose(inv, 0, factor, 0, d);
                double logDetU = 0.0;
                for (int r = 0; r < d; r++) {
                    logDetU += Math.log(inv[r * d + r]);
                }
                double[] shifted = new double[k * d];
                for (int j = 0; j < k; j++) {
                    logNorm[j] = base + logDetU;
                    for (int c = 0; c < d; c++) {
                        double s = 0.0;
                        for (int r = 0; r <= c; r++) {
                            s += mu[j * d + r] * inv[c * d + r];
                        }
                        shifted[j * d + c] = s;
                    }
                }
                yield new Components(CovarianceType.TIED, k, d, mu, logW, logNorm, factor, shifted, null, null, null);
            }
            case DIAG -> {
                double[] prec = new double[k * d];
                for (int j = 0; j < k; j++) {
                    double logDet = 0.0;
                    for (int c = 0; c < d; c++) {
                        double v = cov[j * d + c];
                        prec[j * d + c] = 1.0 / v;
                        logDet += Math.log(v);
                    }
                    logNorm[j] = base - 0.5 * logDet;
                }
                yield new Components(CovarianceType.DIAG, k, d, mu, logW, logNorm, null, null, prec, null, null);
            }
            case SPHERICAL -> {
                double[] prec = new double[k];
                for (int j = 0; j < k; j++) {
                    prec[j] = 1.0 / cov[j];
                    logNorm[j] = base - 0.5 * d * Math.log(cov[j]);
                }
                yield new Components(CovarianceType.SPHERICAL, k, d, mu, logW, logNorm, null, null, prec, null, null);
            }
        };
    }

    /** Cholesky factor L of the covariance at {@code off} into l, and L⁻¹ into inv. */
    private static void precisionFactor(double[] cov, int off, int d, double[] l, double[] inv, int component) {
        int bad = Cholesky.decompose(cov, off, l, 0, d);
        if (bad >= 0) {
            throw new NonPositiveDefiniteException(component, bad);
        }
        Triangular.invertLower(l, 0, inv, 0, d);
    }

    /**
     * Column panels for triangular products: four panels of at least 8 columns (one panel when d is
     * small), the first column of each and d at the end. Four panels do about 0.63 of the full product's
     * work (six would do 0.59 but cost more BLAS calls and thread hand-offs per block).
     */
    static int[] panelStarts(int d) {
        int w = Math.max(8, (d + 3) / 4);
        int panels = (d + w - 1) / w;
        int[] starts = new int[panels + 1];
        for (int p = 0; p < panels; p++) {
            starts[p] = p * w;
        }
        starts[panels] = d;
        return starts;
    }
}
