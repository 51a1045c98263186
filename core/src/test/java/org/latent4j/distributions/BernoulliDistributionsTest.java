package org.latent4j.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.GradientCheck;
import org.latent4j.tensor.Tensor;

/** Bernoulli and continuous Bernoulli on logits: closed forms, normalization, moments of samples. */
class BernoulliDistributionsTest {
    static final float[] LOGITS = {-20f, -3f, -0.05f, 0f, 1e-3f, 0.5f, 4f, 20f};

    @Test
    void bernoulliLogProbMeanEntropyAndSamples() {
        Tensor l = Tensor.vector(-2f, 0f, 0.7f, 5f);
        Bernoulli b = new Bernoulli(l);
        Tensor x = Tensor.vector(0f, 1f, 0.25f, 1f);
        float[] lp = b.logProb(x).data();
        float[] h = b.entropy().data();
        for (int i = 0; i < 4; i++) {
            double p = 1 / (1 + Math.exp(-l.data()[i]));
            double xi = x.data()[i];
            assertEquals(xi * Math.log(p) + (1 - xi) * Math.log(1 - p), lp[i], 1e-6);
            assertEquals(-p * Math.log(p) - (1 - p) * Math.log(1 - p), h[i], 1e-6);
            assertEquals(p, b.mean().data()[i], 1e-7);
        }
        int n = 200_000;
        float p = 0.3f;
        Tensor s = new Bernoulli(Tensor.full((float) Math.log(p / (1 - p)), n)).sample(new RandomSource(4));
        double sum = 0;
        for (float v : s.data()) {
            assertTrue(v == 0f || v == 1f);
            sum += v;
        }
        assertEquals(p, sum / n, 5 * Math.sqrt(p * (1 - p) / n));
        // logits [3] broadcast against a batch of observations [2, 3]
        Tensor batch = Tensor.matrix(new float[][] {{0f, 1f, 0.25f}, {1f, 1f, 0f}});
        assertEquals(lp[2], new Bernoulli(Tensor.vector(-2f, 0f, 0.7f)).logProb(batch).get(0, 2), 0f);
        GradientCheck.assertSecondOrder(in -> new Bernoulli(in[0]).logProb(in[1]), Tensor.vector(-1f, 0.3f), Tensor.vector(0.2f, 0.9f));
    }

    @Test
    void continuousBernoulliLogProbMatchesThePapersDensity() {
        for (float l : new float[] {-6f, -1f, 0.4f, 3f}) {
            double lambda = 1 / (1 + Math.exp(-l));
            double c = 2 * 0.5 * Math.log((2 - 2 * lambda) / (2 * lambda)) / (1 - 2 * lambda);
            for (float x : new float[] {0f, 0.1f, 0.5f, 0.99f, 1f}) {
                double expected = Math.log(c) + x * Math.log(lambda) + (1 - x) * Math.log(1 - lambda);
                float got = new ContinuousBernoulli(Tensor.vector(l)).logProb(Tensor.vector(x)).item();
                assertEquals(expected, got, 1e-5, "logit " + l + " x " + x);
            }
        }
        // at λ = ½ the density is uniform: log p = log 2 + log ½ = 0
        assertEquals(0f, new ContinuousBernoulli(Tensor.vector(0f)).logProb(Tensor.vector(0.37f)).item(), 1e-7f);
    }

