package org.latent4j.models.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.Trainer;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

class VaeTest {

    /** Blurry binary-ish "images": two prototypes plus noise, values in [0, 1]. */
    static DataMatrix images(int n, int d, long seed) {
        RandomSource rng = new RandomSource(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            boolean first = rng.nextDouble() < 0.5;
            for (int j = 0; j < d; j++) {
                float proto = (first ? j < d / 2 : j % 2 == 0) ? 0.9f : 0.1f;
                x[i * d + j] = Math.min(1f, Math.max(0f, proto + 0.1f * (float) rng.nextGaussian()));
            }
        }
        return new DataMatrix("images", x, n, d);
    }

    static VaeConfig small(LikelihoodKind kind) {
        return VaeConfig.builder(16).latentDim(3).hidden(12).likelihood(kind).seed(4).build();
    }

    @Test
    void trainingImprovesTheHeldOutElboForEveryLikelihood() {
        for (LikelihoodKind kind : LikelihoodKind.values()) {
            Vae vae = Vae.create(small(kind));
            TrainingHistory h = vae.fit(images(400, 16, 1), images(100, 16, 2),
                    TrainingConfig.builder().epochs(4).batchSize(32).learningRate(1e-2).build());
            List<EpochResult> e = h.epochs();
            assertTrue(e.get(3).testLoss() < e.get(0).testLoss(), kind + ": " + e);
            assertEquals(e.get(3).test().get("recon") + e.get(3).test().get("kl"), e.get(3).testLoss(), 1e-6);
        }
    }

    @Test
    void batchSizeOneIsPerExampleSgd() {
        Vae vae = Vae.create(small(LikelihoodKind.BERNOULLI));
        int[] steps = {0};
        TrainingHistory h = vae.fit(images(60, 16, 1), images(20, 16, 2),
                TrainingConfig.builder().epochs(2).batchSize(1).optimizer("sgd").learningRate(1e-3).build(),
                new org.latent4j.models.training.TrainingListener() {
                    @Override
                    public void onBatch(int epoch, int batch, double meanLoss) {
                        steps[0]++;
                    }
                });
        assertEquals(120, steps[0]);
        assertTrue(h.last().testLoss() < h.epochs().get(0).testLoss(), h.epochs().toString());
    }

    @Test
    void usingATrainedModel() {
        Vae vae = Vae.create(small(LikelihoodKind.BERNOULLI));
        DataMatrix data = images(300, 16, 1);
        vae.fit(data, null, TrainingConfig.builder().epochs(3).batchSize(30).learningRate(1e-2).build());
        Tensor x = data.slice(0, 4);
        GaussianEncoder.Encoding q = vae.encode(x);
        assertArrayEquals(new int[] {4, 3}, q.mu().shape());
        for (float v : q.sigma().data()) {
            assertTrue(v > 0);
        }
        Tensor mean = vae.decode(q.mu());
        assertArrayEquals(mean.toArray(), vae.reconstruct(x).toArray());
        Tensor draws = vae.sample(5, true, new RandomSource(1));
        for (float v : draws.data()) {
            assertTrue(v == 0f || v == 1f);
        }
        Tensor means = vae.sample(5, false, new RandomSource(1));
        for (float v : means.data()) {
            assertTrue(v > 0f && v < 1f);
        }
        Tensor path = vae.interpolate(data.slice(0, 1), data.slice(1, 2), 6);
        assertArrayEquals(new int[] {6, 16}, path.shape());
        assertArrayEquals(vae.reconstruct(data.slice(0, 1)).toArray(), path.slice(0, 0, 1).toArray(), 1e-6f);
        assertArrayEquals(vae.reconstruct(data.slice(1, 2)).toArray(), path.slice(0, 5, 6).toArray(), 1e-6f);
    }

