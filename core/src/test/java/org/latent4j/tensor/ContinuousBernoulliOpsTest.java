package org.latent4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The continuous Bernoulli log-normalizer: values, stability near λ = ½ and for large logits, gradients. */
class ContinuousBernoulliOpsTest {

    /** log C from the paper's definition in λ, in double (only usable away from λ = ½). */
    static double paperLogC(double logit) {
        double lambda = 1 / (1 + Math.exp(-logit));
        double t = 1 - 2 * lambda;
        double artanh = 0.5 * Math.log((1 + t) / (1 - t));
        return Math.log(2 * artanh / t);
    }

    @Test
    void matchesThePapersDefinitionAwayFromOneHalf() {
        for (double l : new double[] {-12, -4, -1, -0.3, 0.25, 0.7, 2, 9}) {
            Tensor y = ContinuousBernoulliOps.logNormalizer(Tensor.vector((float) l));
            assertEquals(paperLogC((float) l), y.item(), 2e-6, "logit " + l);
        }
    }

    @Test
    void isLogTwoAtOneHalfAndSmoothAcrossTheTaylorBand() {
        assertEquals(Math.log(2), ContinuousBernoulliOps.value(0, 0), 0);
        assertEquals(0, ContinuousBernoulliOps.value(1, 0), 0);
        assertEquals(1.0 / 6, ContinuousBernoulliOps.value(2, 0), 0);
        double b = ContinuousBernoulliOps.TAYLOR_BAND;
        for (int order = 0; order <= 3; order++) {
            for (double sign : new double[] {-1, 1}) {
                double inside = ContinuousBernoulliOps.value(order, sign * (b - 1e-12));
                double outside = ContinuousBernoulliOps.value(order, sign * (b + 1e-12));
                assertEquals(outside, inside, 1e-9, "order " + order + " at " + sign * b);
            }
        }
    }

    @Test
    void eachOrderIsTheDerivativeOfThePreviousOne() {
        // central differences in double of order k against order k+1, inside and outside the band
        double h = 1e-5;
        for (double l : new double[] {-7, -0.6, -0.11, -0.05, 0.001, 0.08, 0.3, 2.5, 15}) {
            for (int order = 0; order < 3; order++) {
                double numeric = (ContinuousBernoulliOps.value(order, l + h) - ContinuousBernoulliOps.value(order, l - h)) / (2 * h);
                assertEquals(numeric, ContinuousBernoulliOps.value(order + 1, l), 1e-6, "order " + (order + 1) + " at " + l);
            }
        }
    }

    @Test
    void finiteForExtremeLogits() {
        float[] l = {-Float.MAX_VALUE, -1e6f, -800f, -50f, -1e-30f, 0f, Float.MIN_VALUE, 50f, 800f, 1e6f, Float.MAX_VALUE};
        for (int order = 0; order <= 3; order++) {
            for (float v : l) {
                double y = ContinuousBernoulliOps.value(order, v);
                assertTrue(Double.isFinite(y), "order " + order + " at " + v + " gave " + y);
            }
        }
        // C ≈ |l| for large |l|
        assertEquals(Math.log(800), ContinuousBernoulliOps.value(0, -800), 1e-12);
        assertEquals(1.0 / 800, ContinuousBernoulliOps.value(1, 800), 1e-15);
    }

    @Test
    void gradientsFirstAndSecondOrder() {
        // inside the band, across its edge, and far out
        Tensor near = Tensor.vector(-0.05f, -0.02f, 0f, 0.03f, 0.06f);
        Tensor edge = Tensor.vector(-0.1f, 0.095f, 0.1f, 0.105f, 0.12f);
        Tensor far = Tensor.vector(-30f, -4f, -0.7f, 0.4f, 2f, 6f, 25f);
        for (Tensor x : new Tensor[] {near, edge, far}) {
            GradientCheck.assertGradients(in -> ContinuousBernoulliOps.logNormalizer(in[0]), x);
            GradientCheck.assertSecondOrder(in -> ContinuousBernoulliOps.logNormalizer(in[0]), x);
        }
        GradientCheck.assertSecondOrder(in -> ContinuousBernoulliOps.logNormalizer(in[0].mul(in[1])),
                Tensor.vector(0.5f, -1.5f, 0.02f), Tensor.vector(2f, 0.3f, 1f));
    }

    @Test
    void thirdDerivativeIsRecordedAndAFourthIsRefused() {
        Tensor l = Tensor.vector(-2f, 0.05f, 1f).requiresGrad(true);
        Tensor[] g1 = Autograd.grad(ContinuousBernoulliOps.logNormalizer(l).sum(), new Tensor[] {l}, true);
        Tensor[] g2 = Autograd.grad(g1[0].sum(), new Tensor[] {l}, true);
        Tensor[] g3 = Autograd.grad(g2[0].sum(), new Tensor[] {l}, true);
        for (int i = 0; i < 3; i++) {
            assertEquals(ContinuousBernoulliOps.value(3, l.data()[i]), g3[0].data()[i], 1e-6);
        }
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Autograd.grad(g3[0].sum(), new Tensor[] {l}, false));
        assertTrue(e.getMessage().contains("fourth derivative"), e.getMessage());
    }

    @Test
    void meanAndInverseCdf() {
        assertEquals(0.5f, ContinuousBernoulliOps.mean(Tensor.vector(0f)).item());
        for (double l : new double[] {-9, -0.5, -0.09, 0.02, 0.11, 3}) {
            double lambda = 1 / (1 + Math.exp(-l));
            double paper = lambda / (2 * lambda - 1) + 1 / (2 * 0.5 * Math.log((2 - 2 * lambda) / (2 * lambda)));
            assertEquals(paper, ContinuousBernoulliOps.meanOf(l), Math.abs(l) < 0.2 ? 1e-7 : 1e-12, "logit " + l);
            for (double x : new double[] {0, 0.2, 0.5, 0.93, 1}) {
                // F(x) = (λ^x (1−λ)^(1−x) + λ − 1) / (2λ − 1)
                double cdf = (Math.pow(lambda, x) * Math.pow(1 - lambda, 1 - x) + lambda - 1) / (2 * lambda - 1);
                assertEquals(x, ContinuousBernoulliOps.inverseCdf(l, cdf), 1e-7, "logit " + l + " x " + x);
            }
        }
        assertEquals(0.3, ContinuousBernoulliOps.inverseCdf(0, 0.3));
        assertEquals(1.0, ContinuousBernoulliOps.inverseCdf(1e4, 0.999), 1e-3);
        assertTrue(ContinuousBernoulliOps.inverseCdf(-1e4, 0.999) < 1e-3);
    }
}
