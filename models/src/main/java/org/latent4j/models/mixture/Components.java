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
 * ‖xᵀU_j − μ_jᵀU_j‖². For full covariances the factors are packed for the E-step's triangular kernel
 * ({@link TriangularFactors}); for a tied covariance one product xᵀU serves every component. For
 * diagonal and spherical covariances the precisions are 1/σ².
 */
final class Components {
    final CovarianceType type;
    final int k;
    final int d;
    final double[] means;
    final double[] logWeights;
    final double[] logNorm;
    /** TIED: the d×d U. FULL: unused (see triangular). */
    final double[] factor;
    /** FULL: every U_j, packed for the E-step's kernel. */
    final TriangularFactors triangular;
    /** TIED: μ_jᵀU, k×d. */
    final double[] shiftedMeans;
    /** DIAG: 1/σ²_jc, k×d; SPHERICAL: 1/σ²_j, k. */
    final double[] precisions;

    private Components(CovarianceType type, int k, int d, double[] means, double[] logWeights, double[] logNorm,
                       double[] factor, double[] shiftedMeans, double[] precisions, TriangularFactors triangular) {
        this.triangular = triangular;
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
                double[][] inverses = new double[k][];
                double[] l = new double[d * d];
                for (int j = 0; j < k; j++) {
                    double[] inv = new double[d * d];
                    precisionFactor(cov, j * d * d, d, l, inv, j);
                    double logDetU = 0.0;
                    for (int r = 0; r < d; r++) {
                        logDetU += Math.log(inv[r * d + r]);
                    }
                    logNorm[j] = base + logDetU;
                    inverses[j] = inv;
                }
                yield new Components(CovarianceType.FULL, k, d, mu, logW, logNorm, null, null, null,
                        new TriangularFactors(inverses, mu, k, d));
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
                yield new Components(CovarianceType.TIED, k, d, mu, logW, logNorm, factor, shifted, null, null);
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
                yield new Components(CovarianceType.DIAG, k, d, mu, logW, logNorm, null, null, prec, null);
            }
            case SPHERICAL -> {
                double[] prec = new double[k];
                for (int j = 0; j < k; j++) {
                    prec[j] = 1.0 / cov[j];
                    logNorm[j] = base - 0.5 * d * Math.log(cov[j]);
                }
                yield new Components(CovarianceType.SPHERICAL, k, d, mu, logW, logNorm, null, null, prec, null);
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
}
