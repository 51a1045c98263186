package org.latent4j.models.wgan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.Json;
import org.latent4j.io.ModelFiles;
import org.latent4j.models.networks.ImageShape;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.Trainer;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Convolution;
import org.latent4j.tensor.GradientCheck;
import org.latent4j.tensor.Tensor;

/** The DCGAN-style convolutional WGAN: its networks, spectral normalization of convolutions, files and training. */
class ConvWganTest {
    static final ImageShape BAR_IMAGE = new ImageShape(1, 8, 8);

    static WganConfig conv(Lipschitz l, ImageShape image, int channels, int latent) {
        return WganConfig.defaults(image.size(), l).withLatentDim(latent).withGpWeight(10).withConv(image, channels);
    }

    @Test
    void theNetworksHaveTheDcganLayoutAndPyTorchsNames() {
        Wgan m = Wgan.create(conv(Lipschitz.GP, new ImageShape(1, 28, 28), 4, 8), 1);
        Map<String, Tensor> p = m.namedParameters();
        assertArrayEquals(new int[] {4, 1, 4, 4}, p.get("critic.1.weight").shape());
        assertArrayEquals(new int[] {8, 4, 4, 4}, p.get("critic.3.weight").shape());
        assertArrayEquals(new int[] {1, 8 * 7 * 7}, p.get("critic.6.weight").shape());
        assertArrayEquals(new int[] {8 * 7 * 7, 8}, p.get("generator.0.weight").shape());
        assertArrayEquals(new int[] {8, 4, 4, 4}, p.get("generator.3.weight").shape()); // ConvTranspose2d: [in, out, kh, kw]
        assertArrayEquals(new int[] {4, 1, 4, 4}, p.get("generator.5.weight").shape());
        Tensor x = m.sample(3, new RandomSource(2));
        assertArrayEquals(new int[] {3, 784}, x.shape());
        for (float f : x.data()) {
            assertTrue(f > 0 && f < 1, "a sigmoid output outside (0, 1): " + f);
        }
        assertArrayEquals(new int[] {3, 1}, m.criticScore(x).shape());
        // odd sizes come back exactly: 13 → 6 → 3 → 6 → 13 (output padding 1 on the last layer)
        Wgan odd = Wgan.create(conv(Lipschitz.GP, new ImageShape(2, 13, 10), 3, 4), 1);
        assertArrayEquals(new int[] {5, 2 * 13 * 10}, odd.sample(5, new RandomSource(1)).shape());
    }

    @Test
    void underSpectralNormalizationEveryWeightedCriticLayerCarriesUAndV() {
        Wgan m = Wgan.create(conv(Lipschitz.SN, new ImageShape(1, 8, 8), 3, 4), 1);
        Map<String, Tensor> b = m.namedBuffers();
        assertArrayEquals(new int[] {3}, b.get("critic.1.weight_u").shape());
        assertArrayEquals(new int[] {16}, b.get("critic.1.weight_v").shape());
        assertArrayEquals(new int[] {6}, b.get("critic.3.weight_u").shape());
        assertArrayEquals(new int[] {3 * 16}, b.get("critic.3.weight_v").shape());
        assertArrayEquals(new int[] {1}, b.get("critic.6.weight_u").shape());
        assertTrue(m.namedParameters().containsKey("critic.3.weight_orig"));
        assertEquals(3, m.spectralLayers().size());
    }

    /**
     * The smallest |pre-activation| of the critic's two leaky ReLUs on the interpolates: the penalty is
     * only piecewise smooth in the weights (∇D switches slope where a pre-activation crosses 0), so finite
     * differences are valid only where every pre-activation stays farther from 0 than a step moves it.
     */
    static double kinkMargin(Wgan m, Tensor mixed) {
        List<org.latent4j.nn.Layer> layers = m.critic().layers();
        Tensor pre1 = layers.get(1).forward(layers.get(0).forward(mixed));
        Tensor pre2 = layers.get(3).forward(layers.get(2).forward(pre1));
        double min = Double.POSITIVE_INFINITY;
        for (Tensor t : new Tensor[] {pre1, pre2}) {
            for (float f : t.data()) {
                min = Math.min(min, Math.abs(f));
            }
        }
        return min;
    }

