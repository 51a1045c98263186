package org.latent4j.models.mixture;

import org.latent4j.blas.Blas;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.runtime.Parallel;

/**
 * The E-step in log space: for each row x_i and component j,
 * log α_j + log N(x_i; μ_j, Σ_j), then the row's log-likelihood ℓ_i = logsumexp_j(…) and the
 * responsibilities q_ij = exp(log α_j + log N(x_i; μ_j, Σ_j) − ℓ_i).
 *
 * <p>Rows are processed in blocks. For full covariances a few matrix products per block (one per panel
 * of columns of the triangular precision factors, {@link Components#panelFactors}) give xᵀU_j for every
 * row and component; for tied covariances one product gives xᵀU. The products run on BLAS from the
 * calling thread; the squared distances, the logsumexp and the exponentials run in deterministic
 * parallel loops over the rows of the block. The buffers are sized by the block, not by the data.
 */
final class EStep {
    /**
     * Target size of the per-block product buffer, in doubles (4 MiB): small enough to stay in cache
     * between the products and the element-wise pass (measured: 16 MiB blocks are 1.5–2× slower), large
     * enough that the BLAS calls and parallel loops per iteration stay few.
     */
    private static final int BUFFER_DOUBLES = 1 << 19;
    private static final int MIN_CHUNK = 64;
    /** Below this, Math.exp returns 0. */
    private static final double UNDERFLOW = -746.0;

    private final int blockRows;
    private final double[] product;
    private double[] partial = new double[0];

    /** Buffers for n rows and components of this type, k and d. */
    EStep(CovarianceType type, int k, int d, int n) {
        int width = switch (type) {
            case FULL -> {
                int[] starts = Components.panelStarts(d);
                int widest = 0;
                for (int p = 0; p + 1 < starts.length; p++) {
                    widest = Math.max(widest, starts[p + 1] - starts[p]);
                }
                yield k * widest;
            }
            case TIED -> d;
            case DIAG, SPHERICAL -> 0;
        };
        this.blockRows = Math.max(1, Math.min(n, Math.max(4 * MIN_CHUNK, BUFFER_DOUBLES / Math.max(1, width))));
        this.product = width > 0 ? new double[blockRows * width] : null;
    }

    /**
     * Fills {@code resp} (n×k) with responsibilities, multiplied by the row weight when
     * {@code weightResp} and weights are given, and {@code rowLogLik} (if not null) with ℓ_i.
     *
     * @return Σ_i w_i ℓ_i (w_i = 1 without weights)
     */
    double run(Components comp, double[] x, int n, double[] weights, boolean weightResp, double[] resp,
               double[] rowLogLik) {
        double total = 0.0;
        for (int r0 = 0; r0 < n; r0 += blockRows) {
            int rows = Math.min(blockRows, n - r0);
            switch (comp.type) {
                case FULL -> fullProducts(comp, x, r0, rows, resp);
                case TIED -> Blas.dgemm(false, false, rows, comp.d, comp.d, 1.0, x, r0 * comp.d, comp.d,
                        comp.factor, 0, comp.d, 0.0, product, 0, comp.d);
                case DIAG, SPHERICAL -> { }
            }
            total += finish(comp, x, r0, rows, weights, weightResp, resp, rowLogLik);
        }
        return total;
    }

    /**
     * Panel by panel (see {@link Components#panelFactors}): one product X[:, 0:c1]·F_p gives the entries
     * c0..c1−1 of xᵀU_j for every component j (at j·w + c of each row of the buffer), and a parallel pass
     * adds their Σ_c (y − μᵀU)² into resp. The last panel's product is left in the buffer for
     * {@link #finish}, which adds it in the same pass as the logsumexp.
     */
    private void fullProducts(Components comp, double[] x, int r0, int rows, double[] resp) {
        int d = comp.d;
        int k = comp.k;
        int[] starts = comp.panelStarts;
        int last = starts.length - 2;
        for (int p = 0; p <= last; p++) {
            int c0 = starts[p];
            int c1 = starts[p + 1];
            int w = c1 - c0;
            int width = k * w;
            Blas.dgemm(false, false, rows, width, c1, 1.0, x, r0 * d, d, comp.panelFactors[p], 0, width,
                    0.0, product, 0, width);
            if (p == last) {
                break;
            }
            final boolean first = p == 0;
            Parallel.forRange(rows, MIN_CHUNK, (s, e) -> {
                for (int li = s; li < e; li++) {
                    int ro = (r0 + li) * k;
                    int yo = li * width;
                    for (int j = 0; j < k; j++) {
                        double q = squaredDistance(product, yo + j * w, comp.shiftedMeans, j * d + c0, w);
                        resp[ro + j] = first ? q : resp[ro + j] + q;
                    }
                }
            });
        }
    }

