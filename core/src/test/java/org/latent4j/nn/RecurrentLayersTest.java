package org.latent4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.GradientCheck;
import org.latent4j.tensor.Tensor;

/**
 * LSTM and GRU layers: PyTorch's names, shapes and initialization; gradients checked against finite
 * differences at first and second order (two layers, both directions, initial states, different lengths);
 * padded steps proven inert.
 */
class RecurrentLayersTest {

    static Recurrent layer(boolean lstm, int in, int hidden, int layers, boolean bidirectional, long seed) {
        RandomSource rng = new RandomSource(seed);
        return lstm ? new Lstm(in, hidden, layers, bidirectional, rng) : new Gru(in, hidden, layers, bidirectional, rng);
    }

    @Test
    void namesShapesAndInitializationArePyTorchs() {
        Lstm lstm = new Lstm(5, 3, 2, true, new RandomSource(1));
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
                "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"),
                List.copyOf(lstm.namedParameters().keySet()));
        Map<String, Tensor> p = lstm.namedParameters();
        assertArrayEquals(new int[] {12, 5}, p.get("weight_ih_l0").shape());
        assertArrayEquals(new int[] {12, 3}, p.get("weight_hh_l0_reverse").shape());
        assertArrayEquals(new int[] {12, 6}, p.get("weight_ih_l1").shape());
        assertArrayEquals(new int[] {12}, p.get("bias_hh_l1_reverse").shape());
        Gru gru = new Gru(4, 7, new RandomSource(2));
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"), List.copyOf(gru.namedParameters().keySet()));
        assertArrayEquals(new int[] {21, 4}, gru.namedParameters().get("weight_ih_l0").shape());
        Lstm wide = new Lstm(3, 100, new RandomSource(3));
        double bound = 1 / Math.sqrt(100), max = 0;
        for (Tensor t : wide.parameters()) {
            for (float v : t.data()) {
                max = Math.max(max, Math.abs(v));
            }
        }
        assertTrue(max <= bound && max > 0.95 * bound, "U(±1/√H): max |value| " + max + ", bound " + bound);
    }

    @Test
    void shapes() {
        Recurrent lstm = layer(true, 3, 4, 2, true, 4);
        Recurrent.Output y = lstm.forward(Tensor.randn(new RandomSource(5), 2, 6, 3));
        assertArrayEquals(new int[] {2, 6, 8}, y.output().shape());
        assertArrayEquals(new int[] {4, 2, 4}, y.hN().shape());
        assertArrayEquals(new int[] {4, 2, 4}, y.cN().shape());
        Recurrent.Output g = layer(false, 3, 4, 1, false, 4).forward(Tensor.randn(new RandomSource(5), 2, 6, 3));
        assertArrayEquals(new int[] {2, 6, 4}, g.output().shape());
        assertArrayEquals(new int[] {1, 2, 4}, g.hN().shape());
        assertNull(g.cN());
        assertEquals(8, lstm.outputSize());
    }

    @Test
    void lastOutputsAreTheFinalStates() {
        for (boolean lstm : new boolean[] {true, false}) {
            Recurrent r = layer(lstm, 3, 4, 1, true, 6);
            Tensor x = Tensor.randn(new RandomSource(7), 2, 5, 3);
            int[] lengths = {5, 3};
            Recurrent.Output y = r.forward(x, null, null, lengths);
            for (int b = 0; b < 2; b++) {
                for (int j = 0; j < 4; j++) {
                    // forward direction: the output at the sequence's own last step; reverse: the output at step 0
                    assertEquals(y.output().get(b, lengths[b] - 1, j), y.hN().get(0, b, j));
                    assertEquals(y.output().get(b, 0, 4 + j), y.hN().get(1, b, j));
                }
            }
        }
    }

    @Test
    void badInputNamesWhatIsWrong() {
        Recurrent lstm = layer(true, 3, 4, 2, false, 8);
        Tensor x = Tensor.zeros(2, 5, 3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> lstm.forward(Tensor.zeros(2, 5, 4)))
                .getMessage().contains("[batch, steps, 3]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> lstm.forward(x, Tensor.zeros(1, 2, 4), null, null))
                .getMessage().contains("h0 must be [layers·directions, batch, hidden] = [2, 2, 4]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> lstm.forward(x, null, null, new int[] {5, 6}))
                .getMessage().contains("length 6 of sequence 1 is outside [1, 5]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> lstm.forward(x, null, null, new int[] {0, 5}))
                .getMessage().contains("length 0 of sequence 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> lstm.forward(x, null, null, new int[] {5}))
                .getMessage().contains("expected 2 lengths"));
        Recurrent gru = layer(false, 3, 4, 1, false, 8);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> gru.forward(x, null, Tensor.zeros(1, 2, 4), null))
                .getMessage().contains("no cell state"));
    }

    /** Every output of the layer as one vector: outputs, final hidden states, final cell states. */
    static Tensor flatOutputs(Recurrent.Output y) {
        List<Tensor> parts = new ArrayList<>(List.of(y.output().reshape(-1), y.hN().reshape(-1)));
        if (y.cN() != null) {
            parts.add(y.cN().reshape(-1));
        }
        return Tensor.concat(0, parts.toArray(Tensor[]::new));
    }

    /** The check's inputs: x, h0, (c0,) then every parameter of the layer, which the function reads from the layer. */
    private static void gradientCheck(boolean lstm, boolean secondOrder, boolean fused) {
        Recurrent r = layer(lstm, 2, 2, 2, true, 11).fused(fused);
        RandomSource rng = new RandomSource(12);
        int[] lengths = {3, 1, 2};
        List<Tensor> inputs = new ArrayList<>(List.of(Tensor.randn(rng, 3, 3, 2), Tensor.randn(rng, 4, 3, 2).mul(0.5f)));
        if (lstm) {
            inputs.add(Tensor.randn(rng, 4, 3, 2).mul(0.5f));
        }
        int states = inputs.size();
        inputs.addAll(r.parameters());
        Function<Tensor[], Tensor> f = xs -> flatOutputs(r.forward(xs[0], xs[1], lstm ? xs[2] : null, lengths));
        Tensor[] all = inputs.toArray(Tensor[]::new);
        assertEquals(states + 16, all.length);
        if (secondOrder) {
            GradientCheck.assertSecondOrder(f, all);
        } else {
            GradientCheck.assertGradients(f, all);
        }
    }

    @ParameterizedTest(name = "lstm={0} fused={1}")
    @CsvSource({"true, false", "true, true", "false, false", "false, true"})
    void gradientsFirstOrder(boolean lstm, boolean fused) {
        gradientCheck(lstm, false, fused);
    }

    /** The fused op records its second-order graph by replaying the ground truth: both checked. */
    @ParameterizedTest(name = "lstm={0} fused={1}")
    @CsvSource({"true, false", "true, true", "false, false", "false, true"})
    void gradientsSecondOrder(boolean lstm, boolean fused) {
        gradientCheck(lstm, true, fused);
    }

    /** Outputs and every gradient (parameters, x, h0, c0) of a fixed random projection of the outputs. */
    record Run(float[] outputs, List<float[]> gradients) {}

    static Run run(Recurrent r, Tensor x, Tensor h0, Tensor c0, int[] lengths, long seed) {
        r.zeroGrad();
        List<Tensor> wrt = new ArrayList<>(r.parameters());
        for (Tensor t : new Tensor[] {x, h0, c0}) {
            if (t != null) {
                t.requiresGrad(true);
                t.zeroGrad();
                wrt.add(t);
            }
        }
        Tensor y = flatOutputs(r.forward(x, h0, c0, lengths));
        Tensor w = Tensor.rand(new RandomSource(seed), -1, 1, y.shape());
        Tensor[] g = Autograd.grad(y.mul(w).sum(), wrt.toArray(Tensor[]::new), false);
        List<float[]> grads = new ArrayList<>();
        for (Tensor t : g) {
            grads.add(t.toArray());
        }
        return new Run(y.toArray(), grads);
    }

    @ParameterizedTest(name = "fused={0}")
    @CsvSource({"false", "true"})
    void paddedStepsAreInert(boolean fused) {
        for (boolean lstm : new boolean[] {true, false}) {
            Recurrent r = layer(lstm, 3, 4, 2, true, 13).fused(fused);
            RandomSource rng = new RandomSource(14);
            int[] lengths = {5, 2, 4};
            Tensor x = Tensor.randn(rng, 3, 5, 3);
            Tensor h0 = Tensor.randn(rng, 4, 3, 4);
            Tensor c0 = lstm ? Tensor.randn(rng, 4, 3, 4) : null;
            Run a = run(r, x, h0, c0, lengths, 15);
            Tensor other = x.copy();
            for (int b = 0; b < 3; b++) {
                for (int t = lengths[b]; t < 5; t++) {
                    for (int j = 0; j < 3; j++) {
                        other.data()[(b * 5 + t) * 3 + j] = (float) (10 * rng.nextGaussian());
                    }
                }
            }
            Run b = run(r, other, h0, c0, lengths, 15);
            assertArrayEquals(a.outputs(), b.outputs(), "outputs depend on the padding");
            for (int k = 0; k < a.gradients().size(); k++) {
                assertArrayEquals(a.gradients().get(k), b.gradients().get(k), "gradient " + k + " depends on the padding");
            }
            // the padded outputs are zeros and the padding gets no gradient
            float[] gx = a.gradients().get(r.parameters().size());
            for (int bb = 0; bb < 3; bb++) {
                for (int t = lengths[bb]; t < 5; t++) {
                    for (int j = 0; j < 8; j++) {
                        assertEquals(0f, a.outputs()[(bb * 5 + t) * 8 + j]);
                    }
                    for (int j = 0; j < 3; j++) {
                        assertEquals(0f, gx[(bb * 5 + t) * 3 + j]);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "fused={0}")
    @CsvSource({"false", "true"})
    void aPaddedSequenceEqualsTheShorterSequenceAlone(boolean fused) {
        for (boolean lstm : new boolean[] {true, false}) {
            Recurrent r = layer(lstm, 3, 4, 2, true, 16).fused(fused);
            RandomSource rng = new RandomSource(17);
            Tensor x = Tensor.randn(rng, 1, 6, 3);
            Tensor shortX = x.slice(1, 0, 4).copy();
            Recurrent.Output padded = r.forward(x, null, null, new int[] {4});
            Recurrent.Output alone = r.forward(shortX);
            assertArrayEquals(alone.output().toArray(), padded.output().slice(1, 0, 4).toArray(), 1e-6f);
            assertArrayEquals(new float[2 * 8], padded.output().slice(1, 4, 6).toArray());
            assertArrayEquals(alone.hN().toArray(), padded.hN().toArray(), 1e-6f);
            if (lstm) {
                assertArrayEquals(alone.cN().toArray(), padded.cN().toArray(), 1e-6f);
            }
            // gradients of the same loss on the real steps
            Tensor w = Tensor.randn(rng, 1, 4, 8);
            Tensor[] gp = Autograd.grad(padded.output().slice(1, 0, 4).mul(w).sum().add(padded.hN().sum()),
                    r.parameters().toArray(Tensor[]::new), false);
            Tensor[] ga = Autograd.grad(alone.output().mul(w).sum().add(alone.hN().sum()),
                    r.parameters().toArray(Tensor[]::new), false);
            for (int k = 0; k < gp.length; k++) {
                assertArrayEquals(ga[k].toArray(), gp[k].toArray(), 1e-5f, "parameter " + k);
            }
        }
    }
}
