package org.latent4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.latent4j.io.ArrayData;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/** The optimizers' moving averages never stay subnormal, and the parameters move as without the flush. */
class SubnormalMomentsTest {
    private static final int N = 37; // two 16-lane vectors and a scalar tail

    @Test
    void flushZeroesOnlySubnormals() {
        float smallestSubnormal = Float.MIN_VALUE, largestSubnormal = Math.nextDown(Float.MIN_NORMAL);
        float[] subnormals = {smallestSubnormal, -smallestSubnormal, largestSubnormal, -largestSubnormal, 1e-40f};
        for (float x : subnormals) {
            assertEquals(0f, Subnormals.flush(x), 0f, "subnormal " + x);
        }
        for (float x : new float[] {0f, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1f, -3.4e38f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY}) {
            assertEquals(x, Subnormals.flush(x), 0f, "normal " + x);
        }
        assertTrue(Float.isNaN(Subnormals.flush(Float.NaN)));
    }

    @Test
    void floorsSeparateNormalProductsFromSubnormalOnes() {
        for (float c : new float[] {1e-3f, -1e-3f, 0.1f, 1f, -7f, 1e-8f}) {
            float floor = Subnormals.productFloor(c);
            assertTrue(Math.abs(Math.nextUp(floor) * c) >= Float.MIN_NORMAL, "x·c at the floor, c = " + c);
            assertTrue(Math.abs(floor * 0.999f * c) < Float.MIN_NORMAL, "x·c below the floor, c = " + c);
            float square = Subnormals.squareFloor(c);
            float at = Math.nextUp(square), below = square * 0.999f;
            assertTrue(Math.abs(c * at * at) >= Float.MIN_NORMAL, "c·x·x at the floor, c = " + c);
            assertTrue(Math.abs(c * below * below) < Float.MIN_NORMAL, "c·x·x below the floor, c = " + c);
        }
        assertEquals(Float.POSITIVE_INFINITY, Subnormals.productFloor(0f), 0f);
        assertEquals(Float.POSITIVE_INFINITY, Subnormals.squareFloor(0f), 0f);
        assertEquals(0f, Subnormals.zeroBelow(-2e-36f, Subnormals.productFloor(1e-3f)), 0f);
        assertEquals(-2e-34f, Subnormals.zeroBelow(-2e-34f, Subnormals.productFloor(1e-3f)), 0f);
    }

    /** The gradients: random for ten steps, then zero on every other element and 1e-3 on the rest. */
    private static float[] gradient(RandomSource rng, int step) {
        if (step <= 10) {
            return Tensor.randn(rng, N).mul(0.1f).toArray();
        }
        float[] g = new float[N];
        for (int i = 1; i < N; i += 2) {
            g[i] = 1e-3f;
        }
        return g;
    }

    /**
     * Runs {@code steps} steps of an optimizer on one parameter, checking after each that no stored buffer holds
     * a subnormal, and returns the parameter and the buffers at the end.
     */
    private static Map<String, float[]> run(Function<Map<String, Tensor>, Optimizer> make, int steps) {
        RandomSource rng = new RandomSource(4);
        Tensor w = Tensor.of(Tensor.randn(rng, N).toArray(), N);
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("w", w);
        Optimizer opt = make.apply(params);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int step = 1; step <= steps; step++) {
            w.setGrad(Tensor.of(gradient(rng, step), N));
            opt.step();
            for (Map.Entry<String, ArrayData> e : opt.exportState().entrySet()) {
                if (e.getValue() instanceof ArrayData.F32 f) {
                    for (float x : f.data()) {
                        assertTrue(x == 0 || Math.abs(x) >= Float.MIN_NORMAL,
                                e.getKey() + " holds " + x + " at step " + step);
                    }
                    out.put(e.getKey(), f.data());
                }
            }
        }
        out.put("w", w.toArray());
        return out;
    }

    @Test
    void adamMovesTheParametersAsWithoutTheFlushAndItsFirstMomentReachesZero() {
        int steps = 1200; // 0.9^t takes a first moment of ~0.01 below 1.18e-38 after ~800 steps
        Map<String, float[]> flushed = run(Adam::new, steps);

        // PyTorch's update in plain float arithmetic, without the flush: the subnormals are kept.
        RandomSource rng = new RandomSource(4);
        float[] p = Tensor.randn(rng, N).toArray(), m = new float[N], v = new float[N];
        boolean sawSubnormal = false;
        for (int step = 1; step <= steps; step++) {
            float[] g = gradient(rng, step);
            float negStepSize = (float) -(1e-3 / (1 - Math.pow(0.9, step)));
            float bc2 = (float) Math.sqrt(1 - Math.pow(0.999, step));
            for (int i = 0; i < N; i++) {
                m[i] = m[i] * 0.9f + (float) (1 - 0.9) * g[i];
                v[i] = v[i] * 0.999f + (float) (1 - 0.999) * g[i] * g[i];
                sawSubnormal |= m[i] != 0 && Math.abs(m[i]) < Float.MIN_NORMAL;
                p[i] = p[i] + negStepSize * m[i] / ((float) Math.sqrt(v[i]) / bc2 + 1e-8f);
            }
        }
        assertTrue(sawSubnormal, "the reference's first moments pass through the subnormals");
        assertArrayEquals(p, flushed.get("w"), 0f, "parameters");
        float[] firstMoment = flushed.get("w.exp_avg");
        for (int i = 0; i < N; i += 2) {
            assertEquals(0f, firstMoment[i], 0f, "first moment of an element with zero gradient, " + i);
        }
    }

    @Test
    void rmsPropAndSgdMomentumStoreNoSubnormal() {
        RmsProp.Config centered = RmsProp.Config.builder().lr(1e-3).momentum(0.5).centered(true).build();
        run(params -> new RmsProp(params, centered), 1500);
        run(params -> new Sgd(params, Sgd.Config.builder().lr(1e-3).momentum(0.9).build()), 1200);
    }
}
