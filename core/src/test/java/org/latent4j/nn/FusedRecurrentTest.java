package org.latent4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latent4j.random.RandomSource;
import org.latent4j.runtime.Threads;
import org.latent4j.tensor.Tensor;

/**
 * The fused LSTM and GRU kernels against the ground truth written with differentiable ops: outputs, final
 * states and every gradient (x, h0, c0, all parameters) agree to float tolerance, with one or two layers,
 * one or two directions, with and without lengths, and hidden sizes that fill SIMD lanes and leave a tail.
 */
class FusedRecurrentTest {

    @ParameterizedTest(name = "lstm={0} H={1} layers={2} bidirectional={3} lengths={4}")
    @CsvSource({
        "true, 19, 2, true, true", "true, 16, 1, false, false", "true, 3, 1, true, true", "true, 40, 2, false, true",
        "false, 19, 2, true, true", "false, 16, 1, false, false", "false, 3, 1, true, true", "false, 40, 2, false, true",
    })
    void fusedEqualsGroundTruth(boolean lstm, int hidden, int layers, boolean bidirectional, boolean withLengths) {
        int batch = 5, steps = 7, in = 6;
        Recurrent r = RecurrentLayersTest.layer(lstm, in, hidden, layers, bidirectional, 31);
        RandomSource rng = new RandomSource(32);
        int states = layers * (bidirectional ? 2 : 1);
        Tensor x = Tensor.randn(rng, batch, steps, in);
        Tensor h0 = Tensor.randn(rng, states, batch, hidden).mul(0.5f).copy();
        Tensor c0 = lstm ? Tensor.randn(rng, states, batch, hidden).copy() : null;
        int[] lengths = withLengths ? new int[] {7, 3, 1, 6, 7} : null;
        RecurrentLayersTest.Run truth = RecurrentLayersTest.run(r.fused(false), x, h0, c0, lengths, 33);
        RecurrentLayersTest.Run fast = RecurrentLayersTest.run(r.fused(true), x, h0, c0, lengths, 33);
        assertClose("outputs", truth.outputs(), fast.outputs());
        List<String> names = new java.util.ArrayList<>(r.namedParameters().keySet());
        names.addAll(List.of("x", "h0", "c0"));
        assertEquals(truth.gradients().size(), fast.gradients().size());
        for (int k = 0; k < truth.gradients().size(); k++) {
            assertClose("gradient of " + names.get(k), truth.gradients().get(k), fast.gradients().get(k));
        }
    }

    /**
     * With enough sequences the gate passes are split over threads: still equal to the ground truth, and the
     * same to the bit from one run to the next with the same thread count (the project's determinism).
     */
    @ParameterizedTest(name = "lstm={0}")
    @CsvSource({"true", "false"})
    void threadsSplitTheBatchDeterministically(boolean lstm) {
        Recurrent r = RecurrentLayersTest.layer(lstm, 3, 256, 1, true, 34);
        RandomSource rng = new RandomSource(35);
        Tensor x = Tensor.randn(rng, 70, 4, 3);
        int[] lengths = new int[70];
        for (int b = 0; b < 70; b++) {
            lengths[b] = 1 + b % 4;
        }
        RecurrentLayersTest.Run truth = RecurrentLayersTest.run(r.fused(false), x, null, null, lengths, 36);
        int saved = Threads.count();
        try {
            for (int threads : new int[] {1, 2, 3}) {
                Threads.set(threads);
                RecurrentLayersTest.Run first = RecurrentLayersTest.run(r.fused(true), x, null, null, lengths, 36);
                RecurrentLayersTest.Run again = RecurrentLayersTest.run(r, x, null, null, lengths, 36);
                assertArrayEquals(first.outputs(), again.outputs(), threads + " threads");
                assertClose(threads + " threads: outputs", truth.outputs(), first.outputs());
                for (int k = 0; k < first.gradients().size(); k++) {
                    assertArrayEquals(first.gradients().get(k), again.gradients().get(k), threads + " threads, gradient " + k);
                    assertClose(threads + " threads: gradient " + k, truth.gradients().get(k), first.gradients().get(k));
                }
            }
        } finally {
            Threads.set(saved);
        }
    }

    /** |fast − truth| ≤ 1e-5·(1 + |truth|) element by element, and not all zero. */
    static void assertClose(String what, float[] truth, float[] fast) {
        assertEquals(truth.length, fast.length, what);
        double worst = 0, norm = 0;
        int at = -1;
        for (int i = 0; i < truth.length; i++) {
            double e = Math.abs(fast[i] - truth[i]) / (1 + Math.abs(truth[i]));
            norm += Math.abs(truth[i]);
            if (!(e <= worst)) {
                worst = e;
                at = i;
            }
        }
        assertTrue(norm > 0, what + " is all zeros");
        assertTrue(worst <= 1e-5, what + ": element " + at + " is " + (at < 0 ? "?" : fast[at]) + ", the ground truth "
                + (at < 0 ? "?" : truth[at]) + " (relative error " + worst + ")");
    }
}
