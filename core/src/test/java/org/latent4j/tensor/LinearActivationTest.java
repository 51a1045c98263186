package org.latent4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.latent4j.random.RandomSource;
import org.latent4j.runtime.Threads;
import org.junit.jupiter.api.Test;

/** The fused linear layer + activation: gradients at first and second order, and the unfused ops' values to the bit. */
class LinearActivationTest {

    /** The unfused twin: linear, then Pointwise's activation. */
    static Tensor unfused(Tensor x, Tensor w, Tensor b, LinearActivation.Kind kind) {
        Tensor pre = MatMul.linear(x, w, b);
        return switch (kind) {
            case RELU -> pre.relu();
            case LEAKY_RELU -> pre.leakyRelu(LinearActivation.Kind.LEAKY_SLOPE);
            case TANH -> pre.tanh();
            case SIGMOID -> pre.sigmoid();
        };
    }

    /**
     * x [.., in], W [out, in], b [out] with every pre-activation at least 0.1 from the kink at 0, so a
     * finite-difference step (1e-2 on one input, which moves a pre-activation by at most 0.012) never crosses it.
     */
    static Tensor[] awayFromKink(long seed, int[] xShape, int out, boolean bias) {
        RandomSource r = new RandomSource(seed);
        int in = xShape[xShape.length - 1];
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Tensor x = GradientCheckOpsTest.awayFromZero(r, xShape);
            Tensor w = GradientCheckOpsTest.awayFromZero(r, out, in);
            Tensor b = bias ? GradientCheckOpsTest.awayFromZero(r, out) : null;
            float[] pre = MatMul.linear(x, w, b).data();
            boolean ok = true;
            for (float v : pre) {
                ok &= Math.abs(v) > 0.1f;
            }
            if (ok) {
                return bias ? new Tensor[] {x, w, b} : new Tensor[] {x, w};
            }
        }
        throw new AssertionError("no inputs away from the kink");
    }

    static Function<Tensor[], Tensor> fused(LinearActivation.Kind kind) {
        // squared, so the second-order check also goes through the activation's derivative
        return t -> LinearActivation.apply(t[0], t[1], t.length > 2 ? t[2] : null, kind).square();
    }

    @ParameterizedTest
    @EnumSource(LinearActivation.Kind.class)
    void gradientsFirstOrder(LinearActivation.Kind kind) {
        GradientCheck.assertGradients(fused(kind), awayFromKink(1, new int[] {3, 4}, 2, true));
        GradientCheck.assertGradients(fused(kind), awayFromKink(2, new int[] {2, 2, 3}, 3, false));
    }

    @ParameterizedTest
    @EnumSource(LinearActivation.Kind.class)
    void gradientsSecondOrder(LinearActivation.Kind kind) {
        GradientCheck.assertSecondOrder(fused(kind), awayFromKink(3, new int[] {3, 4}, 2, true));
        GradientCheck.assertSecondOrder(fused(kind), awayFromKink(4, new int[] {2, 2, 3}, 3, false));
    }

    /**
     * Values and gradients (plain backward: the fused mask pass) equal the unfused ops' to the bit, on one
     * thread and on several (the mask pass splits the columns over the threads from 16,384 elements on).
     */
    @ParameterizedTest
    @EnumSource(LinearActivation.Kind.class)
    void sameBitsAsUnfused(LinearActivation.Kind kind) {
        int saved = Threads.count();
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Threads.set(threads);
                // 37 outputs: SIMD lanes and a scalar tail, on one thread; 133 outputs over 400 rows: split
                sameBitsAsUnfused(kind, 70, 37);
                sameBitsAsUnfused(kind, 400, 133);
            }
        } finally {
            Threads.set(saved);
        }
    }

    private static void sameBitsAsUnfused(LinearActivation.Kind kind, int rows, int out) {
        for (boolean bias : new boolean[] {true, false}) {
            RandomSource r = new RandomSource(7);
            Tensor x = Tensor.randn(r, rows, 50).requiresGrad(true);
            Tensor w = Tensor.randn(r, out, 50).mul(0.3f).detach().requiresGrad(true);
            Tensor b = bias ? Tensor.randn(r, out).detach().requiresGrad(true) : null;
            Tensor seed = Tensor.randn(r, rows, out);
            Tensor[] leaves = bias ? new Tensor[] {x, w, b} : new Tensor[] {x, w};

            Tensor y1 = LinearActivation.apply(x, w, b, kind);
            Tensor[] g1 = Autograd.grad(y1, seed, leaves, false);
            Tensor y2 = unfused(x, w, b, kind);
            Tensor[] g2 = Autograd.grad(y2, seed, leaves, false);
            assertArrayEquals(y2.data(), y1.data(), kind + " values");
            for (int i = 0; i < leaves.length; i++) {
                assertArrayEquals(g2[i].data(), g1[i].data(), kind + " gradient " + i);
            }
            // a recorded backward (differentiable ops) gives the same first derivatives within rounding
            Tensor[] g3 = Autograd.grad(LinearActivation.apply(x, w, b, kind), seed, leaves, true);
            for (int i = 0; i < leaves.length; i++) {
                float[] a = g2[i].data(), c = g3[i].data();
                for (int j = 0; j < a.length; j++) {
                    assertEquals(a[j], c[j], 1e-5 * (1 + Math.abs(a[j])), kind + " recorded gradient " + i);
                }
            }
        }
    }

    @Test
    void aRecordedPassAfterAPlainOneOnTheSameSeedHasAGraph() {
        RandomSource r = new RandomSource(5);
        Tensor x = Tensor.randn(r, 4, 3).requiresGrad(true);
        Tensor w = Tensor.randn(r, 2, 3).requiresGrad(true);
        Tensor b = Tensor.randn(r, 2).requiresGrad(true);
        Tensor y = LinearActivation.apply(x, w, b, LinearActivation.Kind.TANH);
        Tensor seed = Tensor.randn(r, 4, 2);
        Tensor[] plain = Autograd.grad(y, seed, new Tensor[] {x, w, b}, false);
        Tensor[] recorded = Autograd.grad(y, seed, new Tensor[] {x, w, b}, true);
        for (int i = 0; i < 3; i++) {
            assertTrue(recorded[i].requiresGrad(), "recorded gradient " + i + " has no graph");
            assertArrayEquals(plain[i].data(), recorded[i].data(), 1e-6f);
        }
    }

    @Test
    void reluMaskIsExactOnZeroAndNegativeOutputs() {
        // all pre-activations negative: every gradient is exactly zero (not -0 or g·0 = NaN for an infinite g)
        Tensor x = Tensor.of(new float[] {1f, 2f}, 1, 2).requiresGrad(true);
        Tensor w = Tensor.of(new float[] {-1f, -1f, -2f, 0f}, 2, 2).requiresGrad(true);
        Tensor y = LinearActivation.apply(x, w, null, LinearActivation.Kind.RELU);
        assertArrayEquals(new float[] {0f, 0f}, y.data());
        Tensor[] g = Autograd.grad(y, Tensor.of(new float[] {Float.POSITIVE_INFINITY, -3f}, 1, 2), new Tensor[] {x, w}, false);
        for (Tensor t : g) {
            for (float v : t.data()) {
                assertTrue(Float.floatToRawIntBits(v) == 0, "expected +0, got " + v);
            }
        }
    }

    @Test
    void badShapesNameTheShapes() {
        Tensor x = Tensor.zeros(2, 3);
        var e = assertThrows(IllegalArgumentException.class,
                () -> LinearActivation.apply(x, Tensor.zeros(4, 5), null, LinearActivation.Kind.RELU));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 5]"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class,
                () -> LinearActivation.apply(x, Tensor.zeros(4, 3), Tensor.zeros(3), LinearActivation.Kind.TANH));
        assertTrue(f.getMessage().contains("bias"), f.getMessage());
    }
}
