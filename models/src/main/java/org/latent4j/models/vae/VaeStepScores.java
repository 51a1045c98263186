package org.latent4j.models.vae;

import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.vae.GaussianEncoder.Encoding;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * Per-step anomaly scores of a sequence VAE: each time step's share of its window's negative log-likelihood.
 * With r_t = (1/K) Σ_k −log p(x_t | x_{<t}, z_k), z_k ~ q(z|x), the expected reconstruction cost of step t,
 * and −log p(x) the window's importance-weighted estimate ({@link VaeScores#negativeLogLikelihood()}), step t scores
 * s_t = r_t + (−log p(x) − Σ_u r_u) / T:
 * the steps share out the rest of the window's cost (the KL and the bound's gap) evenly, so Σ_t s_t = −log p(x)
 * and a step the decoder cannot explain stands out. For one step (T = 1) s_1 = −log p(x).
 *
 * @param values [N·T] row-major: window i's step t at i·T + t, in nats
 * @param steps  T
 */
public record VaeStepScores(double[] values, int steps) {
    /** Rows (windows × samples) per decoder pass. */
    private static final int ROWS_PER_PASS = 1000;

    public int windows() {
        return values.length / steps;
    }

    /** Window i's step t. */
    public double get(int window, int step) {
        return values[window * steps + step];
    }

    /**
     * The scores of each window of {@code data} for a model whose rows are {@code vae.config()}'s steps, given the
     * windows' negative log-likelihoods (from {@link Vae#score}) and K samples of z per window drawn from rng.
     */
    static VaeStepScores of(Vae vae, DataMatrix data, double[] negativeLogLikelihood, int k, RandomSource rng) {
        if (k < 1) {
            throw new IllegalArgumentException("per-step scores: the number of samples must be >= 1, got " + k);
        }
        if (negativeLogLikelihood.length != data.rows()) {
            throw new IllegalArgumentException("per-step scores: " + negativeLogLikelihood.length
                    + " window scores for " + data.rows() + " windows");
        }
        int n = data.rows();
        int f = vae.config().features();
        int steps = vae.config().inputDim() / f;
        int latent = vae.config().latentDim();
        double[] out = new double[n * steps];
        int block = Math.max(1, ROWS_PER_PASS / k);
        try (var g = Autograd.noGrad()) {
            for (int s = 0; s < n; s += block) {
                int e = Math.min(n, s + block);
                int nb = e - s;
                Tensor x = data.slice(s, e);
                Encoding q = vae.encoder().forward(x);
                Tensor eps = Tensor.randn(rng, k, nb, latent);
                Tensor z = q.reparameterize(eps).reshape(k * nb, latent);
                Tensor xs = Vae.tile(x, k);
                Tensor decoded = vae.decoderOutput(z, xs, null);
                // log p(x_t | x_<t, z) for every (sample, window, step): the likelihood over rows of one step each
                float[] logp = vae.likelihood().logProb(decoded.reshape(k * nb * steps, f), xs.reshape(k * nb * steps, f))
                        .data();
                for (int r = 0; r < k * nb; r++) {
                    int i = r % nb;
                    for (int t = 0; t < steps; t++) {
                        out[(s + i) * steps + t] -= logp[r * steps + t] / (double) k;
                    }
                }
                for (int i = s; i < e; i++) {
                    double sum = 0;
                    for (int t = 0; t < steps; t++) {
                        sum += out[i * steps + t];
                    }
                    double rest = (negativeLogLikelihood[i] - sum) / steps;
                    for (int t = 0; t < steps; t++) {
                        out[i * steps + t] += rest;
                    }
                }
            }
        }
        return new VaeStepScores(out, steps);
    }
}
