package org.latent4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;

/** Forward values against naive references, autodiff bookkeeping and the no-gradient scope. */
class TensorOpsTest {

    @Test
    void broadcastingFollowsNumPy() {
        Tensor a = Tensor.arange(6).reshape(2, 1, 3);
        Tensor b = Tensor.arange(4).reshape(4, 1);
        Tensor c = a.add(b);
        assertArrayEquals(new int[] {2, 4, 3}, c.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(i * 3 + k + j, c.get(i, j, k));
                }
            }
        }
    }

    /** Sums over axes that are not one block (reduced in stages) against a naive double-precision sum. */
    @Test
    void sumsOverScatteredAxesMatchNaiveSums() {
        Tensor x = Tensor.randn(new RandomSource(2), 3, 4, 5, 6);
        int[][] axesSets = {{0, 2}, {1, 3}, {0, 2, 3}, {0, 1, 3}, {3, 0}, {-1, -3}};
        for (int[] axes : axesSets) {
            boolean[] reduced = new boolean[4];
            for (int a : axes) {
                reduced[(a + 4) % 4] = true;
            }
            for (boolean keepDim : new boolean[] {true, false}) {
                Tensor s = x.sum(axes, keepDim);
                Tensor m = x.mean(axes, keepDim);
                int[] keepShape = new int[4];
                int count = 1;
                for (int d = 0; d < 4; d++) {
                    keepShape[d] = reduced[d] ? 1 : x.dim(d);
                    count *= reduced[d] ? x.dim(d) : 1;
                }
                assertEquals(keepDim ? 4 : 4 - axes.length, s.rank());
                double[] naive = new double[s.numel()];
                int[] st = {keepShape[1] * keepShape[2] * keepShape[3], keepShape[2] * keepShape[3], keepShape[3], 1};
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                        for (int k = 0; k < 5; k++) {
                            for (int l = 0; l < 6; l++) {
                                int[] idx = {i, j, k, l};
                                int o = 0;
                                for (int d = 0; d < 4; d++) {
                                    o += (reduced[d] ? 0 : idx[d]) * st[d];
                                }
                                naive[o] += x.get(i, j, k, l);
                            }
                        }
                    }
                }
                for (int o = 0; o < naive.length; o++) {
                    assertEquals(naive[o], s.data()[o], 1e-5, Arrays.toString(axes) + " element " + o);
                    assertEquals(naive[o] / count, m.data()[o], 1e-6, Arrays.toString(axes) + " mean element " + o);
                }
            }
        }
    }

    @Test
    void reductionsMatchNaiveSums() {
        RandomSource rng = new RandomSource(1);
        Tensor x = Tensor.randn(rng, 3, 4, 5);
        Tensor s02 = x.sum(0, 2);
        Tensor m1 = x.max(new int[] {1}, true);
        assertArrayEquals(new int[] {4}, s02.shape());
        assertArrayEquals(new int[] {3, 1, 5}, m1.shape());
        for (int j = 0; j < 4; j++) {
            double acc = 0;
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 5; k++) {
                    acc += x.get(i, j, k);
                }
            }
            assertEquals(acc, s02.get(j), 1e-5);
        }
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 5; k++) {
                float mx = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < 4; j++) {
                    mx = Math.max(mx, x.get(i, j, k));
                }
                assertEquals(mx, m1.get(i, 0, k));
            }
        }
        assertEquals(x.sum().item() / 60, x.mean().item(), 1e-6);
    }

    @Test
    void matmulMatchesNaiveProductInAllTransposeModes() {
        RandomSource rng = new RandomSource(2);
        Tensor a = Tensor.randn(rng, 3, 5);
        Tensor b = Tensor.randn(rng, 5, 4);
        Tensor c = a.matmul(b);
        Tensor cT = MatMul.matmul(a.t(), b.t(), true, true);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double acc = 0;
                for (int k = 0; k < 5; k++) {
                    acc += a.get(i, k) * b.get(k, j);
                }
                assertEquals(acc, c.get(i, j), 1e-5);
                assertEquals(acc, cT.get(i, j), 1e-5);
            }
        }
    }

    @Test
    void sliceConcatGatherAndPermute() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        Tensor s = x.slice(2, 1, 3);
        assertArrayEquals(new int[] {2, 3, 2}, s.shape());
        assertEquals(x.get(1, 2, 2), s.get(1, 2, 1));
        Tensor cat = Tensor.concat(2, x.slice(2, 0, 1), x.slice(2, 1, 4));
        assertArrayEquals(x.data(), cat.data());
        Tensor rows = x.gatherRows(new int[] {1, 1, 0});
        assertEquals(x.get(1, 2, 3), rows.get(0, 2, 3));
        assertEquals(x.get(0, 0, 0), rows.get(2, 0, 0));
        Tensor p = x.permute(2, 0, 1);
        assertEquals(x.get(1, 2, 3), p.get(3, 1, 2));
    }

    @Test
    void backwardAccumulatesAndZeroGradClears() {
        Tensor w = Tensor.vector(1f, 2f).requiresGrad(true);
        w.square().sum().backward();
        w.square().sum().backward();
        assertArrayEquals(new float[] {4f, 8f}, w.grad().data());
        w.zeroGrad();
        assertNull(w.grad());
    }

    @Test
    void noGradScopeRecordsNothing() {
        Tensor w = Tensor.vector(1f, 2f).requiresGrad(true);
        try (var ignored = Autograd.noGrad()) {
            Tensor y = w.mul(3f);
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
        }
        assertTrue(Autograd.isEnabled());
        assertTrue(w.mul(3f).requiresGrad());
    }

    @Test
    void gradientOfAGradientAsInAGradientPenalty() {
        // f(x) = Σ x³; ∂f/∂x = 3x²; penalty P = Σ (∂f/∂x)² = 9 Σ x⁴; ∂P/∂x = 36 x³.
        Tensor x = Tensor.vector(0.5f, -1f, 2f).requiresGrad(true);
        Tensor f = x.pow(3f).sum();
        Tensor g = Autograd.grad(f, new Tensor[] {x}, true)[0];
        assertTrue(g.requiresGrad());
        Tensor penalty = g.square().sum();
        penalty.backward();
        for (int i = 0; i < 3; i++) {
            float v = x.get(i);
            assertEquals(36 * v * v * v, x.grad().get(i), 1e-4);
        }
    }

    @Test
    void gradWithoutCreateGraphIsConstant() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        Tensor g = Autograd.grad(x.exp().sum(), new Tensor[] {x}, false)[0];
        assertFalse(g.requiresGrad());
        assertEquals((float) Math.exp(2), g.get(1), 1e-5f);
        assertNull(x.grad(), "grad() must not touch accumulated gradients");
    }

    @Test
    void gradOfUnusedInputIsZero() {
        Tensor x = Tensor.vector(1f).requiresGrad(true);
        Tensor unused = Tensor.vector(5f, 6f).requiresGrad(true);
        Tensor[] g = Autograd.grad(x.square().sum(), new Tensor[] {x, unused}, false);
        assertArrayEquals(new float[] {0f, 0f}, g[1].data());
    }

    /**
     * grad() computes the gradient only along paths to the inputs it was asked for (PyTorch's autograd.grad):
     * a gradient penalty's first backward must not compute the weights' gradients it throws away.
     */
    @Test
    void gradFollowsOnlyThePathsToItsInputs() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        Tensor w = Tensor.vector(3f, 4f).requiresGrad(true);
        int[] calls = new int[2];
        Tensor y;
        try (var ignored = Autograd.noGrad()) {
            y = x.mul(w);
        }
        y = Autograd.record("probe", y, x, g -> {
            calls[0]++;
            return g.mul(w);
        }, w, g -> {
            calls[1]++;
            return g.mul(x);
        });
        Tensor z = y.square().sum();
        Tensor gx = Autograd.grad(z, new Tensor[] {x}, false)[0];
        assertArrayEquals(new float[] {2 * 3 * 3 * 1, 2 * 4 * 4 * 2}, gx.data());
        assertEquals(1, calls[0]);
        assertEquals(0, calls[1], "the gradient towards w leads to no wanted input");
        Tensor gy = Autograd.grad(z, new Tensor[] {y}, false)[0];
        assertArrayEquals(new float[] {2 * 3, 2 * 8}, gy.data());
        assertEquals(1, calls[0], "nothing below a wanted intermediate is computed when nothing there is wanted");
        z.backward();
        assertEquals(2, calls[0]);
        assertEquals(1, calls[1], "backward() reaches every leaf");
        assertArrayEquals(new float[] {2 * 3 * 1 * 1, 2 * 4 * 2 * 2}, w.grad().data());
    }

    /** relu's backward selection on SIMD lanes gives the scalar loop's bits, zeros, NaN and infinities included. */
    @Test
    void reluBackwardSelectsLikeTheScalarLoop() {
        RandomSource r = new RandomSource(3);
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE};
        for (int n : new int[] {1, 15, 16, 17, 37, 70_001}) {
            float[] x = Tensor.randn(r, n).data();
            float[] g = Tensor.randn(r, n).data();
            for (int i = 0; i < n; i += 5) {
                x[i] = special[(i / 5) % special.length];
                g[(i * 7) % n] = special[(i / 3) % special.length];
            }
            Tensor out = Pointwise.reluBackward(Tensor.of(g, n), Tensor.of(x, n));
            float[] scalar = new float[n];
            Pointwise.reluSelectScalar(g, x, scalar, 0, n);
            for (int i = 0; i < n; i++) {
                float expected = x[i] > 0 ? g[i] : 0f;
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(out.data()[i]), "element " + i + " of " + n);
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(scalar[i]), "scalar twin, element " + i);
            }
        }
    }

    @Test
    void reshapeSharesTheBuffer() {
        Tensor x = Tensor.arange(6);
        Tensor r = x.reshape(2, -1);
        assertSame(x.data(), r.data());
        assertArrayEquals(new int[] {2, 3}, r.shape());
    }

    @Test
    void sameSeedSameThreadsSameResult() {
        Tensor a = Tensor.randn(new RandomSource(9), 300, 300);
        Tensor b = Tensor.randn(new RandomSource(9), 300, 300);
        assertArrayEquals(a.exp().sum(0).data(), b.exp().sum(0).data());
    }
}
