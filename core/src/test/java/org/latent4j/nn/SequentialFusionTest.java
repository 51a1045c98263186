package org.latent4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/** A Sequential runs Linear + activation pairs as one op: same values, gradients and parameter names as layer by layer. */
class SequentialFusionTest {

    @Test
    void fusedPairsGiveTheLayerByLayerResultToTheBit() {
        RandomSource rng = new RandomSource(3);
        Layer[] layers = {
            new Linear(30, 40, rng), Activation.RELU.layer(),
            new Linear(40, 33, rng), Activation.TANH.layer(),
            new Linear(33, 20, false, rng), Activation.LEAKY_RELU.layer(),
            new Linear(20, 17, rng), Activation.SIGMOID.layer(),
            new Linear(17, 9, rng), Activation.ELU.layer(), // no fused form: runs as two layers
            Activation.RELU.layer(), // an activation after an activation
            new Linear(9, 5, rng)
        };
        Sequential net = new Sequential(layers);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "6.weight", "6.bias",
                "8.weight", "8.bias", "11.weight", "11.bias"), List.copyOf(net.namedParameters().keySet()));

        Tensor x = Tensor.randn(new RandomSource(4), 64, 30);
        Tensor fused = net.forward(x);
        fused.sum().backward();
        List<float[]> fusedGrads = net.parameters().stream().map(p -> p.grad().data().clone()).toList();
        net.zeroGrad();

        Tensor plain = x;
        for (Layer l : layers) {
            plain = l.forward(plain);
        }
        plain.sum().backward();
        assertArrayEquals(plain.data(), fused.data());
        List<Tensor> params = net.parameters();
        for (int i = 0; i < params.size(); i++) {
            assertArrayEquals(params.get(i).grad().data(), fusedGrads.get(i), "gradient of parameter " + i);
        }
    }

    @Test
    void mlpRunsTheSameFusedOrNot() {
        Mlp mlp = new Mlp(new int[] {12, 16, 8, 3}, Activation.RELU, Activation.SIGMOID, new RandomSource(5));
        Tensor x = Tensor.randn(new RandomSource(6), 10, 12);
        Tensor y = mlp.forward(x);
        Tensor expected = x;
        try (var g = Autograd.noGrad()) {
            for (int i = 0; i < 3; i++) {
                Tensor w = mlp.namedParameters().get("layers." + (2 * i) + ".weight");
                Tensor b = mlp.namedParameters().get("layers." + (2 * i) + ".bias");
                expected = expected.matmul(w.transpose(0, 1)).add(b);
                expected = i < 2 ? expected.relu() : expected.sigmoid();
            }
        }
        float[] e = expected.data(), a = y.data();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-6, "output " + i);
        }
    }
}
