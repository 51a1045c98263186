package org.latent4j.models.networks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.Trainer;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.vae.LikelihoodKind;
import org.latent4j.models.vae.VaeStepScores;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeConfig;
import org.latent4j.models.vae.VaeEvaluation;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.models.vae.VaeScores;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

class SequenceVaeTest {
    /**
     * n windows of T steps × F features, time-major: feature f is 0.5 + 0.4·sin(2π·ν·t + φ) with a frequency ν in
     * [0.05, 0.2] and a phase φ in [0, 2π) drawn per window and feature, plus a little noise; values in [0, 1].
     * Two numbers per feature describe a window, so a small latent space explains it.
     */
    static DataMatrix sines(int n, int steps, int features, long seed) {
        return sines(n, steps, features, 0.05, 0.2, seed);
    }

    /** As {@link #sines(int, int, int, long)} with frequencies in [lo, hi]. */
    static DataMatrix sines(int n, int steps, int features, double lo, double hi, long seed) {
        RandomSource rng = new RandomSource(seed);
        float[] x = new float[n * steps * features];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < features; f++) {
                double nu = lo + (hi - lo) * rng.nextDouble();
                double phi = 2 * Math.PI * rng.nextDouble();
                for (int t = 0; t < steps; t++) {
                    double v = 0.5 + 0.4 * Math.sin(2 * Math.PI * nu * t + phi) + 0.02 * rng.nextGaussian();
                    x[(i * steps + t) * features + f] = (float) Math.min(1, Math.max(0, v));
                }
            }
        }
        return new DataMatrix("sines", x, n, steps * features);
    }

    /** The sines mapped back to about zero mean and unit amplitude, (x − 0.5) / 0.4, as a standard scaler would. */
    static DataMatrix standardized(DataMatrix d) {
        float[] x = d.x().clone();
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - 0.5f) / 0.4f;
        }
        return new DataMatrix(d.name(), x, d.rows(), d.cols());
    }

    static RecurrentArchitecture small(RecurrentCell cell, boolean autoregressive) {
        return new RecurrentArchitecture(cell, 12, 2, 16, 1, false, autoregressive, autoregressive ? 0.25 : 0);
    }

    static VaeConfig config(RecurrentArchitecture arch, LikelihoodKind likelihood) {
        return VaeConfig.builder(arch.size()).latentDim(4).recurrent(arch).likelihood(likelihood).seed(3).build();
    }

    @Test
    void referenceArchitectureHasThePyTorchSequenceVaesParameters() {
        VaeConfig c = VaeConfig.builder(784).recurrent(RecurrentArchitecture.reference(RecurrentCell.LSTM, 28, 28)).build();
        Vae vae = Vae.create(c);
        Map<String, int[]> expected = new LinkedHashMap<>();
        expected.put("encoder.body.rnn.weight_ih_l0", new int[] {1024, 28});   // enc
        expected.put("encoder.body.rnn.weight_hh_l0", new int[] {1024, 256});
        expected.put("encoder.body.rnn.bias_ih_l0", new int[] {1024});
        expected.put("encoder.body.rnn.bias_hh_l0", new int[] {1024});
        expected.put("encoder.mu.weight", new int[] {20, 256});               // mu
        expected.put("encoder.mu.bias", new int[] {20});
        expected.put("encoder.log_var.weight", new int[] {20, 256});          // lv
        expected.put("encoder.log_var.bias", new int[] {20});
        expected.put("decoder.init.weight", new int[] {256, 20});             // init
        expected.put("decoder.init.bias", new int[] {256});
        expected.put("decoder.rnn.weight_ih_l0", new int[] {1024, 20});       // dec
        expected.put("decoder.rnn.weight_hh_l0", new int[] {1024, 256});
        expected.put("decoder.rnn.bias_ih_l0", new int[] {1024});
        expected.put("decoder.rnn.bias_hh_l0", new int[] {1024});
        expected.put("decoder.out.weight", new int[] {28, 256});              // out
        expected.put("decoder.out.bias", new int[] {28});
        Map<String, Tensor> actual = vae.namedParameters();
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        expected.forEach((name, shape) -> assertArrayEquals(shape, actual.get(name).shape(), name));
        // sum(p.numel() for p in SeqVAE('lstm', 256, 20).parameters()) in bench/torch_seq_vae.py
        assertEquals(600_388, vae.parameterCount());
        assertEquals("lstm", c.architecture());
        Vae gru = Vae.create(VaeConfig.builder(784).recurrent(RecurrentArchitecture.reference(RecurrentCell.GRU, 28, 28)).build());
        assertEquals(600_388 - 256 * (28 + 256 + 2) - 256 * (20 + 256 + 2), gru.parameterCount()); // 3 gates, not 4
        assertArrayEquals(new int[] {3, 784}, vae.decode(Tensor.zeros(3, 20)).shape());
        assertArrayEquals(new int[] {5, 784}, vae.sample(5, true, new RandomSource(1)).shape());
    }

    @Test
    void learnsSinesAndItsImportanceWeightedBoundIsTighterThanTheElbo() {
        for (RecurrentCell cell : RecurrentCell.values()) {
            // one frequency, a random phase per window and feature: the code has a circle per feature to learn
            RecurrentArchitecture arch = new RecurrentArchitecture(cell, 12, 2, 32, 1, false, false, 0);
            Vae vae = Vae.create(config(arch, LikelihoodKind.GAUSSIAN_LEARNED));
            DataMatrix train = standardized(sines(512, 12, 2, 0.1, 0.1, 1));
            DataMatrix test = standardized(sines(64, 12, 2, 0.1, 0.1, 2));
            TrainingHistory h = vae.fit(train, test, TrainingConfig.builder().epochs(15).batchSize(32).learningRate(1e-2).build());
            double first = h.epochs().get(0).testLoss();
            double last = h.last().testLoss();
            assertTrue(last < first - 4, cell + ": " + h.epochs());
            // the code carries the phases: the KL is well above nothing
            assertTrue(h.last().test().get("kl") > 1, cell + ": " + h.last());
            VaeEvaluation e = vae.evaluate(test, 50, new RandomSource(4));
            assertTrue(e.logLikelihood() >= e.elbo(), cell + ": IWAE " + e.logLikelihood() + " < ELBO " + e.elbo());
            assertTrue(e.activeUnits() >= 1, cell + ": " + e.activeUnits() + " active units");
            // the learned variance is one per feature, shared over the 12 steps
            assertArrayEquals(new int[] {2}, vae.likelihood().namedParameters().get("log_var").shape());
        }
    }

    @Test
    void autoregressiveDecoderIsCausalAndGeneratingWithTheDataEqualsTeacherForcing() {
        RecurrentArchitecture arch = new RecurrentArchitecture(RecurrentCell.LSTM, 6, 3, 8, 2, true, true, 0.5);
        Vae vae = Vae.create(config(arch, LikelihoodKind.BERNOULLI));
        RecurrentDecoder decoder = (RecurrentDecoder) vae.decoder();
        vae.train(false);
        Tensor z = Tensor.randn(new RandomSource(2), 4, 4);
        DataMatrix data = sines(4, 6, 3, 5);
        Tensor x = data.slice(0, 4);
        float[] forced = decoder.forward(z, x, null).data();
        // changing step 3 of the data changes no output before step 4 (the decoder sees x_3 only at step 4)
        float[] changed = x.toArray();
        for (int i = 0; i < 4; i++) {
            for (int f = 0; f < 3; f++) {
                changed[(i * 6 + 3) * 3 + f] = 1 - changed[(i * 6 + 3) * 3 + f];
            }
        }
        float[] after = decoder.forward(z, Tensor.of(changed, 4, 18), null).data();
        for (int i = 0; i < 4; i++) {
            for (int t = 0; t < 6; t++) {
                for (int f = 0; f < 3; f++) {
                    int at = (i * 6 + t) * 3 + f;
                    if (t <= 3) {
                        assertEquals(forced[at], after[at], 0f, "row " + i + " step " + t);
                    } else {
                        assertNotEquals(forced[at], after[at], "row " + i + " step " + t);
                    }
                }
            }
        }
        // step-by-step generation fed the data's own steps gives the teacher-forced outputs: the likelihood the
        // training objective and the importance-weighted bound use is the one ancestral sampling draws from
        int[] step = {0};
        float[] xs = x.toArray();
        float[] generated = decoder.generate(z, o -> {
            float[] obs = new float[4 * 3];
            for (int i = 0; i < 4; i++) {
                System.arraycopy(xs, (i * 6 + step[0]) * 3, obs, i * 3, 3);
            }
            step[0]++;
            return Tensor.of(obs, 4, 3);
        }).data();
        assertArrayEquals(forced, generated, 1e-5f);
        // the non-autoregressive forward cannot be used without the observations
        assertThrows(IllegalStateException.class, () -> decoder.forward(z));
    }

    @Test
    void inputDropoutActsOnlyInTrainingAndResumedTrainingMatchesUninterruptedTraining(@TempDir Path dir) throws Exception {
        VaeConfig config = config(small(RecurrentCell.GRU, true), LikelihoodKind.BERNOULLI).toBuilder().samples(2).build();
        DataMatrix train = sines(96, 12, 2, 1);
        DataMatrix test = sines(32, 12, 2, 2);
        Vae vae = Vae.create(config);
        RecurrentDecoder decoder = (RecurrentDecoder) vae.decoder();
        Tensor z = Tensor.randn(new RandomSource(1), 8, 4);
        Tensor x = train.slice(0, 8);
        vae.train(true);
        float[] dropped = decoder.forward(z, x, new RandomSource(5)).data();
        float[] again = decoder.forward(z, x, new RandomSource(5)).data();
        assertArrayEquals(dropped, again, 0f);
        vae.train(false);
        float[] kept = decoder.forward(z, x, new RandomSource(5)).data();
        assertArrayEquals(kept, decoder.forward(z, x, null).data(), 0f);
        assertTrue(!java.util.Arrays.equals(dropped, kept), "input dropout changed nothing in training mode");

        TrainingConfig three = TrainingConfig.builder().epochs(3).batchSize(32).learningRate(5e-3).build();
        Vae straight = Vae.create(config);
        TrainingHistory full = straight.fit(train, test, three);
        Path cp = dir.resolve("checkpoint");
        Vae.create(config).fit(new Trainer(three.toBuilder().epochs(1).checkpointDir(cp).build()), train, test);
        Vae resumed = Vae.create(config.toBuilder().seed(99).build());
        TrainingHistory rest = resumed.resume(new Trainer(three), train, test, cp);
        for (int e = 0; e < 3; e++) {
            assertEquals(full.epochs().get(e).trainLoss(), rest.epochs().get(e).trainLoss(), 0.0, "epoch " + (e + 1));
            assertEquals(full.epochs().get(e).test(), rest.epochs().get(e).test(), "epoch " + (e + 1));
        }
        straight.stateDict().forEach((name, t) -> assertArrayEquals(t.toArray(), resumed.stateDict().get(name).toArray(), name));
        assertTrue(full.last().trainLoss() < full.epochs().get(0).trainLoss(), full.epochs().toString());
        // ancestral sampling: values drawn step by step from Bernoulli distributions
        Tensor s = straight.sample(6, true, new RandomSource(3));
        assertArrayEquals(new int[] {6, 24}, s.shape());
        for (float v : s.data()) {
            assertTrue(v == 0f || v == 1f, "draw " + v);
        }
        assertArrayEquals(straight.sample(6, true, new RandomSource(3)).data(), s.data(), 0f);
    }

    @Test
    void stepScoresShareOutEachWindowsNegativeLogLikelihoodAndFindAnOutlyingStep() {
        Vae vae = Vae.create(config(small(RecurrentCell.LSTM, false), LikelihoodKind.GAUSSIAN_LEARNED));
        DataMatrix train = sines(256, 12, 2, 1);
        vae.fit(train, null, TrainingConfig.builder().epochs(6).batchSize(32).learningRate(1e-2).build());
        DataMatrix test = sines(32, 12, 2, 7);
        float[] x = test.x().clone();
        int spikeStep = 7;
        for (int i = 0; i < 32; i++) {
            x[(i * 12 + spikeStep) * 2] += 3f; // a spike far outside the data's range
        }
        DataMatrix spiked = new DataMatrix("spiked", x, 32, 24);
        VaeScores windows = vae.score(spiked, 20, new RandomSource(1));
        VaeStepScores steps = vae.stepScores(spiked, windows, 20, new RandomSource(2));
        assertEquals(12, steps.steps());
        assertEquals(32, steps.windows());
        int argmaxRight = 0;
        for (int i = 0; i < 32; i++) {
            double sum = 0;
            int argmax = 0;
            for (int t = 0; t < 12; t++) {
                sum += steps.get(i, t);
                if (steps.get(i, t) > steps.get(i, argmax)) {
                    argmax = t;
                }
            }
            assertEquals(windows.negativeLogLikelihood()[i], sum, 1e-6 * Math.abs(sum) + 1e-9, "window " + i);
            argmaxRight += argmax == spikeStep ? 1 : 0;
        }
        assertEquals(32, argmaxRight, "windows whose highest step score is the spike");
    }

    @Test
    void oneStepRowsGiveTheWindowsScoreAndPerDimensionVariances() {
        RecurrentArchitecture arch = new RecurrentArchitecture(RecurrentCell.GRU, 1, 5, 8, 1, false, false, 0);
        Vae vae = Vae.create(config(arch, LikelihoodKind.GAUSSIAN_LEARNED));
        // one step: a variance per feature is a variance per dimension, as the MLP VAE's likelihood has
        assertArrayEquals(new int[] {5}, vae.likelihood().namedParameters().get("log_var").shape());
        DataMatrix data = sines(16, 1, 5, 3);
        VaeScores windows = vae.score(data, 10, new RandomSource(1));
        VaeStepScores steps = vae.stepScores(data, windows, 10, new RandomSource(2));
        for (int i = 0; i < 16; i++) {
            assertEquals(windows.negativeLogLikelihood()[i], steps.get(i, 0), 1e-9);
        }
        // an MLP VAE has one step per row too
        Vae mlp = Vae.create(VaeConfig.builder(5).hidden(8).latentDim(2).likelihood(LikelihoodKind.GAUSSIAN_LEARNED).build());
        VaeScores m = mlp.score(data, 10, new RandomSource(1));
        assertEquals(1, mlp.stepScores(data, m, 10, new RandomSource(2)).steps());
    }

    @Test
    void saveAndLoadGiveTheSameOutputs(@TempDir Path dir) throws Exception {
        RecurrentArchitecture arch = new RecurrentArchitecture(RecurrentCell.LSTM, 12, 2, 8, 2, true, true, 0.1);
        VaeConfig config = config(arch, LikelihoodKind.GAUSSIAN_LEARNED);
        Vae vae = Vae.create(config);
        DataMatrix data = sines(64, 12, 2, 1);
        vae.fit(data, null, TrainingConfig.builder().epochs(1).batchSize(16).learningRate(1e-2).build());
        VaeFiles.save(vae, dir.resolve("m"), null);
        var json = Json.read(dir.resolve("m").resolve("config.json"));
        assertEquals("lstm", json.get("architecture").asText());
        assertEquals(12, json.get("recurrent").get("steps").asInt());
        assertTrue(json.get("recurrent").get("bidirectional").asBoolean());
        Vae loaded = VaeFiles.load(dir.resolve("m")).vae();
        assertEquals(config, loaded.config());
        Tensor x = data.slice(0, 5);
        assertArrayEquals(vae.encode(x).mu().data(), loaded.encode(x).mu().data());
        assertArrayEquals(vae.reconstruct(x).data(), loaded.reconstruct(x).data());
        assertArrayEquals(vae.sample(4, true, new RandomSource(3)).data(), loaded.sample(4, true, new RandomSource(3)).data());
        assertEquals(vae.score(data, 5, new RandomSource(1)).negativeLogLikelihood()[3],
                loaded.score(data, 5, new RandomSource(1)).negativeLogLikelihood()[3], 0.0);
    }

    @Test
    void badConfigsFailNamingTheFieldAndWhatWouldBeAccepted(@TempDir Path dir) throws Exception {
        IllegalArgumentException dropout = assertThrows(IllegalArgumentException.class,
                () -> new RecurrentArchitecture(RecurrentCell.LSTM, 4, 2, 8, 1, false, false, 0.3));
        assertTrue(dropout.getMessage().contains("needs an autoregressive decoder"), dropout.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> new RecurrentArchitecture(RecurrentCell.LSTM, 4, 2, 8, 1, false, true, 1.0));
        assertTrue(p.getMessage().contains("input dropout must be in [0, 1), got 1.0"), p.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> VaeConfig.builder(30).recurrent(small(RecurrentCell.GRU, false)).build());
        assertTrue(width.getMessage().contains("12 steps of 2 features hold 24 values, but inputDim is 30"), width.getMessage());
        IllegalArgumentException hidden = assertThrows(IllegalArgumentException.class,
                () -> VaeConfig.builder(24).recurrent(small(RecurrentCell.GRU, false)).hidden(10).build());
        assertTrue(hidden.getMessage().contains("no hidden dense layers"), hidden.getMessage());
        IllegalArgumentException cell = assertThrows(IllegalArgumentException.class, () -> RecurrentCell.parse("rnn"));
        assertTrue(cell.getMessage().contains("expected one of [lstm, gru]"), cell.getMessage());

        Vae vae = Vae.create(config(small(RecurrentCell.GRU, false), LikelihoodKind.BERNOULLI));
        VaeFiles.save(vae, dir.resolve("m"), null);
        Path config = dir.resolve("m").resolve("config.json");
        String good = Files.readString(config);
        Files.writeString(config, good.replace("\"bidirectional\" : false", "\"bidirectional\" : \"no\""));
        FileFormatException e = assertThrows(FileFormatException.class, () -> VaeFiles.load(dir.resolve("m")));
        assertTrue(e.getMessage().contains("field 'bidirectional' should be true or false, got \"no\""), e.getMessage());
        Files.writeString(config, good.replace("\"cell\" : \"gru\"", "\"cell\" : \"lstm\""));
        e = assertThrows(FileFormatException.class, () -> VaeFiles.load(dir.resolve("m")));
        assertTrue(e.getMessage().contains("architecture 'gru' but field 'recurrent' has cell 'lstm'"), e.getMessage());
        Files.writeString(config, good.replace("\"hidden\" : 16", "\"hidden\" : 1000000"));
        e = assertThrows(FileFormatException.class, () -> VaeFiles.load(dir.resolve("m")));
        assertTrue(e.getMessage().contains("do not belong together"), e.getMessage());
        // data of the wrong width
        IllegalArgumentException data = assertThrows(IllegalArgumentException.class,
                () -> vae.score(sines(4, 10, 2, 1), 2, new RandomSource(1)));
        assertTrue(data.getMessage().contains("24"), data.getMessage());
    }
}
