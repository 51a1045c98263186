package org.latent4j.figures.vae;

import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.vae.GaussianEncoder.Encoding;
import org.latent4j.models.vae.Vae;

/**
 * What a VAE's encoder says about some data: the posterior means μ(x) and, per latent dimension, the
 * mean closed-form KL(q(z_j|x) ‖ N(0, 1)) = ½(μ_j² + σ_j² − 1 − log σ_j²) and the variance of μ_j
 * over the data (its activity; Burda, Grosse and Salakhutdinov, 2016, call a dimension active above 0.01).
 *
 * @param rows     examples encoded
 * @param latent   latent dimension
 * @param mu       posterior means, rows × latent, row-major
 * @param klPerDim mean KL of each dimension, nats per example
 * @param activity variance of each dimension's posterior mean over the data
 */
public record LatentCodes(int rows, int latent, float[] mu, double[] klPerDim, double[] activity) {
    /** Burda et al.'s threshold on the activity of a latent dimension. */
    public static final double ACTIVE_THRESHOLD = 0.01;
    private static final int BATCH = 1000;

    /** Encodes every row of {@code data} (deterministic: no sampling). */
    public static LatentCodes of(Vae vae, DataMatrix data) {
        int n = data.rows();
        int latent = vae.config().latentDim();
        float[] mu = new float[n * latent];
        double[] kl = new double[latent];
        for (int s = 0; s < n; s += BATCH) {
            int e = Math.min(n, s + BATCH);
            Encoding q = vae.encode(data.slice(s, e));
            float[] m = q.mu().data();
            float[] lv = q.logVar().data();
            System.arraycopy(m, 0, mu, s * latent, m.length);
            for (int i = 0; i < m.length; i++) {
                double v = lv[i];
                kl[i % latent] += 0.5 * ((double) m[i] * m[i] + Math.exp(v) - 1.0 - v);
            }
        }
        double[] mean = new double[latent];
        double[] activity = new double[latent];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < latent; j++) {
                mean[j] += mu[i * latent + j];
            }
        }
        for (int j = 0; j < latent; j++) {
            mean[j] /= Math.max(1, n);
            kl[j] /= Math.max(1, n);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < latent; j++) {
                double d = mu[i * latent + j] - mean[j];
                activity[j] += d * d;
            }
        }
        for (int j = 0; j < latent; j++) {
            activity[j] /= Math.max(1, n);
        }
        return new LatentCodes(n, latent, mu, kl, activity);
    }

    /** Dimensions whose activity exceeds {@link #ACTIVE_THRESHOLD}. */
    public int activeUnits() {
        int a = 0;
        for (double v : activity) {
            if (v > ACTIVE_THRESHOLD) {
                a++;
            }
        }
        return a;
    }

    /** The total mean KL, nats per example. */
    public double totalKl() {
        double s = 0;
        for (double v : klPerDim) {
            s += v;
        }
        return s;
    }

    /** Dimension indices by decreasing KL (ties by index, so the order is reproducible). */
    public int[] byKl() {
        return java.util.stream.IntStream.range(0, latent).boxed()
                .sorted((a, b) -> klPerDim[a] != klPerDim[b] ? Double.compare(klPerDim[b], klPerDim[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }
}
