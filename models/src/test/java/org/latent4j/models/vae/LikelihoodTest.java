package org.latent4j.models.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.GradientCheck;
import org.latent4j.tensor.Tensor;

class LikelihoodTest {

    @Test
    void bernoulliIsMinusCrossEntropy() {
        Tensor l = Tensor.of(new float[] {0.3f, -2f, 4f}, 1, 3);
        Tensor x = Tensor.of(new float[] {1f, 0f, 0.25f}, 1, 3);
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            double p = 1 / (1 + Math.exp(-l.data()[i]));
            expected += x.data()[i] * Math.log(p) + (1 - x.data()[i]) * Math.log(1 - p);
        }
        assertEquals(expected, new BernoulliLikelihood().logProb(l, x).item(), 1e-5);
    }

    @Test
    void gaussianKeepsItsNormalizingConstant() {
        Tensor mu = Tensor.of(new float[] {0.5f, -1f}, 1, 2);
        Tensor x = Tensor.of(new float[] {0.5f, 1f}, 1, 2);
        double expected = -0.5 * 4 - Math.log(2 * Math.PI);
        assertEquals(expected, new GaussianLikelihood().logProb(mu, x).item(), 1e-5);
    }

    @Test
    void learnedGaussianMatchesTheDensityAndStartsAtUnitVariance() {
        LearnedGaussianLikelihood g = new LearnedGaussianLikelihood(2);
        Tensor mu = Tensor.of(new float[] {0f, 1f}, 1, 2);
        Tensor x = Tensor.of(new float[] {1f, 1f}, 1, 2);
        assertEquals(new GaussianLikelihood().logProb(mu, x).item(), g.logProb(mu, x).item(), 1e-6);
        g.logVar().data()[0] = (float) Math.log(4);
        double expected = -0.5 * (1 / 4.0 + Math.log(4) + Math.log(2 * Math.PI)) - 0.5 * Math.log(2 * Math.PI);
        assertEquals(expected, g.logProb(mu, x).item(), 1e-5);
    }

    @Test
    void continuousBernoulliIntegratesToOne() {
        for (float logit : new float[] {-30f, -4f, -0.5f, -1e-3f, 0f, 2e-3f, 0.7f, 5f, 40f}) {
            // midpoint rule on [0, 1]; the density is smooth, so 20000 points give ~1e-6 accuracy
            int n = 20000;
            float[] xs = new float[n];
            float[] ls = new float[n];
            for (int i = 0; i < n; i++) {
                xs[i] = (i + 0.5f) / n;
                ls[i] = logit;
            }
            float[] lp = new ContinuousBernoulliLikelihood().logProb(Tensor.of(ls, n, 1), Tensor.of(xs, n, 1)).data();
            double integral = 0;
            for (float v : lp) {
                integral += Math.exp(v) / n;
            }
            assertEquals(1.0, integral, Math.abs(logit) > 20 ? 2e-2 : 1e-3, "logit " + logit);
        }
    }

    @Test
    void continuousBernoulliMeanMatchesNumericalMean() {
        for (float logit : new float[] {-3f, -5e-4f, 0f, 0.8f, 6f}) {
            int n = 20000;
            double num = 0, den = 0;
            for (int i = 0; i < n; i++) {
                double x = (i + 0.5) / n;
                double w = Math.exp(x * logit);
                num += x * w;
                den += w;
            }
            float mean = new ContinuousBernoulliLikelihood().mean(Tensor.of(new float[] {logit}, 1, 1)).item();
            assertEquals(num / den, mean, 1e-4, "logit " + logit);
        }
    }

    @Test
    void continuousBernoulliSamplesHaveTheRightMean() {
        RandomSource rng = new RandomSource(4);
        int n = 40000;
        float[] l = new float[n];
        java.util.Arrays.fill(l, 2f);
        Tensor s = new ContinuousBernoulliLikelihood().sample(Tensor.of(l, n, 1), rng);
        double mean = s.mean().item();
        float expected = new ContinuousBernoulliLikelihood().mean(Tensor.of(new float[] {2f}, 1, 1)).item();
        assertEquals(expected, mean, 0.01);
        for (float v : s.data()) {
            assertTrue(v >= 0 && v <= 1);
        }
    }

    @Test
    void continuousBernoulliLogNormalizerGradientsNearAndFarFromZero() {
        Tensor near = Tensor.of(new float[] {-0.004f, 0.003f, 0f}, 3);
        Tensor far = Tensor.of(new float[] {-3f, 0.5f, 2.5f}, 3);
        GradientCheck.Options opt = GradientCheck.Options.DEFAULT.withStep(1e-3);
        assertTrue(GradientCheck.check(x -> ContinuousBernoulliLikelihood.logNormalizer(x[0]), opt, near).passed());
        GradientCheck.assertGradients(x -> ContinuousBernoulliLikelihood.logNormalizer(x[0]), far);
        GradientCheck.assertSecondOrder(x -> ContinuousBernoulliLikelihood.logNormalizer(x[0]), far.copy());
    }
}
