package org.latent4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;

class RowLossesTest {

    @Test
    void matchesElementwiseLossSummedOverRows() {
        RandomSource rng = new RandomSource(3);
        Tensor l = Tensor.randn(rng, 5, 7).mul(4f);
        Tensor t = Tensor.rand(rng, 0f, 1f, 5, 7);
        float[] fused = RowLosses.bernoulliNll(l, t).toArray();
        float[] plain = Losses.binaryCrossEntropyWithLogits(l, t).sum(1).toArray();
        assertArrayEquals(plain, fused, 1e-4f);
    }

    @Test
    void finiteForExtremeLogits() {
        Tensor l = Tensor.vector(-1e4f, 1e4f, 0f, 80f, -80f).reshape(1, 5);
        Tensor t = Tensor.vector(0f, 1f, 0.5f, 0f, 1f).reshape(1, 5);
        float v = RowLosses.bernoulliNll(l, t).item();
        assertEquals(Math.log(2) + 160, v, 1e-3);
    }

    @Test
    void gradientsFirstAndSecondOrder() {
        RandomSource rng = new RandomSource(5);
        Tensor l = Tensor.randn(rng, 3, 4);
        Tensor t = Tensor.rand(rng, 0.1f, 0.9f, 3, 4);
        GradientCheck.assertGradients(x -> RowLosses.bernoulliNll(x[0], x[1]), l, t);
        GradientCheck.assertSecondOrder(x -> RowLosses.bernoulliNll(x[0], x[1]), l.detach().copy(), t.detach().copy());
    }

    @Test
    void fusedBackwardEqualsComposedBackward() {
        RandomSource rng = new RandomSource(7);
        Tensor l = Tensor.randn(rng, 300, 200).mul(3f).requiresGrad(true);
        Tensor t = Tensor.rand(rng, 0f, 1f, 300, 200);
        Tensor w = Tensor.randn(rng, 300);
        RowLosses.bernoulliNll(l, t).mul(w).sum().backward();
        float[] fused = l.grad().toArray();
        float[] composed = w.reshape(300, 1).mul(l.detach().sigmoid().sub(t)).toArray();
        assertArrayEquals(composed, fused, 1e-5f);
    }

    @Test
    void rejectsMismatchedShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RowLosses.bernoulliNll(Tensor.zeros(2, 3), Tensor.zeros(3, 2)));
        assertEquals(true, e.getMessage().contains("[2, 3]"));
    }
}