    @Test
    void continuousBernoulliIntegratesToOneAndHasTheStatedMean() {
        // composite Simpson's rule on 4001 points of [0, 1] (the density is smooth, at most |l|·e^{...} steep)
        int n = 4000;
        float[] xs = new float[n + 1];
        for (int i = 0; i <= n; i++) {
            xs[i] = (float) i / n;
        }
        for (float l : LOGITS) {
            Tensor x = Tensor.of(xs.clone(), n + 1);
            ContinuousBernoulli cb = new ContinuousBernoulli(Tensor.full(l, n + 1));
            float[] lp = cb.logProb(x).data();
            double mass = 0, first = 0;
            for (int i = 0; i <= n; i++) {
                double w = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2);
                double p = Math.exp(lp[i]);
                mass += w * p;
                first += w * p * xs[i];
            }
            mass /= 3.0 * n;
            first /= 3.0 * n;
            assertEquals(1.0, mass, 1e-4, "mass at logit " + l);
            assertEquals(first, new ContinuousBernoulli(Tensor.vector(l)).mean().item(), 1e-4, "mean at logit " + l);
        }
    }

    @Test
    void continuousBernoulliSamplesHaveTheRightMeanAndDistribution() {
        int n = 100_000;
        for (float l : new float[] {-3f, 0f, 0.05f, 2f, 15f}) {
            ContinuousBernoulli cb = new ContinuousBernoulli(Tensor.full(l, n));
            float[] s = cb.sample(new RandomSource(7)).data();
            double sum = 0, sumSq = 0;
            int below = 0;
            for (float v : s) {
                assertTrue(v >= 0 && v <= 1, "sample " + v);
                sum += v;
                sumSq += v * v;
                below += v <= 0.3f ? 1 : 0;
            }
            double mean = sum / n;
            double sd = Math.sqrt(sumSq / n - mean * mean);
            assertEquals(cb.mean().data()[0], mean, 5 * sd / Math.sqrt(n), "mean at logit " + l);
            // P(X ≤ 0.3) from the closed-form CDF
            double lambda = 1 / (1 + Math.exp(-l));
            double cdf = l == 0 ? 0.3 : (Math.pow(lambda, 0.3) * Math.pow(1 - lambda, 0.7) + lambda - 1) / (2 * lambda - 1);
            assertEquals(cdf, (double) below / n, 5 * Math.sqrt(cdf * (1 - cdf) / n) + 1e-9, "CDF at logit " + l);
        }
    }

    @Test
    void logProbBroadcastsSampledLogitsAgainstABatchBothWays() {
        // decoder logits for K = 2 latent samples [2, 1, 3] against observations [2, 3] give [2, 2, 3]
        Tensor logits = Tensor.of(new float[] {-1f, 0.5f, 2f, 0.3f, -0.2f, 4f}, 2, 1, 3).requiresGrad(true);
        Tensor x = Tensor.matrix(new float[][] {{0f, 1f, 0.5f}, {1f, 0.2f, 0.9f}});
        for (boolean continuous : new boolean[] {false, true}) {
            Distribution d = continuous ? new ContinuousBernoulli(logits) : new Bernoulli(logits);
            Tensor lp = d.logProb(x);
            assertArrayEquals(new int[] {2, 2, 3}, lp.shape());
            for (int k = 0; k < 2; k++) {
                for (int b = 0; b < 2; b++) {
                    for (int j = 0; j < 3; j++) {
                        Tensor one = Tensor.vector(logits.get(k, 0, j));
                        Tensor xj = Tensor.vector(x.get(b, j));
                        float expected = (continuous ? new ContinuousBernoulli(one) : new Bernoulli(one)).logProb(xj).item();
                        assertEquals(expected, lp.get(k, b, j), 1e-6f);
                    }
                }
            }
            lp.sum().backward();
            assertArrayEquals(new int[] {2, 1, 3}, logits.grad().shape());
            logits.zeroGrad();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Bernoulli(Tensor.zeros(4)).logProb(Tensor.zeros(2, 3)));
        assertEquals("Bernoulli.logProb: parameter shape [4] and observation shape [2, 3] do not broadcast (dimension 1)",
                e.getMessage());
    }

    @Test
    void continuousBernoulliGradientsFirstAndSecondOrder() {
        Tensor x = Tensor.vector(0.1f, 0.5f, 0.8f, 0.3f, 1f);
        GradientCheck.assertGradients(in -> new ContinuousBernoulli(in[0]).logProb(x), Tensor.vector(-3f, -0.04f, 0f, 0.6f, 8f));
        GradientCheck.assertSecondOrder(in -> new ContinuousBernoulli(in[0]).logProb(in[1]),
                Tensor.vector(-3f, -0.04f, 0.02f, 0.6f, 8f), Tensor.vector(0.1f, 0.5f, 0.8f, 0.3f, 0.9f));
        assertFalse(new ContinuousBernoulli(Tensor.vector(1f)).sample(new RandomSource(1)).requiresGrad());
        assertThrows(IllegalArgumentException.class, () -> new ContinuousBernoulli(null));
        assertThrows(IllegalArgumentException.class, () -> new Bernoulli(null));
    }
}
