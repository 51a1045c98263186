package org.latent4j.models.pca;

import org.latent4j.blas.Blas;
import org.latent4j.models.linalg.Matrices;
import org.latent4j.models.linalg.SymmetricEigen;
import org.latent4j.random.RandomSource;
import org.latent4j.runtime.Parallel;

/**
 * Principal component analysis (Pearson, 1901; Hotelling, 1933): the m orthonormal directions of
 * largest variance of the centered data, the leading eigenvectors of the sample covariance
 * C = (X − x̄)ᵀ(X − x̄) / (n − 1).
 *
 * <p>C comes from blocked matrix products. Its leading eigenpairs come from the Jacobi method when C
 * is small (d ≤ {@value #JACOBI_MAX_D}) or most of the spectrum is wanted, and otherwise from subspace
 * iteration with Rayleigh–Ritz projection (Golub and Van Loan, Matrix Computations, section 8.2.4):
 * a block of p = m + oversampling orthonormal vectors is multiplied by C and re-orthonormalized until the
 * m leading Ritz values settle to relative 1e-12. Each axis is signed so that its largest entry is
 * positive, so results are reproducible.
 */
public final class Pca {
    static final int JACOBI_MAX_D = 200;
    private static final int MAX_ITERATIONS = 500;
    private static final int BLOCK_ROWS = 4096;

    private final int d;
    private final int m;
    private final double[] mean;
    private final double[] components;
    private final double[] explainedVariance;
    private final double totalVariance;

    /**
     * A PCA from its parts.
     *
     * @param mean              d
     * @param components        m×d, rows orthonormal
     * @param explainedVariance m variances along the axes, decreasing
     * @param totalVariance     trace of the covariance (for the ratios)
     */
    public Pca(double[] mean, double[] components, double[] explainedVariance, double totalVariance) {
        this.d = mean.length;
        this.m = explainedVariance.length;
        if (components.length != m * d) {
            throw new IllegalArgumentException("pca: expected " + m + "×" + d + " component values, got " + components.length);
        }
        this.mean = mean.clone();
        this.components = components.clone();
        this.explainedVariance = explainedVariance.clone();
        this.totalVariance = totalVariance;
    }