    @Test
    void evaluationAndScoresAreConsistent() {
        Vae vae = Vae.create(small(LikelihoodKind.CONTINUOUS_BERNOULLI));
        DataMatrix data = images(300, 16, 1);
        vae.fit(data, null, TrainingConfig.builder().epochs(3).batchSize(30).learningRate(1e-2).build());
        DataMatrix test = images(50, 16, 3);
        VaeEvaluation e = vae.evaluate(test, 200, new RandomSource(2));
        assertTrue(e.logLikelihood() >= e.elbo(), e.toString());
        assertEquals(e.logLikelihood() - e.elbo(), e.gap(), 1e-12);
        double klSum = 0;
        for (double v : e.klPerDim()) {
            klSum += v;
        }
        assertEquals(e.kl(), klSum, 1e-4);
        assertTrue(e.activeUnits() >= 0 && e.activeUnits() <= 3);
        VaeScores s = vae.score(test, 200, new RandomSource(2));
        double mean = 0;
        for (double v : s.negativeLogLikelihood()) {
            mean += v / s.size();
        }
        assertEquals(-e.logLikelihood(), mean, 1e-9);
        // an input unlike the training data scores as more anomalous than typical data
        float[] odd = new float[16];
        for (int j = 0; j < 16; j++) {
            odd[j] = j % 3 == 0 ? 0.95f : 0.5f;
        }
        VaeScores oddScore = vae.score(new DataMatrix("odd", odd, 1, 16), 200, new RandomSource(2));
        assertTrue(oddScore.negativeLogLikelihood()[0] > mean, "odd " + oddScore.negativeLogLikelihood()[0] + " typical " + mean);
    }

    @Test
    void importanceSamplingReportsProgressWithoutChangingTheNumbers() {
        Vae vae = Vae.create(small(LikelihoodKind.BERNOULLI));
        DataMatrix test = images(45, 16, 3);
        java.util.List<Integer> done = new java.util.ArrayList<>();
        // 300 samples: blocks of 3 examples, so the 45 examples report 15 times, ending at 45.
        VaeEvaluation watched = vae.evaluate(test, 300, new RandomSource(2), done::add);
        VaeEvaluation plain = vae.evaluate(test, 300, new RandomSource(2));
        assertEquals(plain.logLikelihood(), watched.logLikelihood());
        assertEquals(15, done.size(), done.toString());
        assertEquals(45, done.get(done.size() - 1));
        for (int i = 1; i < done.size(); i++) {
            assertTrue(done.get(i) > done.get(i - 1), done.toString());
        }
        java.util.List<Integer> scored = new java.util.ArrayList<>();
        VaeScores s = vae.score(test, 300, new RandomSource(2), scored::add);
        assertEquals(done, scored);
        assertArrayEquals(vae.score(test, 300, new RandomSource(2)).elbo(), s.elbo());
    }

    @Test
    void activeUnitsCountDimensionsWhoseMeanVaries() {
        float[] mu = {0f, 1f, 5f, 0f, -1f, 5.01f, 0f, 0f, 4.99f, 0f, 0f, 5f};
        double[] a = VaeEvaluation.activity(mu, 4, 3);
        assertEquals(0, a[0], 1e-12);
        assertEquals(0.5, a[1], 1e-6);
        assertTrue(a[2] < 0.01);
    }

