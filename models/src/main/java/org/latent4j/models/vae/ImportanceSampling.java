package org.latent4j.models.vae;

import java.util.function.IntConsumer;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.vae.GaussianEncoder.Encoding;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * The importance-weighted estimate of log p(x) (Burda, Grosse and Salakhutdinov, "Importance Weighted
 * Autoencoders", ICLR 2016): with z_k ~ q(z|x), k = 1..K,
 * log p(x) ≈ log (1/K) Σ_k p(x|z_k) p(z_k) / q(z_k|x),
 * computed in log space with a running log-sum-exp in double precision, over batches of examples × samples
 * (so K can be in the thousands). The same samples give the reconstruction term of the ELBO, the log
 * reconstruction probability log (1/K) Σ_k p(x|z_k) (An and Cho 2015), and, from q itself, the
 * closed-form KL and the encoder means used for active units.
 */
final class ImportanceSampling {
    /** Rows (examples × samples) per decoder pass. */
    private static final int ROWS_PER_PASS = 1000;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    /** Progress that nobody watches. */
    static final IntConsumer NO_PROGRESS = done -> {};

    private ImportanceSampling() {}

    /** Per-example results of one pass over the data. */
    record PerExample(int n, int latent, int samples, double[] logLikelihood, double[] reconstruction,
                      double[] logReconstructionProbability, double[] kl, double[] klPerDimSum, float[] mu) {}

    /** One pass; {@code examplesDone} hears how many examples are finished after each block. */
    static PerExample run(Vae vae, DataMatrix data, int k, RandomSource rng, IntConsumer examplesDone) {
        if (k < 1) {
            throw new IllegalArgumentException("importance sampling: the number of samples must be >= 1, got " + k);
        }
        int n = data.rows();
        int latent = vae.config().latentDim();
        PerExample out = new PerExample(n, latent, k, new double[n], new double[n], new double[n], new double[n],
                new double[latent], new float[n * latent]);
        int block = Math.max(1, ROWS_PER_PASS / k);
        int chunk = Math.min(k, ROWS_PER_PASS);
        try (var g = Autograd.noGrad()) {
            for (int s = 0; s < n; s += block) {
                int e = Math.min(n, s + block);
                runBlock(vae, data.slice(s, e), s, k, chunk, rng, out);
                examplesDone.accept(e);
            }
        }
        return out;
    }

    private static void runBlock(Vae vae, Tensor x, int first, int k, int chunk, RandomSource rng, PerExample out) {
        int nb = x.dim(0);
        int latent = out.latent();
        Encoding q = vae.encoder().forward(x);
        float[] mu = q.mu().data();
        float[] logVar = q.logVar().data();
        float[] sigma = q.sigma().data();
        float[] klDim = q.klPerDim().data();
        for (int i = 0; i < nb; i++) {
            double kl = 0;
            for (int j = 0; j < latent; j++) {
                kl += klDim[i * latent + j];
                out.klPerDimSum()[j] += klDim[i * latent + j];
            }
            out.kl()[first + i] = kl;
        }
        System.arraycopy(mu, 0, out.mu(), first * latent, nb * latent);
        LogMeanExp weights = new LogMeanExp(nb);
        LogMeanExp recon = new LogMeanExp(nb);
        double[] reconSum = new double[nb];
        for (int done = 0; done < k; done += chunk) {
            int kc = Math.min(chunk, k - done);
            float[] eps = new float[kc * nb * latent];
            rng.fillNormal(eps, 0, eps.length, 0, 1);
            float[] z = new float[eps.length];
            double[] logRatio = new double[kc * nb];
            for (int r = 0; r < kc * nb; r++) {
                int i = r % nb;
                double lq = 0, lp = 0;
                for (int j = 0; j < latent; j++) {
                    int a = r * latent + j, b = i * latent + j;
                    float zz = mu[b] + sigma[b] * eps[a];
                    z[a] = zz;
                    lq -= 0.5 * eps[a] * eps[a] + 0.5 * logVar[b] + HALF_LOG_2PI;
                    lp -= 0.5 * (double) zz * zz + HALF_LOG_2PI;
                }
                logRatio[r] = lp - lq;
            }
            Tensor xs = Vae.tile(x, kc);
            Tensor decoded = vae.decoderOutput(Tensor.of(z, kc * nb, latent), xs, null);
            float[] logPx = vae.likelihood().logProb(decoded, xs).data();
            for (int r = 0; r < kc * nb; r++) {
                int i = r % nb;
                weights.add(i, logPx[r] + logRatio[r]);
                recon.add(i, logPx[r]);
                reconSum[i] += logPx[r];
            }
        }
        for (int i = 0; i < nb; i++) {
            out.logLikelihood()[first + i] = weights.value(i, k);
            out.logReconstructionProbability()[first + i] = recon.value(i, k);
            out.reconstruction()[first + i] = reconSum[i] / k;
        }
    }

    /** Running log Σ exp(v) per example, rescaled whenever a new maximum arrives; divided by the count at the end. */
    private static final class LogMeanExp {
        private final double[] max;
        private final double[] sum;

        LogMeanExp(int n) {
            max = new double[n];
            sum = new double[n];
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }

        void add(int i, double v) {
            if (v > max[i]) {
                sum[i] = sum[i] * Math.exp(max[i] - v) + 1;
                max[i] = v;
            } else {
                sum[i] += Math.exp(v - max[i]);
            }
        }

        double value(int i, int count) {
            return max[i] + Math.log(sum[i]) - Math.log(count);
        }
    }
}
