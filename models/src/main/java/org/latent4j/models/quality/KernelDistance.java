package org.latent4j.models.quality;

import org.latent4j.blas.Blas;
import org.latent4j.random.RandomSource;

/**
 * The kernel distance of Bińkowski et al. 2018 ("Demystifying MMD GANs", the KID): the unbiased estimate
 * of the squared maximum mean discrepancy with the cubic polynomial kernel k(x, y) = (xᵀy / d + 1)³,
 * <pre>MMD²ᵤ = Σ_{i≠j} k(xᵢ, xⱼ) / (m(m−1)) + Σ_{i≠j} k(yᵢ, yⱼ) / (m(m−1)) − 2 Σ_{i,j} k(xᵢ, yⱼ) / m²</pre>
 * averaged over random subsets of m vectors of each set (drawn without replacement within a subset), with
 * the standard deviation of the subset estimates. Unbiased: for two samples of one distribution it is
 * centred at 0, and may be slightly negative.
 */
public final class KernelDistance {
    private KernelDistance() {}

    /**
     * The estimate.
     *
     * @param mean       the mean of the subset estimates
     * @param std        their standard deviation (the population one, as torch-fidelity reports it)
     * @param subsets    how many subsets
     * @param subsetSize m, vectors of each set per subset
     */
    public record Result(double mean, double std, int subsets, int subsetSize) {}

    /**
     * KID between rows of {@code x} ([nx, d]) and of {@code y} ([ny, d]); the subset size is lowered to the
     * smaller set's size when that is smaller.
     */
    public static Result between(float[] x, int nx, float[] y, int ny, int d, int subsets, int subsetSize,
                                 RandomSource rng) {
        if (subsets < 1 || subsetSize < 2) {
            throw new IllegalArgumentException("kernel distance: expected at least 1 subset of at least 2 vectors, got "
                    + subsets + " of " + subsetSize);
        }
        int m = Math.min(subsetSize, Math.min(nx, ny));
        if (m < 2) {
            throw new IllegalArgumentException("kernel distance: each set needs at least 2 vectors, got " + nx + " and " + ny);
        }
        double[] estimates = new double[subsets];
        float[] a = new float[m * d];
        float[] b = new float[m * d];
        float[] gram = new float[m * m];
        int[] px = identity(nx);
        int[] py = identity(ny);
        for (int s = 0; s < subsets; s++) {
            gatherRandom(x, px, m, d, a, rng);
            gatherRandom(y, py, m, d, b, rng);
            double xx = kernelSum(a, a, m, d, gram, true);
            double yy = kernelSum(b, b, m, d, gram, true);
            double xy = kernelSum(a, b, m, d, gram, false);
            estimates[s] = (xx + yy) / ((double) m * (m - 1)) - 2.0 * xy / ((double) m * m);
        }
        double mean = 0;
        for (double e : estimates) {
            mean += e;
        }
        mean /= subsets;
        double var = 0;
        for (double e : estimates) {
            var += (e - mean) * (e - mean);
        }
        return new Result(mean, Math.sqrt(var / subsets), subsets, m);
    }

    /** Σ k(aᵢ, bⱼ) over all pairs, or over i ≠ j when {@code offDiagonal} (a and b the same rows). */
    private static double kernelSum(float[] a, float[] b, int m, int d, float[] gram, boolean offDiagonal) {
        Blas.sgemm(false, true, m, m, d, 1f, a, 0, d, b, 0, d, 0f, gram, 0, m);
        double sum = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (offDiagonal && i == j) {
                    continue;
                }
                double base = gram[i * m + j] / (double) d + 1.0;
                sum += base * base * base;
            }
        }
        return sum;
    }

    /** m distinct rows of {@code src} chosen at random (a partial Fisher-Yates shuffle of {@code perm}) into out. */
    private static void gatherRandom(float[] src, int[] perm, int m, int d, float[] out, RandomSource rng) {
        int n = perm.length;
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
            System.arraycopy(src, perm[i] * d, out, i * d, d);
        }
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }
}
