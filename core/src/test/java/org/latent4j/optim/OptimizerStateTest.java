package org.latent4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latent4j.io.ArrayData;
import org.latent4j.random.RandomSource;
import org.latent4j.runtime.Threads;
import org.latent4j.tensor.Tensor;

/** Checkpoints: exported state resumes bit-identically; bad state is refused with a clear message. */
class OptimizerStateTest {

    static Stream<String> kinds() {
        return Stream.of("sgd-momentum", "adam", "adam-amsgrad", "adamw", "rmsprop-centered-momentum", "adagrad");
    }

    static Optimizer make(String kind, Map<String, Tensor> m) {
        return switch (kind) {
            case "sgd-momentum" -> new Sgd(m, Sgd.Config.builder().lr(0.05).momentum(0.9).weightDecay(1e-3).build());
            case "adam" -> new Adam(m);
            case "adam-amsgrad" -> new Adam(m, Adam.Config.builder().amsgrad(true).weightDecay(0.01).build());
            case "adamw" -> new AdamW(m);
            case "rmsprop-centered-momentum" -> new RmsProp(m, RmsProp.Config.builder().momentum(0.5).centered(true).build());
            case "adagrad" -> new Adagrad(m, Adagrad.Config.builder().lrDecay(0.01).initialAccumulatorValue(0.1).build());
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static Map<String, Tensor> params(long seed) {
        RandomSource rng = new RandomSource(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("layer.weight", Tensor.randn(rng, 3, 4).requiresGrad(true));
        m.put("layer.bias", Tensor.randn(rng, 4).requiresGrad(true));
        return m;
    }

    /** Pseudo-gradients that depend on the step and the current values (so drift would show). */
    static void gradients(Map<String, Tensor> m, int step) {
        for (Tensor t : m.values()) {
            float[] d = t.data();
            float[] g = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                g[i] = (float) (d[i] * 0.7 + Math.sin(step * 1.3 + i));
            }
            t.setGrad(Tensor.of(g, t.shape()));
        }
    }

    static Map<String, Tensor> copyParams(Map<String, Tensor> m) {
        Map<String, Tensor> c = new LinkedHashMap<>();
        m.forEach((k, v) -> c.put(k, v.copy().requiresGrad(true)));
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void exportImportResumesBitIdentically(String kind) {
        Map<String, Tensor> a = params(1);
        Optimizer optA = make(kind, a);
        for (int s = 0; s < 4; s++) {
            gradients(a, s);
            optA.step();
        }
        optA.setLearningRate(optA.learningRate() * 0.5);
        Map<String, ArrayData> state = optA.exportState();
        Map<String, Tensor> b = copyParams(a);
        Optimizer optB = make(kind, b);
        optB.importState(state);
        assertEquals(optA.stepCount(), optB.stepCount());
        assertEquals(optA.learningRate(), optB.learningRate());
        for (int s = 4; s < 9; s++) {
            gradients(a, s);
            gradients(b, s);
            optA.step();
            optB.step();
        }
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name).data(), b.get(name).data(), kind + " " + name);
        }
        assertEquals(optA.exportState(), optB.exportState());
    }

    @Test
    void exportedArraysAreCopies() {
        Map<String, Tensor> m = params(2);
        Adam adam = new Adam(m);
        gradients(m, 0);
        adam.step();
        Map<String, ArrayData> state = adam.exportState();
        float[] before = ((ArrayData.F32) state.get("layer.bias.exp_avg")).data().clone();
        gradients(m, 1);
        adam.step();
        assertArrayEquals(before, ((ArrayData.F32) state.get("layer.bias.exp_avg")).data());
        assertEquals(1L, ((ArrayData.I64) state.get("adam.step")).data()[0]);
        assertTrue(state.containsKey("adam.lr"));
        assertEquals(2 + 2 * 3, state.size());
    }

    @Test
    void importRefusesMissingAndUnknownKeys() {
        Map<String, ArrayData> state = new Adam(params(3)).exportState();
        Adam target = new Adam(params(3));
        Map<String, ArrayData> missing = new LinkedHashMap<>(state);
        missing.remove("layer.bias.exp_avg_sq");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.importState(missing));
        assertTrue(e.getMessage().contains("missing keys [layer.bias.exp_avg_sq]"), e.getMessage());

        Map<String, ArrayData> extra = new LinkedHashMap<>(state);
        extra.put("decoder.weight.exp_avg", new ArrayData.F32(new int[] {1}, new float[1]));
        e = assertThrows(IllegalArgumentException.class, () -> target.importState(extra));
        assertTrue(e.getMessage().contains("unknown keys [decoder.weight.exp_avg]"), e.getMessage());

