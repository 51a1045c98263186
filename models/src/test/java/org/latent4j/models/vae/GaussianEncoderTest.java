package org.latent4j.models.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latent4j.nn.Activation;
import org.latent4j.nn.Linear;
import org.latent4j.nn.Mlp;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.GradientCheck;
import org.latent4j.tensor.Tensor;

/** The encoder's two heads computed as one product: the values and gradients of two separate linear heads. */
class GaussianEncoderTest {

    private static GaussianEncoder encoder(int in, int hidden, int latent) {
        RandomSource rng = new RandomSource(8);
        return new GaussianEncoder(new Mlp(new int[] {in, hidden}, Activation.RELU, Activation.RELU, rng), hidden, latent, rng);
    }

    @Test
    void stackedHeadsEqualTwoSeparateHeads() {
        GaussianEncoder enc = encoder(30, 64, 20);
        Map<String, Tensor> p = enc.namedParameters();
        assertEquals(List.of("body.layers.0.weight", "body.layers.0.bias", "mu.weight", "mu.bias", "log_var.weight",
                "log_var.bias"), List.copyOf(p.keySet()));
        Tensor x = Tensor.randn(new RandomSource(9), 50, 30);
        GaussianEncoder.Encoding q = enc.forward(x);
        // loss mixing both heads, so every gradient gets contributions from each
        q.mu().mul(q.logVar()).sum().add(q.logVar().exp().sum()).backward();
        List<float[]> stacked = enc.parameters().stream().map(t -> t.grad().data().clone()).toList();
        float[] muStacked = q.mu().data(), lvStacked = q.logVar().data();
        enc.zeroGrad();

        Tensor h = enc.children().get("body") instanceof org.latent4j.nn.Layer l ? l.forward(x) : null;
        Tensor mu = ((Linear) enc.children().get("mu")).forward(h);
        Tensor lv = ((Linear) enc.children().get("log_var")).forward(h);
        mu.mul(lv).sum().add(lv.exp().sum()).backward();
        assertClose(mu.data(), muStacked, "mu");
        assertClose(lv.data(), lvStacked, "log var");
        List<Tensor> params = enc.parameters();
        for (int i = 0; i < params.size(); i++) {
            assertClose(params.get(i).grad().data(), stacked.get(i), "gradient of " + List.copyOf(p.keySet()).get(i));
        }
    }

    @Test
    void gradientsOfBothHeadsPassTheChecks() {
        GaussianEncoder enc = new GaussianEncoder(Activation.TANH.layer(), 4, 3, new RandomSource(2));
        Tensor x = Tensor.randn(new RandomSource(3), 5, 4);
        Tensor[] params = enc.parameters().toArray(Tensor[]::new);
        GradientCheck.assertGradients(t -> enc.forward(x).klPerDim().add(enc.forward(x).mu()).tanh(), params);
        GradientCheck.assertSecondOrder(t -> enc.forward(x).klPerDim().add(enc.forward(x).mu()).tanh(), params);
    }

    /** Equal within float rounding: the stacked product sums the same terms, possibly in another order. */
    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-5 * (1 + Math.abs(expected[i])), what + " [" + i + "]");
        }
    }
}
