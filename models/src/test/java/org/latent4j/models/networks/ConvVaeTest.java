package org.latent4j.models.networks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.Json;
import org.latent4j.models.autoencoder.Autoencoder;
import org.latent4j.models.autoencoder.AutoencoderConfig;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.Trainer;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeConfig;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

class ConvVaeTest {
    /**
     * Synthetic C×S×S images: a horizontal or a vertical bar two pixels thick at a random position (the
     * same in every channel, scaled per channel), plus a little noise; values in [0, 1].
     */
    static DataMatrix bars(int n, int channels, int side, long seed) {
        RandomSource rng = new RandomSource(seed);
        int d = channels * side * side;
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            boolean horizontal = rng.nextDouble() < 0.5;
            int at = (int) (rng.nextDouble() * (side - 1));
            for (int c = 0; c < channels; c++) {
                for (int r = 0; r < side; r++) {
                    for (int col = 0; col < side; col++) {
                        int pos = horizontal ? r : col;
                        float v = pos == at || pos == at + 1 ? 0.9f - 0.2f * c : 0.05f;
                        v += 0.05f * (float) rng.nextGaussian();
                        x[i * d + (c * side + r) * side + col] = Math.min(1f, Math.max(0f, v));
                    }
                }
            }
        }
        return new DataMatrix("bars", x, n, d);
    }

    static VaeConfig small(int channels, int side) {
        ConvArchitecture arch = new ConvArchitecture(new ImageShape(channels, side, side), new int[] {4, 8}, 4, 2, 1,
                Normalization.NONE, ConvArchitecture.DEFAULT_GROUPS);
        return VaeConfig.builder(channels * side * side).latentDim(3).conv(arch).seed(5).build();
    }

    @Test
    void referenceArchitectureHasThePyTorchConvVaesParameters() {
        VaeConfig c = VaeConfig.builder(784).conv(ConvArchitecture.reference(new ImageShape(1, 28, 28))).build();
        Vae vae = Vae.create(c);
        Map<String, int[]> expected = new LinkedHashMap<>();
        expected.put("encoder.body.1.weight", new int[] {32, 1, 4, 4});      // c1
        expected.put("encoder.body.1.bias", new int[] {32});
        expected.put("encoder.body.3.weight", new int[] {64, 32, 4, 4});     // c2
        expected.put("encoder.body.3.bias", new int[] {64});
        expected.put("encoder.mu.weight", new int[] {20, 3136});             // mu
        expected.put("encoder.mu.bias", new int[] {20});
        expected.put("encoder.log_var.weight", new int[] {20, 3136});        // lv
        expected.put("encoder.log_var.bias", new int[] {20});
        expected.put("decoder.0.weight", new int[] {3136, 20});              // fc
        expected.put("decoder.0.bias", new int[] {3136});
        expected.put("decoder.3.weight", new int[] {64, 32, 4, 4});          // t1
        expected.put("decoder.3.bias", new int[] {32});
        expected.put("decoder.5.weight", new int[] {32, 1, 4, 4});           // t2
        expected.put("decoder.5.bias", new int[] {1});
        Map<String, Tensor> actual = vae.namedParameters();
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        expected.forEach((name, shape) -> assertArrayEquals(shape, actual.get(name).shape(), name));
        // sum(p.numel() for p in ConvVAE(20).parameters()) in bench/torch_vae.py
        assertEquals(258_025, vae.parameterCount());
        assertEquals("conv", c.architecture());
        assertEquals(0, c.encoderHidden().length);
        Tensor z = Tensor.zeros(3, 20);
        assertArrayEquals(new int[] {3, 784}, vae.decode(z).shape());
    }

    @Test
    void learnsSmallImages() {
        Vae vae = Vae.create(small(1, 8));
        TrainingHistory h = vae.fit(bars(512, 1, 8, 1), bars(128, 1, 8, 2),
                TrainingConfig.builder().epochs(8).batchSize(32).learningRate(1e-2).build());
        List<EpochResult> e = h.epochs();
        assertTrue(e.get(7).testLoss() < e.get(0).testLoss() - 3, e.toString());
        // the code carries information about the bars: the KL grew from almost nothing to over a nat
        assertTrue(e.get(0).test().get("kl") < 0.1 && e.get(7).test().get("kl") > 1, e.toString());
    }

    @Test
    void colourImagesOfASizeTheStridesDoNotDivide() {
        // 10 → 5 → 2 on the way down; the transposed convolutions restore 2 → 5 (output padding 1) → 10
        ConvArchitecture arch = new ConvArchitecture(new ImageShape(3, 10, 10), new int[] {4, 8}, 4, 2, 1,
                Normalization.NONE, 8);
        assertEquals(5, arch.convOutput(10));
        assertEquals(2, arch.convOutput(5));
        assertEquals(1, arch.outputPadding(5));
        assertEquals(0, arch.outputPadding(10));
        Vae vae = Vae.create(VaeConfig.builder(300).latentDim(2).conv(arch).build());
        DataMatrix data = bars(64, 3, 10, 3);
        TrainingHistory h = vae.fit(data, null, TrainingConfig.builder().epochs(3).batchSize(16).learningRate(1e-2).build());
        assertTrue(h.last().trainLoss() < h.epochs().get(0).trainLoss(), h.epochs().toString());
        assertArrayEquals(new int[] {4, 300}, vae.reconstruct(data.slice(0, 4)).shape());
    }

    @Test
    void aShapeThatDoesNotFitNamesTheLayerWhenTheModelIsBuilt() {
        // 6 → 3 → 1 → 0: the third convolution (encoder.body.5) leaves no pixel
        ConvArchitecture arch = new ConvArchitecture(new ImageShape(1, 6, 6), new int[] {4, 8, 16}, 4, 2, 1,
                Normalization.NONE, 8);
        VaeConfig config = VaeConfig.builder(36).conv(arch).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vae.create(config));
        assertTrue(e.getMessage().startsWith("encoder.body.5 (Conv2d 8→16, kernel 4, stride 2, padding 1) gets 8×1×1"),
                e.getMessage());
        IllegalArgumentException ae = assertThrows(IllegalArgumentException.class, () -> Autoencoder.create(
                AutoencoderConfig.builder(36).conv(arch).build()));
        assertTrue(ae.getMessage().startsWith("encoder.5 (Conv2d"), ae.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> VaeConfig.builder(784).conv(arch).build());
        assertTrue(width.getMessage().contains("image shape 1×6×6 holds 36 values, but inputDim is 784"), width.getMessage());
        IllegalArgumentException pad = assertThrows(IllegalArgumentException.class, () -> new ConvArchitecture(
                new ImageShape(1, 28, 28), new int[] {8}, 3, 1, 2, Normalization.NONE, 8));
        assertTrue(pad.getMessage().contains("padding must be between 0 and kernel/2 = 1"), pad.getMessage());
        IllegalArgumentException groups = assertThrows(IllegalArgumentException.class, () -> new ConvArchitecture(
                new ImageShape(1, 28, 28), new int[] {12, 16}, 4, 2, 1, Normalization.GROUP, 8));
        assertTrue(groups.getMessage().contains("divisible by 8"), groups.getMessage());
    }

    @Test
    void saveAndLoadGiveTheSameOutputs(@TempDir Path dir) throws Exception {
        VaeConfig config = small(2, 8).toBuilder().hidden(16).build();
        Vae vae = Vae.create(config);
        DataMatrix data = bars(64, 2, 8, 1);
        vae.fit(data, null, TrainingConfig.builder().epochs(1).batchSize(16).learningRate(1e-2).build());
        VaeFiles.save(vae, dir.resolve("m"), null);
        var json = Json.read(dir.resolve("m").resolve("config.json"));
        assertEquals("conv", json.get("architecture").asText());
        assertEquals("[2,8,8]", json.get("conv").get("image_shape").toString());
        Vae loaded = VaeFiles.load(dir.resolve("m")).vae();
        assertEquals(config, loaded.config());
        Tensor x = data.slice(0, 5);
        assertArrayEquals(vae.encode(x).mu().data(), loaded.encode(x).mu().data());
        assertArrayEquals(vae.reconstruct(x).data(), loaded.reconstruct(x).data());
        assertArrayEquals(vae.sample(4, false, new RandomSource(3)).data(), loaded.sample(4, false, new RandomSource(3)).data());
    }

    @Test
    void aConfigWithABrokenConvFieldFailsNamingTheField(@TempDir Path dir) throws Exception {
        Vae vae = Vae.create(small(1, 8));
        VaeFiles.save(vae, dir.resolve("m"), null);
        Path config = dir.resolve("m").resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"kernel\" : 4", "\"kernel\" : \"four\""));
        FileFormatException e = assertThrows(FileFormatException.class, () -> VaeFiles.load(dir.resolve("m")));
        assertTrue(e.getMessage().contains("field 'kernel' should be an integer"), e.getMessage());
    }

    @Test
    void mlpConfigsHaveNoConvField() {
        VaeConfig mlp = VaeConfig.builder(16).build();
        assertNull(mlp.conv());
        assertEquals("mlp", mlp.architecture());
        assertTrue(!mlp.toJson().has("conv"));
        assertArrayEquals(new int[] {400}, mlp.encoderHidden());
    }

    @Test
    void resumedConvTrainingMatchesUninterruptedTraining(@TempDir Path dir) throws Exception {
        DataMatrix train = bars(96, 1, 8, 1);
        DataMatrix test = bars(32, 1, 8, 2);
        VaeConfig config = small(1, 8).toBuilder().samples(2).build();
        TrainingConfig three = TrainingConfig.builder().epochs(3).batchSize(32).learningRate(5e-3).build();
        Vae straight = Vae.create(config);
        TrainingHistory full = straight.fit(train, test, three);

        Path cp = dir.resolve("checkpoint");
        Vae first = Vae.create(config);
        first.fit(new Trainer(three.toBuilder().epochs(1).checkpointDir(cp).build()), train, test);
        Vae resumed = Vae.create(config.toBuilder().seed(99).build());
        TrainingHistory rest = resumed.resume(new Trainer(three), train, test, cp);
        for (int e = 0; e < 3; e++) {
            assertEquals(full.epochs().get(e).trainLoss(), rest.epochs().get(e).trainLoss(), 0.0, "epoch " + (e + 1));
            assertEquals(full.epochs().get(e).test(), rest.epochs().get(e).test(), "epoch " + (e + 1));
        }
        straight.stateDict().forEach((name, t) ->
                assertArrayEquals(t.toArray(), resumed.stateDict().get(name).toArray(), name));
    }

    @Test
    void convAutoencoderLearnsAndRoundTrips(@TempDir Path dir) throws Exception {
        ConvArchitecture arch = new ConvArchitecture(new ImageShape(1, 8, 8), new int[] {4, 8}, 4, 2, 1,
                Normalization.GROUP, 4);
        AutoencoderConfig config = AutoencoderConfig.builder(64).latentDim(4).conv(arch).seed(2).build();
        Autoencoder ae = Autoencoder.create(config);
        assertTrue(ae.namedParameters().containsKey("encoder.2.weight"), ae.namedParameters().keySet().toString());
        DataMatrix train = bars(256, 1, 8, 1);
        TrainingHistory h = ae.fit(train, bars(64, 1, 8, 2),
                TrainingConfig.builder().epochs(4).batchSize(32).learningRate(1e-2).build());
        assertTrue(h.last().testLoss() < h.epochs().get(0).testLoss(), h.epochs().toString());
        ae.save(dir.resolve("ae"), null);
        Autoencoder loaded = Autoencoder.load(dir.resolve("ae"));
        assertEquals(config, loaded.config());
        Tensor x = train.slice(0, 3);
        assertArrayEquals(ae.encode(x).data(), loaded.encode(x).data());
        assertArrayEquals(ae.reconstruct(x).data(), loaded.reconstruct(x).data());
    }

    @Test
    void batchNormalizedConvVaeKeepsItsRunningStatisticsAndEncodesInEvaluationMode(@TempDir Path dir) throws Exception {
        ConvArchitecture arch = new ConvArchitecture(new ImageShape(1, 8, 8), new int[] {4, 8}, 4, 2, 1,
                Normalization.BATCH, 8);
        VaeConfig config = VaeConfig.builder(64).latentDim(3).conv(arch).seed(7).build();
        DataMatrix train = bars(128, 1, 8, 1);
        DataMatrix test = bars(32, 1, 8, 2);
        TrainingConfig two = TrainingConfig.builder().epochs(2).batchSize(32).learningRate(5e-3).build();
        Vae vae = Vae.create(config);
        assertTrue(vae.stateDict().containsKey("encoder.body.2.running_mean"), vae.stateDict().keySet().toString());
        assertTrue(vae.stateDict().containsKey("decoder.4.running_var"), vae.stateDict().keySet().toString());
        TrainingHistory full = vae.fit(train, test, two);
        // evaluation mode: an image's code does not depend on the other images of the batch
        Tensor x = train.slice(0, 8);
        float[] together = vae.encode(x).mu().data();
        float[] alone = vae.encode(train.slice(3, 4)).mu().data();
        for (int j = 0; j < 3; j++) {
            assertEquals(together[3 * 3 + j], alone[j], 1e-5, "latent " + j);
        }
        VaeFiles.save(vae, dir.resolve("m"), null);
        Vae loaded = VaeFiles.load(dir.resolve("m")).vae();
        assertArrayEquals(vae.stateDict().get("encoder.body.2.running_var").toArray(),
                loaded.stateDict().get("encoder.body.2.running_var").toArray());
        assertArrayEquals(vae.reconstruct(x).data(), loaded.reconstruct(x).data());

        Path cp = dir.resolve("checkpoint");
        Vae.create(config).fit(new Trainer(two.toBuilder().epochs(1).checkpointDir(cp).build()), train, test);
        Vae resumed = Vae.create(config);
        TrainingHistory rest = resumed.resume(new Trainer(two), train, test, cp);
        assertEquals(full.last().test(), rest.last().test());
        vae.stateDict().forEach((name, t) -> assertArrayEquals(t.toArray(), resumed.stateDict().get(name).toArray(), name));
    }
}