    @Test
    void theGradientPenaltyOfATinyConvCriticMatchesFiniteDifferencesAtFirstAndSecondOrder() {
        // 4×4 images (the smallest the two stride-2 convolutions take), one channel: 12 pre-activations for 2 images;
        // the first seed whose pre-activations all lie 0.05 or more from the kink (a step of 1e-3 in any weight moves
        // them by less than 0.02 here)
        ImageShape image = new ImageShape(1, 4, 4);
        for (long seed = 1; seed <= 50; seed++) {
            Wgan m = Wgan.create(conv(Lipschitz.GP, image, 1, 2), seed);
            RandomSource r = new RandomSource(seed);
            Tensor real = Tensor.rand(r, 0f, 1f, 2, 16), fake = Tensor.rand(r, 0f, 1f, 2, 16), eps = Tensor.rand(r, 0f, 1f, 2, 1);
            if (kinkMargin(m, GradientPenalty.interpolate(real, fake, eps)) < 0.05) {
                continue;
            }
            Tensor[] weights = m.critic().namedParameters().values().toArray(Tensor[]::new);
            assertEquals(6, weights.length);
            // the check moves the weights' values in place; the penalty reads them through the critic
            GradientCheck.Options opt = GradientCheck.Options.DEFAULT.withStep(1e-3);
            var first = GradientCheck.check(in -> GradientPenalty.of(m::criticScore, real, fake, eps, 10).penalty(), opt, weights);
            assertTrue(first.passed(), first.worst());
            var second = GradientCheck.checkSecondOrder(in -> GradientPenalty.of(m::criticScore, real, fake, eps, 10).penalty(),
                    opt, weights);
            assertTrue(second.passed(), second.worst());
            return;
        }
        throw new AssertionError("no seed in 1..50 gave pre-activations away from the leaky ReLUs' kink");
    }

