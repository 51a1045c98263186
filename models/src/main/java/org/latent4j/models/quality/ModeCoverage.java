package org.latent4j.models.quality;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well samples cover a mixture of isotropic Gaussians with known means and common standard deviation
 * σ, by the protocol of VEEGAN (Srivastava et al. 2017) and PacGAN (Lin et al. 2018), computed as
 * {@code ../shared/bench/torch_wgan_toy.py}'s {@code evaluate()}: a sample is <em>high quality</em> when
 * its nearest mode is within 3σ; a mode is <em>captured</em> when at least one high-quality sample falls
 * on it; the <em>reverse KL</em> is KL(q ‖ uniform) = Σ q_k log(q_k K) of the histogram q of the
 * high-quality samples over the K modes (0 when they spread evenly, log K when all fall on one).
 * The protocol draws 2,500 samples ({@link #SAMPLES}).
 */
public final class ModeCoverage {
    /** The number of samples of the protocol. */
    public static final int SAMPLES = 2500;
    /** A sample within this many standard deviations of its nearest mode is of high quality. */
    public static final double RADIUS = 3;

    private final double[][] means;
    private final double std;

    /**
     * @param means the modes' centres, [K][d]
     * @param std   the common standard deviation σ of every mode
     */
    public ModeCoverage(double[][] means, double std) {
        if (means.length == 0) {
            throw new IllegalArgumentException("mode coverage: at least one mode is needed");
        }
        if (!(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("mode coverage: the standard deviation must be > 0, got " + std);
        }
        for (double[] m : means) {
            if (m.length != means[0].length) {
                throw new IllegalArgumentException("mode coverage: every mode needs " + means[0].length + " coordinates");
            }
        }
        this.means = means.clone();
        this.std = std;
    }

    public int modes() {
        return means.length;
    }

    public int dimension() {
        return means[0].length;
    }

    public double std() {
        return std;
    }

    /** The result of {@link #measure}. */
    public record Result(int captured, int modes, double highQualityPercent, double reverseKl, int[] counts) {
        /** The figures under the names metrics.jsonl and the reports use. */
        public Map<String, Double> toMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("modes", (double) captured);
            m.put("high_quality", highQualityPercent);
            m.put("reverse_kl", reverseKl);
            return m;
        }
    }

    /**
     * Measures samples given row-major as {@code x} ([n, d] floats).
     *
     * @throws IllegalArgumentException if the shape does not fit, or a sample is not finite
     */
    public Result measure(float[] x, int n) {
        int d = dimension();
        if (n < 1 || x.length != (long) n * d) {
            throw new IllegalArgumentException("mode coverage: expected " + n + " samples of " + d + " values, got "
                    + x.length + " values");
        }
        int k = means.length;
        int[] counts = new int[k];
        int good = 0;
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bestDist = Double.POSITIVE_INFINITY;
            for (int m = 0; m < k; m++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double diff = x[i * d + j] - means[m][j];
                    s += diff * diff;
                }
                if (s < bestDist) {
                    bestDist = s;
                    best = m;
                }
            }
            if (best < 0 || Double.isNaN(bestDist)) {
                throw new IllegalArgumentException("mode coverage: sample " + i + " is not finite");
            }
            if (Math.sqrt(bestDist) / std < RADIUS) {
                counts[best]++;
                good++;
            }
        }
        int captured = 0;
        double rkl = 0;
        for (int c : counts) {
            if (c > 0) {
                captured++;
                double q = (double) c / good;
                rkl += q * Math.log(q * k);
            }
        }
        return new Result(captured, k, 100.0 * good / n, rkl, counts);
    }
}
