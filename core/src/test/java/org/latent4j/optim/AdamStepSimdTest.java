package org.latent4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

class AdamStepSimdTest {
    private static float[] random(RandomSource rng, int n, float scale) {
        return Tensor.randn(rng, n).mul(scale).toArray();
    }

    @Test
    void simdUpdateIsBitIdenticalToTheScalarOneForEveryOptionWithSubnormalMoments() {
        RandomSource rng = new RandomSource(21);
        int n = 1000 + 13; // a tail after the last full vector
        for (boolean amsgrad : new boolean[] {false, true}) {
            for (double[] decay : new double[][] {{0, 0}, {0.01, 0}, {0, 0.05}}) {
                float[] p = random(rng, n, 1f), g = random(rng, n, 0.1f);
                float[] m = random(rng, n, 0.01f), v = Tensor.rand(rng, 0f, 1e-3f, n).toArray();
                float[] vMax = amsgrad ? Tensor.rand(rng, 0f, 2e-3f, n).toArray() : null;
                for (int i = 0; i < n; i += 7) { // subnormal moments, and moments that become subnormal this step
                    m[i] = i % 2 == 0 ? 3e-39f : -1.2e-38f;
                    v[i] = i % 3 == 0 ? 5e-40f : 1.25e-38f;
                    g[i] = 0f;
                }
                for (int i = 3; i < n; i += 11) { // gradients too small for g², first moments too small for the step
                    g[i] = i % 2 == 0 ? 2e-18f : -5e-18f;
                    m[i] = i % 3 == 0 ? 1e-36f : -5e-36f;
                }
                float[] p2 = p.clone(), m2 = m.clone(), v2 = v.clone(), vMax2 = amsgrad ? vMax.clone() : null;
                for (long step = 1; step <= 3; step++) {
                    AdamStepSimd.run(p, g, m, v, vMax, 1e-3, 0.9, 0.999, 1e-8, decay[0], decay[1], step, 5, n);
                    AdamStep.scalar(p2, g, m2, v2, vMax2, 1e-3, 0.9, 0.999, 1e-8, decay[0], decay[1], step, 5, n);
                }
                String what = "amsgrad " + amsgrad + ", decay " + decay[0] + "/" + decay[1];
                assertArrayEquals(p2, p, 0f, what);
                assertArrayEquals(m2, m, 0f, what);
                assertArrayEquals(v2, v, 0f, what);
                if (amsgrad) {
                    assertArrayEquals(vMax2, vMax, 0f, what);
                }
            }
        }
    }

    @Test
    void oneParallelPassOverAllParametersEqualsUpdatingEachAlone() {
        // 300 000 + 17 + 70 001 elements: over the parallel threshold, so chunks span parameter boundaries.
        RandomSource rng = new RandomSource(8);
        int[] sizes = {300_000, 17, 70_001, 40};
        Map<String, Tensor> params = new LinkedHashMap<>();
        float[][] expected = new float[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            Tensor t = Tensor.randn(rng, sizes[i]);
            params.put("p" + i, t);
            expected[i] = t.toArray();
        }
        Adam adam = new Adam(params);
        for (long step = 1; step <= 2; step++) {
            float[][] grads = new float[sizes.length][];
            for (int i = 0; i < sizes.length; i++) {
                if (i == 3) {
                    params.get("p3").setGrad(null); // no gradient: left alone
                    continue;
                }
                Tensor g = Tensor.randn(rng, sizes[i]);
                grads[i] = g.toArray();
                params.get("p" + i).setGrad(g);
            }
            adam.step();
            for (int i = 0; i < 3; i++) {
                float[][] state = expectedState(i, sizes[i]);
                AdamStep.scalar(expected[i], grads[i], state[0], state[1], null, 1e-3, 0.9, 0.999, 1e-8, 0, 0, step, 0, sizes[i]);
            }
        }
        for (int i = 0; i < sizes.length; i++) {
            assertArrayEquals(expected[i], params.get("p" + i).toArray(), 0f, "p" + i);
        }
    }

    private final Map<Integer, float[][]> states = new LinkedHashMap<>();

    private float[][] expectedState(int i, int n) {
        return states.computeIfAbsent(i, k -> new float[][] {new float[n], new float[n]});
    }
}
