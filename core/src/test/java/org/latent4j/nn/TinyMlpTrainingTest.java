package org.latent4j.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/** A tiny network fitted to a known function with plain gradient descent: autodiff + nn end to end. */
class TinyMlpTrainingTest {

    @Test
    void fitsSineToSmallLoss() {
        RandomSource rng = new RandomSource(11);
        int n = 128;
        Tensor x = Tensor.rand(rng, -3f, 3f, n, 1);
        float[] target = new float[n];
        for (int i = 0; i < n; i++) {
            target[i] = (float) Math.sin(x.data()[i]);
        }
        Tensor y = Tensor.of(target, n, 1);
        Mlp net = new Mlp(new int[] {1, 32, 32, 1}, Activation.TANH, Activation.IDENTITY, rng);
        float first = Float.NaN;
        float last = Float.NaN;
        for (int step = 0; step < 3000; step++) {
            net.zeroGrad();
            Tensor loss = net.forward(x).sub(y).square().mean();
            loss.backward();
            for (Tensor p : net.parameters()) {
                float[] w = p.data();
                float[] g = p.grad().data();
                for (int i = 0; i < w.length; i++) {
                    w[i] -= 0.1f * g[i];
                }
            }
            if (step == 0) {
                first = loss.item();
            }
            last = loss.item();
        }
        assertTrue(first > 0.1f, "initial loss " + first);
        assertTrue(last < 0.01f, "final loss " + last + " (initial " + first + ")");
    }
}
