package org.latent4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.GradientCheck;
import org.latent4j.tensor.Tensor;

class ModuleTest {

    /** A two-part model shaped like a VAE's encoder/decoder pair. */
    static final class Pair extends Layer {
        final Mlp encoder;
        final Mlp decoder;

        Pair(RandomSource rng) {
            encoder = child("encoder", new Mlp(new int[] {4, 3, 2}, Activation.RELU, Activation.IDENTITY, rng));
            decoder = child("decoder", new Mlp(new int[] {2, 3, 4}, Activation.TANH, Activation.SIGMOID, rng));
        }

        @Override
        public Tensor forward(Tensor x) {
            return decoder.forward(encoder.forward(x));
        }
    }

    @Test
    void parametersHaveHierarchicalNames() {
        Pair m = new Pair(new RandomSource(1));
        assertEquals(List.of("encoder.layers.0.weight", "encoder.layers.0.bias", "encoder.layers.2.weight",
                "encoder.layers.2.bias", "decoder.layers.0.weight", "decoder.layers.0.bias",
                "decoder.layers.2.weight", "decoder.layers.2.bias"), List.copyOf(m.namedParameters().keySet()));
        assertEquals(4 * 3 + 3 + 3 * 2 + 2 + 2 * 3 + 3 + 3 * 4 + 4, m.parameterCount());
    }

    @Test
    void stateRoundTripsAndIsStrict() {
        Pair a = new Pair(new RandomSource(1));
        Pair b = new Pair(new RandomSource(2));
        Tensor x = Tensor.rand(new RandomSource(3), -1, 1, 5, 4);
        assertNotEquals(a.forward(x).get(0, 0), b.forward(x).get(0, 0));
        b.loadStateArrays(a.stateArrays());
        assertArrayEquals(a.forward(x).data(), b.forward(x).data());

        Map<String, Tensor> missing = new LinkedHashMap<>(a.stateDict());
        missing.remove("decoder.layers.2.bias");
        var e1 = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(missing));
        assertTrue(e1.getMessage().contains("missing [decoder.layers.2.bias]"), e1.getMessage());

        Map<String, Tensor> wrongShape = new LinkedHashMap<>(a.stateDict());
        wrongShape.put("encoder.layers.0.weight", Tensor.zeros(4, 3));
        var e2 = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(wrongShape));
        assertTrue(e2.getMessage().contains("encoder.layers.0.weight") && e2.getMessage().contains("[3, 4]"), e2.getMessage());
    }

    @Test
    void linearMatchesPyTorchDefaultInitBounds() {
        Linear l = new Linear(400, 20, new RandomSource(7));
        double bound = 1 / Math.sqrt(400);
        double max = 0;
        for (float v : l.weight().data()) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound && max > 0.95 * bound, "max |w| " + max + " vs bound " + bound);
        assertArrayEquals(new int[] {20, 400}, l.weight().shape());
    }

    @Test
    void dropoutScalesInTrainingAndIsIdentityInEvaluation() {
        Dropout d = new Dropout(0.5, new RandomSource(3));
        Tensor x = Tensor.ones(10000);
        Tensor y = d.forward(x);
        double mean = y.mean().item();
        assertEquals(1.0, mean, 0.05);
        for (float v : y.data()) {
            assertTrue(v == 0f || v == 2f);
        }
        d.train(false);
        assertArrayEquals(x.data(), d.forward(x).data());
    }

    @Test
    void mlpGradientsPassTheCheck() {
        RandomSource rng = new RandomSource(5);
        Mlp m = new Mlp(new int[] {3, 4, 2}, Activation.TANH, Activation.SIGMOID, rng);
        Tensor x = Tensor.rand(rng, -1, 1, 2, 3);
        Tensor[] params = m.parameters().toArray(Tensor[]::new);
        Tensor[] inputs = new Tensor[params.length + 1];
        inputs[0] = x;
        System.arraycopy(params, 0, inputs, 1, params.length);
        GradientCheck.assertGradients(in -> m.forward(in[0]), inputs);
    }

    @Test
    void activationParseNamesTheChoices() {
        assertEquals(Activation.LEAKY_RELU, Activation.parse("leaky-relu"));
        var e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
        assertTrue(e.getMessage().contains("relu") && e.getMessage().contains("swish"), e.getMessage());
    }
}