    @Test
    void spectralNormOfAConvolutionIsTheLargestSingularValueOfItsKernelAsAMatrix() {
        SpectralConv2d layer = new SpectralConv2d(3, 5, 3, 1, 1, new RandomSource(8));
        float[] w = layer.weight().toArray();
        double exact = SpectralNormTest.exactSigma(w, 5, 27);
        for (int i = 0; i < 300; i++) {
            layer.powerIteration();
        }
        assertEquals(exact, layer.sigma(), 1e-5 * exact);
        // the forward pass is the plain convolution with W / σ, and moves neither u nor v
        float[] u = layer.namedBuffers().get("weight_u").toArray();
        Tensor x = Tensor.randn(new RandomSource(9), 2, 3, 6, 6);
        float[] scaled = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            scaled[i] = (float) (w[i] / layer.sigma());
        }
        Tensor expected = Convolution.conv2d(x, Tensor.of(scaled, 5, 3, 3, 3), layer.bias(), new int[] {1, 1}, new int[] {1, 1},
                new int[] {1, 1});
        assertArrayEquals(expected.toArray(), layer.forward(x).toArray(), 1e-4f);
        assertArrayEquals(u, layer.namedBuffers().get("weight_u").toArray());
        GradientCheck.assertGradients(in -> layer.forward(in[0]), x);
    }

    @Test
    void aSavedConvModelLoadsWithTheSameWeightsVectorsAndSamples(@TempDir Path dir) throws Exception {
        Wgan m = Wgan.create(conv(Lipschitz.SN, BAR_IMAGE, 2, 3), 6);
        for (SpectralLayer l : m.spectralLayers()) {
            l.powerIteration();
        }
        WganFiles.save(m, dir.resolve("m"), null);
        WganFiles.Loaded loaded = WganFiles.load(dir.resolve("m"));
        assertEquals(m.config(), loaded.model().config());
        WganTrainingTest.assertSameState(m, loaded.model());
        assertArrayEquals(m.sample(4, new RandomSource(1)).toArray(), loaded.model().sample(4, new RandomSource(1)).toArray());
        Tensor x = Tensor.rand(new RandomSource(2), 0f, 1f, 4, 64);
        assertArrayEquals(m.criticScore(x).toArray(), loaded.model().criticScore(x).toArray());
    }

    @Test
    void aConfigWithoutAnArchitectureIsAnMlpAndABadOneIsNamed(@TempDir Path dir) throws Exception {
        ObjectNode old = WganConfig.defaults(2, Lipschitz.GP).withWidth(8).toJson();
        old.remove("architecture");
        assertEquals(WganConfig.defaults(2, Lipschitz.GP).withWidth(8), WganConfig.fromJson(old, "config.json"));
        ObjectNode bad = conv(Lipschitz.GP, BAR_IMAGE, 2, 3).toJson().put("architecture", "resnet");
        var e = assertThrows(IllegalArgumentException.class, () -> WganConfig.fromJson(bad, "x/config.json"));
        assertTrue(e.getMessage().contains("x/config.json") && e.getMessage().contains("mlp or conv"), e.getMessage());
        ObjectNode mismatch = conv(Lipschitz.GP, BAR_IMAGE, 2, 3).toJson().put("image_height", 9);
        e = assertThrows(IllegalArgumentException.class, () -> WganConfig.fromJson(mismatch, "x/config.json"));
        assertTrue(e.getMessage().contains("64 columns"), e.getMessage());
        // a saved model whose config asks for absurd channels is refused before anything is built
        Wgan m = Wgan.create(conv(Lipschitz.GP, BAR_IMAGE, 2, 3), 6);
        Path d = dir.resolve("m");
        WganFiles.save(m, d, null);
        ObjectNode huge = (ObjectNode) Json.read(d.resolve(ModelFiles.CONFIG));
        huge.put("channels", 1 << 20);
        Files.writeString(d.resolve(ModelFiles.CONFIG), Json.writePretty(huge));
        var f = assertThrows(FileFormatException.class, () -> WganFiles.load(d));
        assertTrue(f.getMessage().contains("channels 1048576"), f.getMessage());
        var small = assertThrows(IllegalArgumentException.class, () -> Wgan.create(conv(Lipschitz.GP, new ImageShape(1, 3, 8), 2, 3), 1));
        assertTrue(small.getMessage().contains("height 3"), small.getMessage());
    }

    /** n 8×8 images, each black but for one white row (a horizontal bar) at a uniformly random position. */
    static DataMatrix bars(String name, int n, RandomSource rng) {
        float[] x = new float[n * 64];
        for (int i = 0; i < n; i++) {
            int row = rng.nextInt(8);
            for (int c = 0; c < 8; c++) {
                x[i * 64 + row * 8 + c] = 1f;
            }
        }
        return new DataMatrix(name, x, n, 64);
    }

    /**
     * How bar-like samples are: {share of samples within root-mean-square distance 0.2 of one of the eight
     * bar images, number of distinct bar positions among those}.
     */
    static double[] barMeasure(Tensor samples) {
        int n = samples.dim(0);
        float[] s = samples.data();
        int close = 0;
        boolean[] seen = new boolean[8];
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            int bestRow = -1;
            for (int row = 0; row < 8; row++) {
                double d = 0;
                for (int p = 0; p < 64; p++) {
                    double t = p / 8 == row ? 1 : 0;
                    double e = s[i * 64 + p] - t;
                    d += e * e;
                }
                if (d < best) {
                    best = d;
                    bestRow = row;
                }
            }
            if (Math.sqrt(best / 64) < 0.2) {
                close++;
                seen[bestRow] = true;
            }
        }
        int rows = 0;
        for (boolean b : seen) {
            rows += b ? 1 : 0;
        }
        return new double[] {(double) close / n, rows};
    }

    record Run(Wgan model, TrainingHistory history) {}

    /** A conv WGAN of base width 8 and latent dimension 8 trained on bars, batch 16, 5 critic steps per generator step. */
    static Run trainBars(Lipschitz l, int epochs, int stepsPerEpoch, double lr, Path checkpoint, Path resumeFrom) throws Exception {
        WganConfig config = conv(l, BAR_IMAGE, 8, 8);
        int batch = 16;
        RandomSource data = new RandomSource(3);
        DataMatrix train = bars("bars/train", stepsPerEpoch * config.criticSteps() * batch, data);
        DataMatrix test = bars("bars/test", 200, data);
        Wgan model = Wgan.create(config, 5);
        WganObjective objective = new WganObjective(model, lr, null);
        TrainingConfig tc = TrainingConfig.builder().epochs(epochs).batchSize(batch).optimizer(WganObjective.optimizerName(l))
                .learningRate(lr).seed(9).checkpointDir(checkpoint).build();
        Trainer trainer = new Trainer(tc);
        TrainingHistory h = resumeFrom == null ? trainer.fit(objective, train, test) : trainer.resume(objective, train, test, resumeFrom);
        return new Run(model, h);
    }

    @Test
    void resumingATinyConvWganIsBitIdentical(@TempDir Path dir) throws Exception {
        for (Lipschitz l : List.of(Lipschitz.GP, Lipschitz.SN)) {
            Run whole = trainBars(l, 2, 2, 1e-3, null, null);
            Path cp = dir.resolve("cp-" + l.cliName());
            trainBars(l, 1, 2, 1e-3, cp, null);
            Run resumed = trainBars(l, 2, 2, 1e-3, cp, cp);
            WganTrainingTest.assertSameState(whole.model(), resumed.model());
            assertEquals(whole.history().epochs().getLast().test(), resumed.history().epochs().getLast().test());
        }
    }

    @Test
    void aConvWganLearnsImagesOfBarsAtRandomPositions() throws Exception {
        Wgan untrained = Wgan.create(conv(Lipschitz.GP, BAR_IMAGE, 8, 8), 5);
        double[] before = barMeasure(untrained.sample(500, new RandomSource(1)));
        Run r = trainBars(Lipschitz.GP, 3, 100, 5e-3, null, null);
        double[] after = barMeasure(r.model().sample(500, new RandomSource(1)));
        // untrained: grey images (sigmoid ≈ 0.5), none near a bar; after these 300 generator steps (measured:
        // 66 % of the samples are bars, at all 8 positions; 200 steps gave 45 % at 6 positions)
        assertEquals(0, before[0]);
        assertTrue(after[0] >= 0.5 && after[1] >= 7, "share of bars " + after[0] + ", positions " + after[1]);
    }
}