    @Test
    void valuesOutsideTheSupportAreRejectedNamingRowAndValue() {
        Vae vae = Vae.create(small(LikelihoodKind.BERNOULLI));
        float[] x = new float[3 * 16];
        x[2 * 16 + 5] = 255f;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> vae.fit(new DataMatrix("pixels.csv", x, 3, 16), null, TrainingConfig.builder().epochs(1).build()));
        assertTrue(e.getMessage().contains("pixels.csv") && e.getMessage().contains("row 2")
                && e.getMessage().contains("255.0") && e.getMessage().contains("bernoulli"), e.getMessage());
        // the Gaussian likelihood takes any finite value
        Vae gauss = Vae.create(small(LikelihoodKind.GAUSSIAN));
        gauss.fit(new DataMatrix("pixels.csv", x, 3, 16), null, TrainingConfig.builder().epochs(1).build());
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> gauss.evaluate(new DataMatrix("narrow", new float[8], 1, 8), 1, new RandomSource(1)));
        assertTrue(w.getMessage().contains("narrow") && w.getMessage().contains("16"), w.getMessage());
    }

    @Test
    void warmupRampsBetaAndFreeBitsKeepTheirFloor() {
        VaeConfig c = small(LikelihoodKind.BERNOULLI).toBuilder().beta(2).warmupEpochs(4).build();
        assertEquals(0, c.betaAt(0));
        assertEquals(1, c.betaAt(2), 1e-12);
        assertEquals(2, c.betaAt(9), 1e-12);
        Vae vae = Vae.create(small(LikelihoodKind.BERNOULLI).toBuilder().freeBits(50).build());
        VaeObjective o = new VaeObjective(vae, 10);
        Tensor x = images(8, 16, 1).slice(0, 8);
        var plain = new VaeObjective(Vae.create(small(LikelihoodKind.BERNOULLI)), 10).loss(x, 0, new RandomSource(1));
        var floored = o.loss(x, 0, new RandomSource(1));
        // same weights and noise: the reported −ELBO agrees; the objective carries the floor 3 dims × 50 nats × 8 rows
        assertEquals(plain.reported(), floored.reported(), 1e-3);
        assertTrue(floored.objective().item() > plain.objective().item() + 1000);
    }

    @Test
    void resumedTrainingMatchesUninterruptedTraining(@TempDir Path dir) throws Exception {
        DataMatrix train = images(200, 16, 1);
        DataMatrix test = images(50, 16, 2);
        VaeConfig config = small(LikelihoodKind.BERNOULLI).toBuilder().samples(2).warmupEpochs(2).build();
        TrainingConfig three = TrainingConfig.builder().epochs(3).batchSize(32).learningRate(5e-3).build();

        Vae straight = Vae.create(config);
        TrainingHistory full = straight.fit(train, test, three);

        Vae first = Vae.create(config);
        Path cp = dir.resolve("checkpoint");
        new Trainer(three.toBuilder().epochs(1).checkpointDir(cp).build())
                .fit(new VaeObjective(first, three.evalBatchSize()), train, test);
        Vae resumed = Vae.create(config.toBuilder().seed(99).build());
        TrainingHistory rest = new Trainer(three).resume(new VaeObjective(resumed, three.evalBatchSize()), train, test, cp);

        assertEquals(3, rest.epochs().size());
        for (int e = 0; e < 3; e++) {
            assertEquals(full.epochs().get(e).trainLoss(), rest.epochs().get(e).trainLoss(), 0.0, "epoch " + (e + 1));
            assertEquals(full.epochs().get(e).test(), rest.epochs().get(e).test(), "epoch " + (e + 1));
            // the training parts survive the checkpoint's history, and they add up to the training loss
            assertEquals(full.epochs().get(e).train(), rest.epochs().get(e).train(), "epoch " + (e + 1));
            var parts = rest.epochs().get(e).train();
            assertEquals(List.of("recon", "kl"), List.copyOf(parts.keySet()));
            assertEquals(rest.epochs().get(e).trainLoss(), parts.get("recon") + parts.get("kl"),
                    1e-9 * Math.abs(rest.epochs().get(e).trainLoss()));
            assertTrue(parts.get("kl") > 0 && parts.get("recon") > 0, parts.toString());
        }
        straight.namedParameters().forEach((name, t) ->
                assertArrayEquals(t.toArray(), resumed.namedParameters().get(name).toArray(), name));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> new Trainer(
                three.toBuilder().learningRate(1e-2).build()).resume(new VaeObjective(Vae.create(config), 1000), train, test, cp));
        assertTrue(other.getMessage().contains("was made with other training settings (learning_rate 0.005 there, 0.01 now)"),
                "only what differs: " + other.getMessage());
        assertNotEquals(0, full.last().testLoss());
    }

    @Test
    void emptyDataAreRefusedBeforeTrainingNamingThem() {
        Vae vae = Vae.create(small(LikelihoodKind.BERNOULLI));
        DataMatrix empty = new DataMatrix("empty/train", new float[0], 0, 16);
        TrainingConfig one = TrainingConfig.builder().epochs(1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vae.fit(empty, null, one));
        assertEquals("empty/train has no rows (0 examples); this VAE needs at least one", e.getMessage());
        DataMatrix emptyTest = new DataMatrix("empty/test", new float[0], 0, 16);
        e = assertThrows(IllegalArgumentException.class, () -> vae.fit(images(20, 16, 1), emptyTest, one));
        assertTrue(e.getMessage().startsWith("empty/test has no rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> vae.evaluate(emptyTest, 2, new RandomSource(1)));
        assertTrue(e.getMessage().startsWith("empty/test has no rows"), e.getMessage());
        // and the trainer itself, whatever the objective
        e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(one).fit(new VaeObjective(vae, 10), empty, null));
        assertEquals("empty/train has no rows (0 examples); training needs at least one", e.getMessage());
    }

    @Test
    void resumingOnOtherDataIsRefusedNamingBoth(@TempDir Path dir) throws Exception {
        DataMatrix train = images(60, 16, 1);
        DataMatrix test = images(20, 16, 2);
        VaeConfig config = small(LikelihoodKind.BERNOULLI);
        TrainingConfig two = TrainingConfig.builder().epochs(2).batchSize(16).build();
        Path cp = dir.resolve("checkpoint");
        new Trainer(two.toBuilder().epochs(1).checkpointDir(cp).build())
                .fit(new VaeObjective(Vae.create(config), 1000), train, test);
        // the same values under another name are the same data
        DataMatrix renamed = new DataMatrix("moved/train", train.x(), train.rows(), train.cols());
        assertEquals(2, new Trainer(two).resume(new VaeObjective(Vae.create(config), 1000), renamed, test, cp).epochs().size());

        DataMatrix fewer = new DataMatrix("images/train", java.util.Arrays.copyOf(train.x(), 50 * 16), 50, 16);
        DataMatrix changed = new DataMatrix("images/train", train.x().clone(), 60, 16);
        changed.x()[7] = 0.5f;
        for (DataMatrix other : new DataMatrix[] {fewer, changed}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer(two).resume(new VaeObjective(Vae.create(config), 1000), other, test, cp));
            assertTrue(e.getMessage().contains("was made on the training data " + train.name() + " (60×16, fingerprint "
                    + String.format("%016x", train.fingerprint()) + "), not images/train (" + other.rows() + "×16, fingerprint "
                    + String.format("%016x", other.fingerprint()) + ")"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(two).resume(new VaeObjective(Vae.create(config), 1000), train, null, cp));
        assertTrue(e.getMessage().contains("the held-out data ") && e.getMessage().contains(", not (none)"), e.getMessage());
    }

    @Test
    void theFingerprintFollowsShapeAndEveryValue() {
        DataMatrix a = images(30, 16, 1);
        assertEquals(a.fingerprint(), new DataMatrix("other name", a.x().clone(), 30, 16).fingerprint());
        assertNotEquals(a.fingerprint(), new DataMatrix("a", a.x(), 60, 8).fingerprint(), "same values, other shape");
        for (int i : new int[] {0, 17, a.x().length - 1}) {
            float[] x = a.x().clone();
            x[i] = Math.nextUp(x[i]);
            assertNotEquals(a.fingerprint(), new DataMatrix("a", x, 30, 16).fingerprint(), "one ulp at " + i);
        }
        assertNotEquals(new DataMatrix("z", new float[] {0f}, 1, 1).fingerprint(),
                new DataMatrix("z", new float[] {-0f}, 1, 1).fingerprint(), "bit patterns, not values");
    }
}
