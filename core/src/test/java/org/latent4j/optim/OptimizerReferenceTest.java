package org.latent4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.latent4j.optim.TorchReference.*;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latent4j.tensor.Tensor;

/** Each optimizer against PyTorch's numbers (see {@link TorchReference}) and against hand-computed steps. */
class OptimizerReferenceTest {
    static final float[] P0 = {0.5f, -1.5f, 2.0f, 0.25f};
    static final float[] Q0 = {1.0f, -0.3f, 0.7f};
    static final float[] AP = {1.0f, 2.0f, 0.5f, 3.0f}, BP = {0.1f, -0.2f, 0.3f, 0.0f};
    static final float[] AQ = {0.7f, 1.3f, 2.5f}, BQ = {-0.4f, 0.05f, 0.2f};

    record Case(String name, Function<Map<String, Tensor>, Optimizer> make, float[] p, float[] q) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("sgd", m -> new Sgd(m, 0.1), SGDPLAIN_P, SGDPLAIN_Q),
                new Case("sgd momentum dampening decay", m -> new Sgd(m, Sgd.Config.builder().lr(0.1).momentum(0.9)
                        .dampening(0.1).weightDecay(0.01).build()), SGDMOMENTUMDAMPENING_P, SGDMOMENTUMDAMPENING_Q),
                new Case("sgd nesterov", m -> new Sgd(m, Sgd.Config.builder().lr(0.1).momentum(0.9).nesterov(true)
                        .weightDecay(0.01).build()), SGDNESTEROV_P, SGDNESTEROV_Q),
                new Case("adam", m -> new Adam(m, Adam.Config.builder().lr(0.1).build()), ADAMDEFAULT_P, ADAMDEFAULT_Q),
                new Case("adam l2 amsgrad", m -> new Adam(m, Adam.Config.builder().lr(0.1).betas(0.8, 0.95).weightDecay(0.1)
                        .amsgrad(true).build()), ADAML2AMSGRAD_P, ADAML2AMSGRAD_Q),
                new Case("adamw", m -> new AdamW(m, AdamW.Config.builder().lr(0.1).build()), ADAMWDEFAULT_P, ADAMWDEFAULT_Q),
                new Case("adamw amsgrad", m -> new AdamW(m, AdamW.Config.builder().lr(0.1).weightDecay(0.3).amsgrad(true)
                        .build()), ADAMWAMSGRAD_P, ADAMWAMSGRAD_Q),
                new Case("rmsprop", m -> new RmsProp(m, RmsProp.Config.builder().lr(0.01).build()), RMSPROPDEFAULT_P,
                        RMSPROPDEFAULT_Q),
                new Case("rmsprop centered momentum decay", m -> new RmsProp(m, RmsProp.Config.builder().lr(0.01).alpha(0.9)
                        .momentum(0.9).centered(true).weightDecay(0.1).build()), RMSPROPCENTEREDMOMENTUM_P,
                        RMSPROPCENTEREDMOMENTUM_Q),
                new Case("rmsprop centered", m -> new RmsProp(m, RmsProp.Config.builder().lr(0.01).centered(true).build()),
                        RMSPROPCENTERED_P, RMSPROPCENTERED_Q),
                new Case("adagrad", m -> new Adagrad(m, Adagrad.Config.builder().lr(0.1).build()), ADAGRADDEFAULT_P,
                        ADAGRADDEFAULT_Q),
                new Case("adagrad lr decay, decay, initial accumulator", m -> new Adagrad(m, Adagrad.Config.builder().lr(0.1)
                        .lrDecay(0.1).weightDecay(0.1).initialAccumulatorValue(0.5).build()), ADAGRADDECAY_P, ADAGRADDECAY_Q));
    }

    /** The set-up of torch_optim_reference.py: p [2,2] and q [3]. */
    static Map<String, Tensor> params() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("p", Tensor.of(P0.clone(), 2, 2).requiresGrad(true));
        m.put("q", Tensor.of(Q0.clone(), 3).requiresGrad(true));
        return m;
    }

    /** Sets the gradient a·x + b (float32) of every parameter; q gets none at step 3. */
    static void setGradients(Map<String, Tensor> m, int step) {
        m.get("p").setGrad(affine(m.get("p"), AP, BP));
        m.get("q").setGrad(step == 3 ? null : affine(m.get("q"), AQ, BQ));
    }

    static Tensor affine(Tensor x, float[] a, float[] b) {
        float[] d = x.data();
        float[] g = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            g[i] = a[i] * d[i] + b[i];
        }
        return Tensor.of(g, x.shape());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorchAfterFiveSteps(Case c) {
        Map<String, Tensor> m = params();
        Optimizer opt = c.make().apply(m);
        for (int step = 1; step <= 5; step++) {
            setGradients(m, step);
            opt.step();
        }
        assertClose(c.p(), m.get("p").data(), c.name() + " p");
        assertClose(c.q(), m.get("q").data(), c.name() + " q");
        assertEquals(5, opt.stepCount());
        assertEquals(4L, ((org.latent4j.io.ArrayData.I64) opt.exportState().get("q.step")).data()[0]);
    }

    static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            // PyTorch's C++ kernels contract a + b·c into fused multiply-adds, so the last bits may differ
            assertEquals(expected[i], actual[i], 2e-6f * (1 + Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    @Test
    void adamFirstStepMovesEachWeightByLrTimesSignOfGradient() {
        // m̂ = g and v̂ = g² after one step, so the update is lr·g/(|g| + ε) ≈ lr·sign(g)
        Map<String, Tensor> m = Map.of("w", Tensor.vector(1f, -2f, 3f).requiresGrad(true));
        m.get("w").setGrad(Tensor.vector(0.5f, -4f, 1e-3f));
        new Adam(m, Adam.Config.builder().lr(0.01).build()).step();
        float[] w = m.get("w").data();
        assertEquals(0.99f, w[0], 1e-6f);
        assertEquals(-1.99f, w[1], 1e-6f);
        assertEquals(3f - 0.01f * 1e-3f / (1e-3f + 1e-8f), w[2], 1e-6f);
    }

    @Test
    void sgdWithMomentumByHand() {
        // b1 = g1 = 2; p1 = 1 − 0.1·2 = 0.8. g2 = 2·0.8 = 1.6; b2 = 0.9·2 + 1.6 = 3.4; p2 = 0.8 − 0.34 = 0.46
        Tensor w = Tensor.vector(1f).requiresGrad(true);
        Sgd sgd = new Sgd(Map.of("w", w), Sgd.Config.builder().lr(0.1).momentum(0.9).build());
        for (int i = 0; i < 2; i++) {
            w.setGrad(Tensor.vector(2 * w.data()[0]));
            sgd.step();
        }
        assertEquals(0.46f, w.data()[0], 1e-6f);
    }

    @Test
    void adagradByHand() {
        // s = 0.1 + 4 = 4.1; p = 1 − 0.5·2/(√4.1 + 1e-10)
        Tensor w = Tensor.vector(1f).requiresGrad(true);
        Adagrad ada = new Adagrad(Map.of("w", w), Adagrad.Config.builder().lr(0.5).initialAccumulatorValue(0.1).build());
        w.setGrad(Tensor.vector(2f));
        ada.step();
        assertEquals((float) (1 - 0.5 * 2 / Math.sqrt(4.1)), w.data()[0], 1e-6f);
    }
}