        Map<String, ArrayData> sgdState = new Sgd(params(3), Sgd.Config.builder().momentum(0.9).build()).exportState();
        e = assertThrows(IllegalArgumentException.class, () -> target.importState(sgdState));
        assertTrue(e.getMessage().contains("sgd.step") && e.getMessage().contains("'adam' optimizer"), e.getMessage());
    }

    @Test
    void importRefusesWrongShapesTypesAndValuesAndChangesNothing() {
        Map<String, Tensor> m = params(4);
        Adam target = new Adam(m);
        Map<String, ArrayData> good = new Adam(params(4)).exportState();

        Map<String, ArrayData> badShape = new LinkedHashMap<>(good);
        badShape.put("layer.weight.exp_avg", new ArrayData.F32(new int[] {4, 3}, new float[12]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.importState(badShape));
        assertTrue(e.getMessage().contains("'layer.weight.exp_avg' holds F32[4, 3], expected F32[3, 4]"), e.getMessage());

        Map<String, ArrayData> badType = new LinkedHashMap<>(good);
        badType.put("adam.step", new ArrayData.F64(new int[0], new double[] {3}));
        e = assertThrows(IllegalArgumentException.class, () -> target.importState(badType));
        assertTrue(e.getMessage().contains("'adam.step' holds F64[], expected I64[]"), e.getMessage());

        Map<String, ArrayData> negative = new LinkedHashMap<>(good);
        negative.put("layer.bias.step", new ArrayData.I64(new int[0], new long[] {-1}));
        e = assertThrows(IllegalArgumentException.class, () -> target.importState(negative));
        assertTrue(e.getMessage().contains("'layer.bias.step' holds -1"), e.getMessage());

        Map<String, ArrayData> ahead = new LinkedHashMap<>(good);
        ahead.put("layer.bias.step", new ArrayData.I64(new int[0], new long[] {5}));
        e = assertThrows(IllegalArgumentException.class, () -> target.importState(ahead));
        assertTrue(e.getMessage().contains("more than the optimizer's own step count 0"), e.getMessage());

        Map<String, ArrayData> nanLr = new LinkedHashMap<>(good);
        nanLr.put("adam.lr", new ArrayData.F64(new int[0], new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> target.importState(nanLr));
        assertEquals(1e-3, target.learningRate());
        assertEquals(0, target.stepCount());
    }

    @Test
    void parametersWithoutGradientAreSkippedAndKeepTheirOwnStepCount() {
        Map<String, Tensor> m = params(5);
        Adam adam = new Adam(m);
        float[] biasBefore = m.get("layer.bias").data().clone();
        gradients(m, 0);
        m.get("layer.bias").setGrad(null);
        adam.step();
        assertArrayEquals(biasBefore, m.get("layer.bias").data());
        Map<String, ArrayData> s = adam.exportState();
        assertEquals(0L, ((ArrayData.I64) s.get("layer.bias.step")).data()[0]);
        assertEquals(1L, ((ArrayData.I64) s.get("layer.weight.step")).data()[0]);
        adam.zeroGrad();
        assertEquals(null, m.get("layer.weight").grad());
    }

    @Test
    void largeParametersGiveTheSameResultWithOneOrTwoThreads() {
        int n = 3 * Optimizer.PARALLEL_MIN + 17;
        float[][] results = new float[2][];
        int saved = Threads.count();
        try {
            for (int t = 1; t <= 2; t++) {
                Threads.set(t);
                Tensor w = Tensor.randn(new RandomSource(9), n).requiresGrad(true);
                Adam adam = new Adam(Map.of("w", w), Adam.Config.builder().weightDecay(0.1).build());
                for (int s = 0; s < 3; s++) {
                    w.setGrad(w.mul(0.5f).add(Tensor.randn(new RandomSource(s), n)));
                    adam.step();
                }
                results[t - 1] = w.data();
            }
        } finally {
            Threads.set(saved);
        }
        assertArrayEquals(results[0], results[1]);
    }

    @Test
    void constructorRefusesBadParameterMaps() {
        assertThrows(IllegalArgumentException.class, () -> new Adam(Map.of()));
        Tensor t = Tensor.zeros(2).requiresGrad(true);
        Map<String, Tensor> twice = new LinkedHashMap<>();
        twice.put("a", t);
        twice.put("b", t);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(twice));
        assertTrue(e.getMessage().contains("'a' and 'b'"), e.getMessage());
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
                () -> new Adam(Map.of("adam", Tensor.zeros(1))));
        assertTrue(clash.getMessage().contains("no parameter may be named 'adam'"), clash.getMessage());
    }
}