    /** Fits the m leading principal axes of the n×d row-major matrix x. */
    public static Pca fit(double[] x, int d, int m) {
        int n = Matrices.checkData(x, d, "pca data");
        if (m < 1 || m > d) {
            throw new IllegalArgumentException("pca: the number of components must be in 1.." + d + ", got " + m);
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                mean[c] += x[i * d + c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= n;
        }
        double[] cov = covariance(x, n, d, mean);
        double total = 0.0;
        for (int c = 0; c < d; c++) {
            total += cov[c * d + c];
        }
        double[] comps = new double[m * d];
        double[] values = new double[m];
        if (d <= JACOBI_MAX_D || 2 * m > d) {
            SymmetricEigen e = SymmetricEigen.of(cov, d);
            for (int a = 0; a < m; a++) {
                values[a] = Math.max(0.0, e.values()[a]);
                for (int c = 0; c < d; c++) {
                    comps[a * d + c] = e.vectors()[c * d + a];
                }
            }
        } else {
            SubspaceIteration.leading(cov, d, m, comps, values);
            for (int a = 0; a < m; a++) {
                values[a] = Math.max(0.0, values[a]);
            }
        }
        signAxes(comps, m, d);
        return new Pca(mean, comps, values, total);
    }

    private static double[] covariance(double[] x, int n, int d, double[] mean) {
        int rowsPerBlock = Math.min(n, BLOCK_ROWS);
        double[] block = new double[rowsPerBlock * d];
        double[] cov = new double[d * d];
        for (int r0 = 0; r0 < n; r0 += rowsPerBlock) {
            int rows = Math.min(rowsPerBlock, n - r0);
            final int start = r0;
            Parallel.forRange(rows, 64, (s, e) -> {
                for (int li = s; li < e; li++) {
                    for (int c = 0; c < d; c++) {
                        block[li * d + c] = x[(start + li) * d + c] - mean[c];
                    }
                }
            });
            Blas.dgemm(true, false, d, d, rows, 1.0, block, 0, d, block, 0, d, 1.0, cov, 0, d);
        }
        double scale = 1.0 / Math.max(1, n - 1);
        for (int t = 0; t < d * d; t++) {
            cov[t] *= scale;
        }
        Matrices.symmetrizeFromLower(cov, 0, d);
        return cov;
    }

    private static void signAxes(double[] comps, int m, int d) {
        for (int a = 0; a < m; a++) {
            int arg = 0;
            for (int c = 1; c < d; c++) {
                if (Math.abs(comps[a * d + c]) > Math.abs(comps[a * d + arg])) {
                    arg = c;
                }
            }
            if (comps[a * d + arg] < 0) {
                for (int c = 0; c < d; c++) {
                    comps[a * d + c] = -comps[a * d + c];
                }
            }
        }
    }

    /** Projects the n×d rows onto the axes: (X − x̄)·Vᵀ, n×m. */
    public double[] transform(double[] x) {
        int n = Matrices.checkData(x, d, "pca transform input");
        double[] out = new double[n * m];
        int rowsPerBlock = Math.min(n, BLOCK_ROWS);
        double[] block = new double[rowsPerBlock * d];
        for (int r0 = 0; r0 < n; r0 += rowsPerBlock) {
            int rows = Math.min(rowsPerBlock, n - r0);
            for (int li = 0; li < rows; li++) {
                for (int c = 0; c < d; c++) {
                    block[li * d + c] = x[(r0 + li) * d + c] - mean[c];
                }
            }
            Blas.dgemm(false, true, rows, m, d, 1.0, block, 0, d, components, 0, d, 0.0, out, r0 * m, m);
        }
        return out;
    }

    /** Maps n×m projections back to the data space: Z·V + x̄, n×d. */
    public double[] inverseTransform(double[] z) {
        int n = Matrices.checkData(z, m, "pca inverse-transform input");
        double[] out = new double[n * d];
        Blas.dgemm(false, false, n, d, m, 1.0, z, 0, m, components, 0, d, 0.0, out, 0, d);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                out[i * d + c] += mean[c];
            }
        }
        return out;
    }

    /** Input dimension d. */
    public int inputDimension() {
        return d;
    }

    /** Number of axes m. */
    public int components() {
        return m;
    }

    /** The axes, m×d row-major (a copy). */
    public double[] axes() {
        return components.clone();
    }

    public double[] mean() {
        return mean.clone();
    }

    /** Variance of the data along each axis (the covariance's eigenvalues), decreasing. */
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }

    /** Each axis's share of the total variance. */
    public double[] explainedVarianceRatio() {
        double[] r = new double[m];
        for (int a = 0; a < m; a++) {
            r[a] = totalVariance > 0 ? explainedVariance[a] / totalVariance : 0.0;
        }
        return r;
    }

    /** The trace of the data's covariance. */
    public double totalVariance() {
        return totalVariance;
    }

    /** Subspace iteration for the leading eigenpairs of a symmetric positive semi-definite matrix. */
    static final class SubspaceIteration {
        private SubspaceIteration() {}

        static void leading(double[] c, int d, int m, double[] vectorsOut, double[] valuesOut) {
            int p = Math.min(d, m + Math.max(10, m / 2));
            RandomSource rng = new RandomSource(0x5ca1ab1eL);
            double[] q = new double[p * d];
            rng.fillNormal(q, 0, q.length, 0.0, 1.0);
            orthonormalizeRows(q, p, d, rng);
            double[] y = new double[p * d];
            double[] b = new double[p * p];
            double[] previous = new double[m];
            SymmetricEigen e = null;
            for (int it = 1; it <= MAX_ITERATIONS; it++) {
                // Qᵀ as rows: (C·Q)ᵀ = Qᵀ·C because C is symmetric.
                Blas.dgemm(false, false, p, d, d, 1.0, q, 0, d, c, 0, d, 0.0, y, 0, d);
                if (it % 5 == 0 || it == MAX_ITERATIONS) {
                    Blas.dgemm(false, true, p, p, d, 1.0, y, 0, d, q, 0, d, 0.0, b, 0, p);
                    Matrices.symmetrizeFromLower(b, 0, p);
                    e = SymmetricEigen.of(b, p);
                    boolean settled = true;
                    for (int a = 0; a < m; a++) {
                        double v = e.values()[a];
                        if (Math.abs(v - previous[a]) > 1e-12 * Math.abs(e.values()[0])) {
                            settled = false;
                        }
                        previous[a] = v;
                    }
                    if (settled) {
                        break;
                    }
                }
                System.arraycopy(y, 0, q, 0, p * d);
                orthonormalizeRows(q, p, d, rng);
            }
            // Ritz vectors: V = Wᵀ·Qᵀ with W the eigenvectors of B.
            for (int a = 0; a < m; a++) {
                valuesOut[a] = e.values()[a];
                for (int col = 0; col < d; col++) {
                    double s = 0.0;
                    for (int r = 0; r < p; r++) {
                        s += e.vectors()[r * p + a] * q[r * d + col];
                    }
                    vectorsOut[a * d + col] = s;
                }
            }
        }

        /** Modified Gram–Schmidt, twice ("twice is enough"); a row that vanishes is redrawn at random. */
        static void orthonormalizeRows(double[] q, int p, int d, RandomSource rng) {
            for (int r = 0; r < p; r++) {
                int ro = r * d;
                for (int attempt = 0; ; attempt++) {
                    double before = norm(q, ro, d);
                    for (int pass = 0; pass < 2; pass++) {
                        for (int s = 0; s < r; s++) {
                            double dot = 0.0;
                            for (int c = 0; c < d; c++) {
                                dot += q[ro + c] * q[s * d + c];
                            }
                            for (int c = 0; c < d; c++) {
                                q[ro + c] -= dot * q[s * d + c];
                            }
                        }
                    }
                    double after = norm(q, ro, d);
                    if (after > 1e-10 * before && after > 0 || attempt > 10) {
                        for (int c = 0; c < d; c++) {
                            q[ro + c] /= after;
                        }
                        break;
                    }
                    rng.fillNormal(q, ro, d, 0.0, 1.0);
                }
            }
        }

        private static double norm(double[] a, int o, int d) {
            double s = 0.0;
            for (int c = 0; c < d; c++) {
                s += a[o + c] * a[o + c];
            }
            return Math.sqrt(s);
        }
    }
}
