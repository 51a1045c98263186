package org.latent4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latent4j.tensor.Tensor;

class GradientClippingTest {
    static Tensor withGrad(float... g) {
        Tensor t = Tensor.zeros(g.length).requiresGrad(true);
        t.setGrad(Tensor.vector(g));
        return t;
    }

    @Test
    void scalesAllGradientsByTheGlobalNorm() {
        // global norm of (3, 4) and (12) is 13; clipped to 6.5 every gradient halves (up to the 1e-6 guard)
        Tensor a = withGrad(3f, 4f);
        Tensor b = withGrad(12f);
        Tensor none = Tensor.zeros(2).requiresGrad(true);
        double norm = GradientClipping.clipByGlobalNorm(List.of(a, b, none), 6.5);
        assertEquals(13.0, norm, 1e-12);
        float c = (float) (6.5 / (13 + 1e-6));
        assertArrayEquals(new float[] {3 * c, 4 * c}, a.grad().data());
        assertArrayEquals(new float[] {12 * c}, b.grad().data());
        double after = Math.sqrt(Math.pow(a.grad().data()[0], 2) + Math.pow(a.grad().data()[1], 2) + Math.pow(b.grad().data()[0], 2));
        assertEquals(6.5, after, 1e-5);
    }

    @Test
    void leavesSmallGradientsAlone() {
        Tensor a = withGrad(0.3f, -0.4f);
        assertEquals(0.5, GradientClipping.clipByGlobalNorm(List.of(a), 1.0), 1e-7);
        assertArrayEquals(new float[] {0.3f, -0.4f}, a.grad().data());
    }

    @Test
    void nonFiniteGradientIsAnErrorNamingTheParameterAndNothingChanges() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("encoder.weight", withGrad(100f, 0f));
        m.put("decoder.bias", withGrad(Float.NaN, 1f));
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> GradientClipping.clipByGlobalNorm(m, 1.0));
        assertTrue(e.getMessage().contains("decoder.bias"), e.getMessage());
        assertArrayEquals(new float[] {100f, 0f}, m.get("encoder.weight").grad().data());
        assertThrows(ArithmeticException.class, () -> GradientClipping.clipByGlobalNorm(List.of(withGrad(Float.POSITIVE_INFINITY)), 1));
    }

    @Test
    void badMaxNormIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.clipByGlobalNorm(List.of(withGrad(1f)), 0));
        assertEquals("clipByGlobalNorm: maxNorm must be a finite number > 0, got 0.0", e.getMessage());
    }

    @Test
    void aSharedGradientTensorIsScaledOnce() {
        Tensor g = Tensor.vector(6f, 8f);
        Tensor a = Tensor.zeros(2).requiresGrad(true);
        Tensor b = Tensor.zeros(2).requiresGrad(true);
        a.setGrad(g);
        b.setGrad(g);
        double norm = GradientClipping.clipByGlobalNorm(List.of(a, b), Math.sqrt(200) / 2);
        assertEquals(Math.sqrt(200), norm, 1e-9);
        assertEquals(3f, a.grad().data()[0], 1e-5f);
        assertEquals(3f, b.grad().data()[0], 1e-5f);
        assertEquals(6f, g.data()[0], 0f, "gradients are replaced, never scaled in place");
    }
}
