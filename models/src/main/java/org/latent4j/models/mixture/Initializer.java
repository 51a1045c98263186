package org.latent4j.models.mixture;

import java.util.Arrays;
import org.latent4j.random.RandomSource;
import org.latent4j.runtime.Parallel;

/**
 * Initial responsibilities for EM, by the methods of {@link InitMethod}. Random draws happen on the
 * calling thread only, so a seed gives the same start whatever the thread count; sums over rows use
 * per-chunk partial sums combined in order.
 */
final class Initializer {
    private static final int MIN_CHUNK = 256;
    private static final int MAX_LLOYD_ITERATIONS = 300;

    private final double[] x;
    private final int n;
    private final int d;
    private final int k;
    private final double[] w;

    Initializer(double[] x, int n, int d, int k, double[] rowWeights) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.k = k;
        this.w = rowWeights;
    }

    /** Fills resp (n×k) with initial responsibilities multiplied by the row weights. */
    void responsibilities(InitMethod method, RandomSource rng, double[] resp) {
        switch (method) {
            case KMEANS_PLUS_PLUS -> assign(kmeansPlusPlus(rng), resp);
            case KMEANS -> assign(lloyd(kmeansPlusPlus(rng)), resp);
            case RANDOM -> randomResponsibilities(rng, resp);
            case RANDOM_FROM_DATA -> assign(randomRows(rng), resp);
        }
    }

    private double weight(int i) {
        return w == null ? 1.0 : w[i];
    }

    /** Greedy k-means++ centers (k×d). */
    double[] kmeansPlusPlus(RandomSource rng) {
        double[] centers = new double[k * d];
        double[] closest = new double[n];
        double[] candidate = new double[n];
        int first = drawProportional(rng, null);
        System.arraycopy(x, first * d, centers, 0, d);
        double potential = distancesTo(x, first * d, closest, null);
        int trials = 2 + (int) Math.log(k);
        for (int c = 1; c < k; c++) {
            int best = -1;
            double bestPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                int idx = potential > 0 ? drawProportional(rng, closest) : drawProportional(rng, null);
                double p = distancesTo(x, idx * d, candidate, closest);
                if (p < bestPotential) {
                    bestPotential = p;
                    best = idx;
                }
            }
            System.arraycopy(x, best * d, centers, c * d, d);
            potential = distancesTo(x, best * d, closest, closest);
        }
        return centers;
    }

    /**
     * out_i = min(prev_i, ‖x_i − x_center‖²) (prev null: no minimum); returns Σ w_i out_i.
     * out may be prev, which is then updated in place.
     */
    private double distancesTo(double[] src, int co, double[] out, double[] prev) {
        int chunks = Parallel.chunkCount(n, MIN_CHUNK);
        double[] part = new double[chunks];
        Parallel.forChunks(n, MIN_CHUNK, (chunk, s, e) -> {
            double sum = 0.0;
            for (int i = s; i < e; i++) {
                double dist = EStep.squaredDistance(x, i * d, src, co, d);
                if (prev != null && prev[i] < dist) {
                    dist = prev[i];
                }
                out[i] = dist;
                sum += weight(i) * dist;
            }
            part[chunk] = sum;
        });
        double total = 0.0;
        for (double p : part) {
            total += p;
        }
        return total;
    }

    /** An index drawn with probability ∝ w_i·scores_i (∝ w_i when scores is null). */
    private int drawProportional(RandomSource rng, double[] scores) {
        double total = 0.0;
        for (int i = 0; i < n; i++) {
            total += weight(i) * (scores == null ? 1.0 : scores[i]);
        }
        double u = rng.nextDouble() * total;
        double acc = 0.0;
        int last = -1;
        for (int i = 0; i < n; i++) {
            double m = weight(i) * (scores == null ? 1.0 : scores[i]);
            if (m > 0) {
                acc += m;
                last = i;
                if (u < acc) {
                    return i;
                }
            }
        }
        return last;
    }

    double[] randomRows(RandomSource rng) {
        int[] perm = rng.permutation(n);
        double[] centers = new double[k * d];
        int taken = 0;
        for (int t = 0; t < n && taken < k; t++) {
            if (weight(perm[t]) > 0) {
                System.arraycopy(x, perm[t] * d, centers, taken * d, d);
                taken++;
            }
        }
        if (taken < k) {
            throw new IllegalArgumentException("init random-from-data: only " + taken
                    + " rows have a positive weight, fewer than k = " + k);
        }
        return centers;
    }

    private void randomResponsibilities(RandomSource rng, double[] resp) {
        for (int i = 0; i < n; i++) {
            double s = 0.0;
            for (int j = 0; j < k; j++) {
                double u = rng.nextDouble();
                resp[i * k + j] = u;
                s += u;
            }
            double scale = weight(i) / s;
            for (int j = 0; j < k; j++) {
                resp[i * k + j] *= scale;
            }
        }
    }

    /** Nearest center of every row (ties to the lower index). */
    private int[] labels(double[] centers, int[] out) {
        Parallel.forRange(n, MIN_CHUNK, (s, e) -> {
            for (int i = s; i < e; i++) {
                int best = 0;
                double bestD = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double dist = EStep.squaredDistance(x, i * d, centers, j * d, d);
                    if (dist < bestD) {
                        bestD = dist;
                        best = j;
                    }
                }
                out[i] = best;
            }
        });
        return out;
    }

    private void assign(double[] centers, double[] resp) {
        int[] lab = labels(centers, new int[n]);
        Arrays.fill(resp, 0, n * k, 0.0);
        for (int i = 0; i < n; i++) {
            resp[i * k + lab[i]] = weight(i);
        }
    }

    /** Lloyd's iterations; an empty cluster keeps its center. */
    double[] lloyd(double[] centers) {
        int[] lab = labels(centers, new int[n]);
        int[] next = new int[n];
        double[] sums = new double[k * d];
        double[] counts = new double[k];
        for (int it = 0; it < MAX_LLOYD_ITERATIONS; it++) {
            Arrays.fill(sums, 0.0);
            Arrays.fill(counts, 0.0);
            for (int i = 0; i < n; i++) {
                double wi = weight(i);
                int j = lab[i];
                counts[j] += wi;
                for (int c = 0; c < d; c++) {
                    sums[j * d + c] += wi * x[i * d + c];
                }
            }
            for (int j = 0; j < k; j++) {
                if (counts[j] > 0) {
                    for (int c = 0; c < d; c++) {
                        centers[j * d + c] = sums[j * d + c] / counts[j];
                    }
                }
            }
            labels(centers, next);
            if (Arrays.equals(lab, next)) {
                break;
            }
            int[] t = lab;
            lab = next;
            next = t;
        }
        return centers;
    }
}
