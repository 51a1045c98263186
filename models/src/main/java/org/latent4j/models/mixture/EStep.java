package org.latent4j.models.mixture;

import org.latent4j.blas.Blas;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.runtime.Parallel;

/**
 * The E-step in log space: for each row x_i and component j,
 * log α_j + log N(x_i; μ_j, Σ_j), then the row's log-likelihood ℓ_i = logsumexp_j(…) and the
 * responsibilities q_ij = exp(log α_j + log N(x_i; μ_j, Σ_j) − ℓ_i).
 *
 * <p>Full covariances: the rows, in vector-lane layout ({@link RowLanes}), go through the triangular
 * kernel of {@link TriangularFactors} a block of {@value RowLanes#GROUP_BLOCK}·LANES rows at a time, and
 * the same pass takes the logsumexp and the responsibilities of that block: one pass over the data per E-step, no product matrix in memory, in deterministic parallel
 * loops over the blocks.
 *
 * <p>Tied covariances: one product per block of rows gives xᵀU on BLAS from the calling thread; the
 * squared distances, the logsumexp and the exponentials run in deterministic parallel loops over the
 * rows of the block. Diagonal and spherical covariances need no product. The buffers are sized by the
 * block, not by the data.
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
    /** Full covariances: per chunk, the block's k·width values, maxima and sums (see fullRun). */
    private double[][] scratch = new double[0][];

    /** Buffers for n rows and components of this type, k and d. */
    EStep(CovarianceType type, int k, int d, int n) {
        int width = type == CovarianceType.TIED ? d : 0;
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
        RowLanes lanes = comp.type == CovarianceType.FULL ? RowLanes.of(x, n, comp.d) : null;
        return run(comp, x, lanes, n, weights, weightResp, resp, rowLogLik);
    }

    /**
     * As {@link #run(Components, double[], int, double[], boolean, double[], double[])}, with the rows
     * also given in lane layout (required for full covariances; EM packs them once per fit).
     */
    double run(Components comp, double[] x, RowLanes lanes, int n, double[] weights, boolean weightResp,
               double[] resp, double[] rowLogLik) {
        if (comp.type == CovarianceType.FULL) {
            return fullRun(comp, lanes, n, weights, weightResp, resp, rowLogLik);
        }
        double total = 0.0;
        for (int r0 = 0; r0 < n; r0 += blockRows) {
            int rows = Math.min(blockRows, n - r0);
            if (comp.type == CovarianceType.TIED) {
                Blas.dgemm(false, false, rows, comp.d, comp.d, 1.0, x, r0 * comp.d, comp.d,
                        comp.factor, 0, comp.d, 0.0, product, 0, comp.d);
            }
            total += finish(comp, x, r0, rows, weights, weightResp, resp, rowLogLik);
        }
        return total;
    }

    /**
     * Full covariances, block by block of {@value RowLanes#GROUP_BLOCK} lane groups: the squared
     * distances to every component ({@link TriangularFactors#squaredDistances}), then per lane the
     * log joint densities, their maximum, the exponentials (in vector lanes), the logsumexp ℓ_i and
     * the responsibilities. Rows whose every density underflows get ℓ_i = −∞ and no responsibility.
     */
    private double fullRun(Components comp, RowLanes x, int n, double[] weights, boolean weightResp,
                           double[] resp, double[] rowLogLik) {
        final int k = comp.k;
        final int lanes = RowLanes.LANES;
        final int blockWidth = RowLanes.GROUP_BLOCK * lanes;
        final int blocks = x.groups / RowLanes.GROUP_BLOCK;
        int chunks = Parallel.chunkCount(blocks, 1);
        if (partial.length < chunks) {
            partial = new double[chunks];
        }
        final double[] partialSums = partial;
        final double[] logConst = new double[k];
        for (int j = 0; j < k; j++) {
            logConst[j] = comp.logWeights[j] + comp.logNorm[j];
        }
        if (scratch.length < chunks || (chunks > 0 && scratch[0].length < (k + 2) * blockWidth + TriangularFactors.TILE)) {
            scratch = new double[chunks][(k + 2) * blockWidth + TriangularFactors.TILE];
        }
        final double[][] buffers = scratch;
        Parallel.forChunks(blocks, 1, (chunk, s, e) -> {
            // v, [k][blockWidth]: squared distances, then log joints, then exponentials, in place.
            double[] v = buffers[chunk];
            final double[] tile = new double[TriangularFactors.TILE];
            final int mo = k * blockWidth;
            final int so = mo + blockWidth;
            double total = 0.0;
            for (int b = s; b < e; b++) {
                int g0 = b * RowLanes.GROUP_BLOCK;
                for (int j = 0; j < k; j++) {
                    comp.triangular.squaredDistances(x, g0, j, v, j * blockWidth, tile);
                }
                java.util.Arrays.fill(v, mo, so, Double.NEGATIVE_INFINITY);
                for (int j = 0; j < k; j++) {
                    int jo = j * blockWidth;
                    for (int t = 0; t < blockWidth; t++) {
                        double lj = logConst[j] - 0.5 * v[jo + t];
                        v[jo + t] = lj;
                        v[mo + t] = Math.max(v[mo + t], lj);
                    }
                }
                // Scalar Math.exp: the Vector API's EXP may round differently in interpreted and compiled
                // code, and a fit must give the same bits on every run. Below −745.2 exp is exactly 0:
                // skip the call (well-separated components' log-densities differ by hundreds).
                java.util.Arrays.fill(v, so, so + blockWidth, 0.0);
                for (int j = 0; j < k; j++) {
                    int jo = j * blockWidth;
                    for (int t = 0; t < blockWidth; t++) {
                        double z = v[jo + t] - v[mo + t];
                        double ej = z < UNDERFLOW ? 0.0 : Math.exp(z);
                        v[jo + t] = ej;
                        v[so + t] += ej;
                    }
                }
                int i0 = g0 * lanes;
                int rows = Math.min(blockWidth, n - i0);
                for (int t = 0; t < rows; t++) {
                    int i = i0 + t;
                    int ro = i * k;
                    double ll;
                    double max = v[mo + t];
                    double sum = v[so + t];
                    if (max == Double.NEGATIVE_INFINITY) {
                        // Every component's density underflows at this row: it takes no part in the M-step.
                        for (int j = 0; j < k; j++) {
                            resp[ro + j] = 0.0;
                        }
                        ll = Double.NEGATIVE_INFINITY;
                    } else {
                        ll = max + Math.log(sum);
                        double scale = ((weightResp && weights != null) ? weights[i] : 1.0) / sum;
                        for (int j = 0; j < k; j++) {
                            resp[ro + j] = v[j * blockWidth + t] * scale;
                        }
                    }
                    if (rowLogLik != null) {
                        rowLogLik[i] = ll;
                    }
                    double w = weights == null ? 1.0 : weights[i];
                    if (w != 0.0) {
                        total += w * ll;
                    }
                }
            }
            partialSums[chunk] = total;
        });
        double total = 0.0;
        for (int c = 0; c < chunks; c++) {
            total += partialSums[c];
        }
        return total;
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
            case FULL -> throw new IllegalStateException("full covariances go through fullRun");
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
