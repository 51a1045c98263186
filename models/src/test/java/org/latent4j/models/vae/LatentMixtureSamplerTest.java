package org.latent4j.models.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.GaussianMixtureConfig;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

class LatentMixtureSamplerTest {
    static DataMatrix data(int n, RandomSource rng) {
        float[] x = new float[n * 16];
        for (int i = 0; i < n; i++) {
            boolean left = rng.nextDouble() < 0.3;
            for (int j = 0; j < 16; j++) {
                x[i * 16 + j] = (left == j < 8 ? 0.8f : 0.1f) + 0.1f * rng.nextFloat();
            }
        }
        return new DataMatrix("two-clusters", x, n, 16);
    }

    @Test
    void fitsTheMixtureToTheEncoderMeansAndDecodesItsDraws() {
        Vae vae = Vae.create(VaeConfig.builder(16).latentDim(3).hidden(12).seed(4).build());
        DataMatrix train = data(400, new RandomSource(1));
        LatentMixtureSampler sampler = LatentMixtureSampler.fit(vae, train, 2, 7);
        MixtureParameters p = sampler.mixture().parameters();
        assertEquals(2, p.k());
        assertEquals(3, p.d());
        // EM's M-step keeps Σ_j w_j μ_j equal to the mean of the data it is fitted to: the encoder means
        float[] mu = vae.encode(train.slice(0, 400)).mu().data();
        for (int c = 0; c < 3; c++) {
            double mean = 0;
            for (int i = 0; i < 400; i++) {
                mean += mu[i * 3 + c] / 400.0;
            }
            double mixed = p.weights()[0] * p.means()[c] + p.weights()[1] * p.means()[3 + c];
            assertEquals(mean, mixed, 1e-6);
        }
        // a sample is the decoder mean at the mixture's draw, with the same random stream
        Tensor x = sampler.sample(5, false, new RandomSource(3));
        double[] z = sampler.mixture().sample(5, new RandomSource(3)).x();
        float[] zf = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            zf[i] = (float) z[i];
        }
        assertArrayEquals(vae.decode(Tensor.of(zf, 5, 3)).data(), x.data());
        assertArrayEquals(x.data(), sampler.sample(5, false, new RandomSource(3)).data());
        Tensor drawn = sampler.sample(5, true, new RandomSource(3));
        for (float v : drawn.data()) {
            assertTrue(v == 0f || v == 1f, "a Bernoulli draw is 0 or 1, got " + v);
        }
    }

    @Test
    void refusesAMixtureOfAnotherDimension() {
        Vae vae = Vae.create(VaeConfig.builder(16).latentDim(3).hidden(12).seed(4).build());
        GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(1).covarianceType(CovarianceType.DIAG).build())
                .fit(new double[] {0, 1, 2, 3, 4, 5, 1, 1}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatentMixtureSampler.of(vae, g));
        assertTrue(e.getMessage().contains("2 dimensions"), e.getMessage());
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> LatentMixtureSampler.fit(vae, data(3, new RandomSource(2)), 10, 1));
        assertTrue(few.getMessage().contains("fewer than the 10 components"), few.getMessage());
    }
}
