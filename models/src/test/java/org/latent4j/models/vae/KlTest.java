package org.latent4j.models.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

class KlTest {

    /** The closed form ½(μ² + σ² − 1 − log σ²) against the Monte Carlo mean of log q(z) − log p(z), z ~ q. */
    @Test
    void closedFormKlMatchesMonteCarlo() {
        float[] mu = {0.3f, -1.2f, 2f, 0f};
        float[] logVar = {-0.5f, 0.8f, -2f, 0f};
        GaussianEncoder.Encoding q = new GaussianEncoder.Encoding(Tensor.of(mu, 1, 4), Tensor.of(logVar, 1, 4));
        float[] closed = q.klPerDim().data();
        RandomSource rng = new RandomSource(17);
        int n = 400_000;
        for (int j = 0; j < 4; j++) {
            double sigma = Math.exp(0.5 * logVar[j]);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double eps = rng.nextGaussian();
                double z = mu[j] + sigma * eps;
                double logQ = -0.5 * eps * eps - Math.log(sigma);
                double logP = -0.5 * z * z;
                sum += logQ - logP;
            }
            double se = 4.0 * Math.sqrt(1 + mu[j] * mu[j] + sigma * sigma) / Math.sqrt(n);
            assertEquals(closed[j], sum / n, se, "dimension " + j);
        }
        assertEquals(0f, closed[3], 1e-7f);
    }
}
