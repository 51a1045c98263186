package org.latent4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** log-sum-exp, log-sigmoid, softplus and BCE with logits stay finite and accurate at the extremes. */
class NumericsTest {
    static final float[] EXTREMES = {-1e30f, -1e4f, -100f, -30f, -1f, 0f, 1f, 30f, 100f, 1e4f, 1e30f};

    static void assertAllFinite(Tensor t, String what) {
        for (float v : t.data()) {
            assertTrue(Float.isFinite(v), what + " produced " + v + " in " + t);
        }
    }

    @Test
    void softplusIsFiniteAndAccurate() {
        Tensor x = Tensor.vector(EXTREMES).requiresGrad(true);
        Tensor y = x.softplus();
        assertAllFinite(y, "softplus");
        assertEquals(1e4f, y.get(9), 0f);
        assertEquals(0f, y.get(0), 0f);
        assertEquals(Math.log(2), y.get(5), 1e-7);
        assertEquals(Math.log1p(Math.exp(-30)), y.get(3), 1e-20);
        y.sum().backward();
        assertAllFinite(x.grad(), "softplus gradient");
        assertEquals(1f, x.grad().get(10), 0f);
        assertEquals(0f, x.grad().get(0), 0f);
    }

    @Test
    void logSigmoidIsFinite() {
        Tensor x = Tensor.vector(EXTREMES).requiresGrad(true);
        Tensor y = x.logSigmoid();
        assertAllFinite(y, "logSigmoid");
        assertEquals(-1e4f, y.get(1), 0f);
        assertEquals(0f, y.get(10), 0f);
        y.sum().backward();
        assertAllFinite(x.grad(), "logSigmoid gradient");
        assertEquals(1f, x.grad().get(0), 0f);
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        Tensor y = Tensor.vector(EXTREMES).sigmoid();
        assertAllFinite(y, "sigmoid");
        assertEquals(0f, y.get(0), 0f);
        assertEquals(1f, y.get(10), 0f);
    }

    @Test
    void logSumExpHandlesHugeAndTinyValues() {
        Tensor x = Tensor.matrix(new float[][] {{1e30f, 1e30f}, {-1e30f, -1e30f}, {1000f, 0f}, {-1000f, -1000f}}).requiresGrad(true);
        Tensor y = x.logSumExp(1);
        assertAllFinite(y, "logSumExp");
        assertEquals(1e30f, y.get(0), 1e24f);
        assertEquals(-1e30f, y.get(1), 1e24f);
        assertEquals(1000f, y.get(2), 1e-3f);
        assertEquals(-1000f + Math.log(2), y.get(3), 1e-3f);
        y.sum().backward();
        assertAllFinite(x.grad(), "logSumExp gradient");
        assertEquals(0.5f, x.grad().get(3, 0), 1e-6f);
    }

    @Test
    void logSumExpOfAllMinusInfinityIsMinusInfinity() {
        Tensor y = Tensor.vector(Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY).logSumExp(0);
        assertEquals(Float.NEGATIVE_INFINITY, y.item());
    }

    @Test
    void binaryCrossEntropyWithLogitsIsFiniteAndExact() {
        Tensor logits = Tensor.vector(EXTREMES).requiresGrad(true);
        Tensor targets = Tensor.full(0.3f, EXTREMES.length);
        Tensor loss = Losses.binaryCrossEntropyWithLogits(logits, targets);
        assertAllFinite(loss, "BCE");
        for (int i = 0; i < EXTREMES.length; i++) {
            double l = EXTREMES[i];
            double expected = Math.max(l, 0) - l * 0.3 + Math.log1p(Math.exp(-Math.abs(l)));
            assertEquals(expected, loss.get(i), Math.abs(expected) * 1e-6 + 1e-6, "logit " + l);
        }
        loss.sum().backward();
        assertAllFinite(logits.grad(), "BCE gradient");
        assertEquals(0.7f, logits.grad().get(10), 1e-6f);
        assertEquals(-0.3f, logits.grad().get(0), 1e-6f);
    }

    @Test
    void softmaxRowsSumToOneAtExtremes() {
        Tensor x = Tensor.matrix(new float[][] {{1e4f, 0f, -1e4f}, {5f, 5f, 5f}});
        Tensor s = x.softmax(1);
        assertAllFinite(s, "softmax");
        assertEquals(1f, s.get(0, 0), 0f);
        assertEquals(1f / 3, s.get(1, 2), 1e-7f);
        Tensor ls = x.logSoftmax(1);
        assertEquals(-2e4f, ls.get(0, 2), 1f);
    }
}
