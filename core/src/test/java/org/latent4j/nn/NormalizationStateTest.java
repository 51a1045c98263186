package org.latent4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.ArrayData;
import org.latent4j.io.SafeTensors;
import org.latent4j.optim.Optimizer;
import org.latent4j.optim.Optimizers;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/** Buffers (running statistics) in the module state, training versus evaluation mode, and files. */
class NormalizationStateTest {
    @TempDir Path dir;

    /** Linear → BatchNorm1d → tanh → Linear: a small network with buffers in the middle. */
    static Sequential net(long seed) {
        RandomSource rng = new RandomSource(seed);
        return new Sequential(new Linear(3, 4, rng), new BatchNorm1d(4), Activation.TANH.layer(), new Linear(4, 2, rng));
    }

    /** A few training-mode forward passes on seeded batches, so the running statistics move. */
    static void warmUp(Sequential m, long seed, int batches) {
        RandomSource rng = new RandomSource(seed);
        for (int b = 0; b < batches; b++) {
            m.forward(Tensor.rand(rng, -2, 3, 6, 3));
        }
    }

    @Test
    void buffersAreStateButNotParameters() {
        Sequential m = net(1);
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "3.weight", "3.bias"),
                List.copyOf(m.namedParameters().keySet()));
        assertEquals(3 * 4 + 4 + 4 + 4 + 4 * 2 + 2, m.parameterCount());
        assertEquals(List.of("1.running_mean", "1.running_var"), List.copyOf(m.namedBuffers().keySet()));
        assertEquals(List.of("1.num_batches_tracked"), List.copyOf(m.namedIntegerBuffers().keySet()));
        // PyTorch's state_dict order: each module's parameters, then its buffers, then its children
        Map<String, ArrayData> arrays = m.stateArrays();
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "3.weight", "3.bias"), List.copyOf(arrays.keySet()));
        assertInstanceOf(ArrayData.I64.class, arrays.get("1.num_batches_tracked"));
        assertArrayEquals(new int[0], arrays.get("1.num_batches_tracked").shape());
        assertEquals(List.copyOf(arrays.keySet()), List.copyOf(m.stateDict().keySet()));
        assertFalse(m.namedBuffers().get("1.running_mean").requiresGrad());

        // an optimizer sees parameters only: its state names no buffer
        Optimizer opt = Optimizers.create("adam", 1e-2, m.namedParameters());
        m.forward(Tensor.rand(new RandomSource(2), -1, 1, 5, 3)).sum().backward();
        opt.step();
        assertTrue(opt.exportState().keySet().stream().noneMatch(k -> k.contains("running") || k.contains("batches")),
                opt.exportState().keySet().toString());
    }

    @Test
    void trainingModeUsesTheBatchAndEvaluationModeTheRunningStatistics() {
        BatchNorm1d bn = new BatchNorm1d(2);
        Tensor batch = Tensor.matrix(new float[][] {{1, 10}, {3, 20}, {5, 60}});
        Tensor y = bn.forward(batch);
        // training: each column has mean 0 and biased variance 1 (up to eps)
        for (int c = 0; c < 2; c++) {
            double mean = 0, sq = 0;
            for (int i = 0; i < 3; i++) {
                mean += y.get(i, c) / 3.0;
                sq += y.get(i, c) * y.get(i, c) / 3.0;
            }
            assertEquals(0, mean, 1e-6);
            assertEquals(1, sq, 1e-4);
        }
        // momentum 0.1 towards the batch mean and the unbiased variance
        assertArrayEquals(new float[] {0.1f * 3, 0.1f * 30}, bn.runningMean().data(), 1e-5f);
        assertArrayEquals(new float[] {0.9f + 0.1f * 4, 0.9f + 0.1f * 700}, bn.runningVar().data(), 1e-4f);
        assertEquals(1, bn.numBatchesTracked());

        // an example's training-mode output depends on the rest of its batch
        Tensor other = Tensor.matrix(new float[][] {{1, 10}, {-3, 0}, {2, 2}});
        assertNotEquals(bn.forward(batch).get(0, 0), bn.forward(other).get(0, 0));
        assertEquals(3, bn.numBatchesTracked());

        bn.train(false);
        float[] mean = bn.runningMean().toArray();
        float[] var = bn.runningVar().toArray();
        Tensor e1 = bn.forward(batch);
        Tensor e2 = bn.forward(other);
        assertEquals(e1.get(0, 0), e2.get(0, 0), "evaluation mode treats each example alone");
        assertEquals((10 - mean[1]) / Math.sqrt(var[1] + 1e-5), e1.get(0, 1), 1e-5);
        assertArrayEquals(mean, bn.runningMean().data(), "evaluation mode leaves the statistics alone");
        assertArrayEquals(var, bn.runningVar().data());
        assertEquals(3, bn.numBatchesTracked());
        // a single example is fine in evaluation mode and refused in training mode
        assertEquals(2, bn.forward(Tensor.matrix(new float[][] {{1, 2}})).numel());
        bn.train(true);
        var e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.matrix(new float[][] {{1, 2}})));
        assertTrue(e.getMessage().contains("more than one value per channel") && e.getMessage().contains("[1, 2]"),
                e.getMessage());
    }

    @Test
    void groupAndLayerNormAreTheSameInBothModes() {
        Tensor x = Tensor.rand(new RandomSource(4), -1, 1, 2, 4, 3);
        for (Layer l : new Layer[] {new GroupNorm(2, 4), new LayerNorm(4, 3)}) {
            float[] train = l.forward(x).toArray();
            l.train(false);
            assertArrayEquals(train, l.forward(x).data(), l.getClass().getSimpleName());
            assertTrue(l.namedBuffers().isEmpty() && l.namedIntegerBuffers().isEmpty());
            // no statistic crosses examples: the first example alone gives its row of the batch's output
            l.train(true);
            float[] alone = l.forward(x.slice(0, 0, 1)).toArray();
            assertArrayEquals(java.util.Arrays.copyOf(train, alone.length), alone, l.getClass().getSimpleName());
        }
    }

    @Test
    void aModelWithBuffersRoundTripsThroughSafeTensors() throws IOException {
        Sequential a = net(1);
        warmUp(a, 5, 4);
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, a.stateArrays(), Map.of("format", "latent4j"));

        Sequential b = net(2);
        b.loadStateArrays(SafeTensors.read(file).arrays());
        assertArrayEquals(((BatchNorm1d) a.layers().get(1)).runningVar().data(),
                ((BatchNorm1d) b.layers().get(1)).runningVar().data());
        assertEquals(4, ((BatchNorm1d) b.layers().get(1)).numBatchesTracked());
        Tensor x = Tensor.rand(new RandomSource(9), -1, 1, 5, 3);
        a.train(false);
        b.train(false);
        assertArrayEquals(a.forward(x).data(), b.forward(x).data(), "evaluation outputs after loading");
        // and training goes on identically: same outputs, same running statistics
        a.train(true);
        b.train(true);
        warmUp(a, 6, 2);
        warmUp(b, 6, 2);
        assertEquals(a.stateArrays(), b.stateArrays());
    }

    @Test
    void stateDictCarriesBuffersAndIsStrict() {
        Sequential a = net(1);
        warmUp(a, 5, 3);
        Sequential b = net(2);
        b.loadStateDict(a.stateDict());
        assertEquals(a.stateArrays(), b.stateArrays());
        assertEquals(3f, a.stateDict().get("1.num_batches_tracked").item());

        Map<String, Tensor> fractional = new LinkedHashMap<>(a.stateDict());
        fractional.put("1.num_batches_tracked", Tensor.scalar(2.5f));
        var e1 = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(fractional));
        assertTrue(e1.getMessage().contains("1.num_batches_tracked") && e1.getMessage().contains("2.5"), e1.getMessage());

        Map<String, ArrayData> floatCount = new LinkedHashMap<>(a.stateArrays());
        floatCount.put("1.num_batches_tracked", new ArrayData.F32(new int[0], new float[] {3}));
        var e2 = assertThrows(IllegalArgumentException.class, () -> b.loadStateArrays(floatCount));
        assertTrue(e2.getMessage().contains("'1.num_batches_tracked' is F32, expected I64"), e2.getMessage());

        Map<String, ArrayData> noBuffers = new LinkedHashMap<>(a.stateArrays());
        noBuffers.remove("1.running_var");
        noBuffers.remove("1.num_batches_tracked");
        var e3 = assertThrows(IllegalArgumentException.class, () -> b.loadStateArrays(noBuffers));
        assertTrue(e3.getMessage().contains("missing [1.num_batches_tracked, 1.running_var]"), e3.getMessage());

        Map<String, ArrayData> wrongShape = new LinkedHashMap<>(a.stateArrays());
        wrongShape.put("1.running_mean", new ArrayData.F32(new int[] {3}, new float[3]));
        var e4 = assertThrows(IllegalArgumentException.class, () -> b.loadStateArrays(wrongShape));
        assertTrue(e4.getMessage().contains("1.running_mean") && e4.getMessage().contains("[4]"), e4.getMessage());
        // nothing was half-loaded by the failures
        assertEquals(a.stateArrays(), b.stateArrays());
    }

    private Path torchFile() throws IOException {
        Path f = dir.resolve("torch-batchnorm2d.safetensors");
        try (InputStream in = getClass().getResourceAsStream("torch-batchnorm2d.safetensors")) {
            Files.copy(in, f);
        }
        return f;
    }

    /** PyTorch's BatchNorm2d state after the reference script's three training steps loads strictly. */
    @Test
    void loadsPyTorchsBatchNormStateAndWritesTheSameBytes() throws IOException {
        Path py = torchFile();
        BatchNorm2d bn = new BatchNorm2d(3);
        bn.loadStateArrays(SafeTensors.read(py).arrays());
        assertEquals(3, bn.numBatchesTracked());
        assertArrayEquals(NormTorchReference.BN2D_RUNNING_MEAN, bn.runningMean().data());
        assertArrayEquals(NormTorchReference.BN2D_RUNNING_VAR, bn.runningVar().data());
        bn.train(false);
        float[] first = NormalizationReferenceTest.pattern(48, 1);
        for (int i = 0; i < first.length; i++) {
            first[i] = first[i] * 1.5f + 0.25f;
        }
        NormalizationReferenceTest.assertClose(NormTorchReference.BN2D_EVAL_Y,
                bn.forward(Tensor.of(first, 4, 3, 2, 2)).data(), "evaluation output with PyTorch's state");

        // latent4j writes the state exactly as PyTorch's file has it: names, dtypes (I64 count), order, bytes
        Path mine = dir.resolve("latent4j.safetensors");
        SafeTensors.write(mine, bn.stateArrays(), Map.of());
        assertArrayEquals(Files.readAllBytes(py), Files.readAllBytes(mine));
    }

    @Test
    void badInputIsNamed() {
        var e1 = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).forward(Tensor.zeros(2, 4, 2, 2)));
        assertTrue(e1.getMessage().contains("BatchNorm2d") && e1.getMessage().contains("C = 3")
                && e1.getMessage().contains("[2, 4, 2, 2]"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(Tensor.zeros(2, 3, 2, 2)));
        assertTrue(e2.getMessage().contains("[N, C] or [N, C, L]"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(3, 4));
        assertTrue(e3.getMessage().contains("groups=3 channels=4"), e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(2, 3).forward(Tensor.zeros(4, 3, 2)));
        assertTrue(e4.getMessage().contains("[*, 2, 3]") && e4.getMessage().contains("[4, 3, 2]"), e4.getMessage());
        var e5 = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(2, 4).forward(Tensor.zeros(4)));
        assertTrue(e5.getMessage().contains("[N, C, ...]"), e5.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(0));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(2, 1e-5, 1.5));
    }
}
