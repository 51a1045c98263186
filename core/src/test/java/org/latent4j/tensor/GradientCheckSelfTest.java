package org.latent4j.tensor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;

/** The checker itself: it must reject a wrong backward, at first and at second order. */
class GradientCheckSelfTest {

    /** exp whose recorded gradient is off by 10%. */
    static Tensor wrongExp(Tensor x) {
        Tensor y = x.detach().exp();
        return Autograd.record("wrongExp", new Tensor(y.data(), y.shape()), x, g -> g.mul(x.exp()).mul(1.1f));
    }

    /** x³ whose first derivative is right but whose backward is not differentiable correctly (uses a constant). */
    static Tensor wrongSecondOrderCube(Tensor x) {
        Tensor y = x.detach().pow(3f);
        return Autograd.record("cube", new Tensor(y.data(), y.shape()), x, g -> g.mul(x.detach().square().mul(3f)));
    }

    @Test
    void rejectsAWrongFirstDerivative() {
        Tensor x = Tensor.rand(new RandomSource(1), -1f, 1f, 5);
        var r = GradientCheck.check(xs -> wrongExp(xs[0]), GradientCheck.Options.DEFAULT, x);
        assertFalse(r.passed(), r.worst());
        assertThrows(AssertionError.class, () -> GradientCheck.assertGradients(xs -> wrongExp(xs[0]), x));
    }

    @Test
    void rejectsAWrongSecondDerivative() {
        Tensor x = Tensor.rand(new RandomSource(2), 0.5f, 1.5f, 4);
        assertTrue(GradientCheck.check(xs -> wrongSecondOrderCube(xs[0]), GradientCheck.Options.DEFAULT, x).passed());
        var r = GradientCheck.checkSecondOrder(xs -> wrongSecondOrderCube(xs[0]), GradientCheck.Options.DEFAULT, x);
        assertFalse(r.passed(), r.worst());
    }
}