    /** Log densities, logsumexp and responsibilities for the rows of a block; returns Σ w_i ℓ_i. */
    private double finish(Components comp, double[] x, int r0, int rows, double[] weights, boolean weightResp,
                          double[] resp, double[] rowLogLik) {
        int k = comp.k;
        int chunks = Parallel.chunkCount(rows, MIN_CHUNK);
        if (partial.length < chunks) {
            partial = new double[chunks];
        }
        final double[] partialSums = partial;
        Parallel.forChunks(rows, MIN_CHUNK, (chunk, s, e) -> {
            double sum = 0.0;
            for (int li = s; li < e; li++) {
                int i = r0 + li;
                int ro = i * k;
                distances(comp, x, i, li, resp, ro);
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double v = comp.logWeights[j] + comp.logNorm[j] - 0.5 * resp[ro + j];
                    resp[ro + j] = v;
                    if (v > max) {
                        max = v;
                    }
                }
                double ll;
                if (max == Double.NEGATIVE_INFINITY) {
                    // Every component's density underflows at this row: it takes no part in the M-step.
                    for (int j = 0; j < k; j++) {
                        resp[ro + j] = 0.0;
                    }
                    ll = Double.NEGATIVE_INFINITY;
                } else {
                    double se = 0.0;
                    for (int j = 0; j < k; j++) {
                        double t = resp[ro + j] - max;
                        // exp underflows to exactly 0 below −745.2: skip the call (same result, much faster
                        // for well-separated components, whose log-densities differ by hundreds).
                        double e1 = t < UNDERFLOW ? 0.0 : Math.exp(t);
                        resp[ro + j] = e1;
                        se += e1;
                    }
                    ll = max + Math.log(se);
                    double scale = ((weightResp && weights != null) ? weights[i] : 1.0) / se;
                    for (int j = 0; j < k; j++) {
                        resp[ro + j] *= scale;
                    }
                }
                if (rowLogLik != null) {
                    rowLogLik[i] = ll;
                }
                double w = weights == null ? 1.0 : weights[i];
                if (w != 0.0) {
                    sum += w * ll;
                }
            }
            partialSums[chunk] = sum;
        });
        double total = 0.0;
        for (int c = 0; c < chunks; c++) {
            total += partialSums[c];
        }
        return total;
    }

    /** Writes the squared Mahalanobis distances of row i to every component into out[o .. o+k). */
    private void distances(Components comp, double[] x, int i, int li, double[] out, int o) {
        int d = comp.d;
        int k = comp.k;
        switch (comp.type) {
            case TIED -> {
                int yo = li * d;
                for (int j = 0; j < k; j++) {
                    out[o + j] = squaredDistance(product, yo, comp.shiftedMeans, j * d, d);
                }
            }
            case DIAG -> {
                int xo = i * d;
                for (int j = 0; j < k; j++) {
                    out[o + j] = weightedSquaredDistance(x, xo, comp.means, j * d, comp.precisions, j * d, d);
                }
            }
            case SPHERICAL -> {
                int xo = i * d;
                for (int j = 0; j < k; j++) {
                    out[o + j] = comp.precisions[j] * squaredDistance(x, xo, comp.means, j * d, d);
                }
            }
            case FULL -> {
                // The last panel's product is still in the buffer; earlier panels are summed in out.
                int[] starts = comp.panelStarts;
                int c0 = starts[starts.length - 2];
                int w = d - c0;
                int yo = li * k * w;
                boolean only = starts.length == 2;
                for (int j = 0; j < k; j++) {
                    double q = squaredDistance(product, yo + j * w, comp.shiftedMeans, j * d + c0, w);
                    out[o + j] = only ? q : out[o + j] + q;
                }
            }
        }
    }

    /** Σ_c (a_c − b_c)², with four accumulators so the additions pipeline (a fixed order: deterministic). */
    static double squaredDistance(double[] a, int ao, double[] b, int bo, int d) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int c = 0;
        for (; c + 3 < d; c += 4) {
            double t0 = a[ao + c] - b[bo + c];
            double t1 = a[ao + c + 1] - b[bo + c + 1];
            double t2 = a[ao + c + 2] - b[bo + c + 2];
            double t3 = a[ao + c + 3] - b[bo + c + 3];
            s0 += t0 * t0;
            s1 += t1 * t1;
            s2 += t2 * t2;
            s3 += t3 * t3;
        }
        for (; c < d; c++) {
            double t = a[ao + c] - b[bo + c];
            s0 += t * t;
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double weightedSquaredDistance(double[] a, int ao, double[] b, int bo, double[] p, int po, int d) {
        double s0 = 0.0;
        double s1 = 0.0;
        int c = 0;
        for (; c + 1 < d; c += 2) {
            double t0 = a[ao + c] - b[bo + c];
            double t1 = a[ao + c + 1] - b[bo + c + 1];
            s0 += t0 * t0 * p[po + c];
            s1 += t1 * t1 * p[po + c + 1];
        }
        for (; c < d; c++) {
            double t = a[ao + c] - b[bo + c];
            s0 += t * t * p[po + c];
        }
        return s0 + s1;
    }
}
