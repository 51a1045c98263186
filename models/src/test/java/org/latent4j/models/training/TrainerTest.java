package org.latent4j.models.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latent4j.nn.Linear;
import org.latent4j.nn.Module;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

class TrainerTest {

    /** Least squares of the last column on the others, with a scripted failure and held-out losses. */
    static final class Regression implements TrainingObjective {
        final Linear linear = new Linear(2, 1, new RandomSource(1));
        int calls;
        int failAt = -1;
        int infiniteGradientAt = -1;
        double[] scriptedTest;
        boolean withParts;

        @Override
        public Module module() {
            return linear;
        }

        @Override
        public BatchLoss loss(Tensor batch, double epochPosition, RandomSource noise) {
            calls++;
            Tensor x = batch.slice(1, 0, 2);
            Tensor y = batch.slice(1, 2, 3);
            Tensor loss = linear.forward(x).sub(y).square().sum();
            if (calls == failAt) {
                loss = loss.mul(Float.NaN);
            }
            if (calls == infiniteGradientAt) {
                // sqrt at 0: a finite loss whose gradient is infinite
                loss = loss.add(linear.bias().sub(linear.bias().detach()).sqrt().sum());
            }
            if (!withParts) {
                return new BatchLoss(loss, loss.item());
            }
            // a second, constant part: one per example, so its epoch mean is exactly 1
            return new BatchLoss(loss, (double) loss.item() + batch.dim(0),
                    Map.of("squares", (double) loss.item(), "ones", (double) batch.dim(0)));
        }

        @Override
        public Map<String, Double> evaluate(DataMatrix data, RandomSource rng) {
            if (scriptedTest != null) {
                return Map.of("loss", scriptedTest[Math.min(scriptedTest.length - 1, calls / 10 - 1)]);
            }
            Tensor x = data.slice(0, data.rows());
            double l = linear.forward(x.slice(1, 0, 2)).sub(x.slice(1, 2, 3)).square().sum().item();
            return Map.of("loss", l / data.rows());
        }
    }

    static DataMatrix data(int n, long seed) {
        RandomSource rng = new RandomSource(seed);
        float[] x = new float[n * 3];
        for (int i = 0; i < n; i++) {
            float a = (float) rng.nextGaussian(), b = (float) rng.nextGaussian();
            x[i * 3] = a;
            x[i * 3 + 1] = b;
            x[i * 3 + 2] = 2 * a - b + 0.5f + 0.1f * (float) rng.nextGaussian();
        }
        return new DataMatrix("regression", x, n, 3);
    }

    @Test
    void lossDecreasesAndListenersSeeEveryEpochAndBatch() {
        Regression r = new Regression();
        List<EpochResult> epochs = new ArrayList<>();
        int[] batches = {0};
        TrainingHistory h = new Trainer(TrainingConfig.builder().epochs(5).batchSize(10).learningRate(0.05).build())
                .listener(new TrainingListener() {
                    @Override
                    public void onBatch(int epoch, int batch, double meanLoss) {
                        batches[0]++;
                    }

                    @Override
                    public void onEpoch(EpochResult result) {
                        epochs.add(result);
                    }
                })
                .fit(r, data(100, 1), data(50, 2));
        assertEquals(5, epochs.size());
        assertEquals(50, batches[0]);
        assertTrue(h.last().testLoss() < 0.1 * h.epochs().get(0).trainLoss(), h.toString());
        assertTrue(h.last().seconds() >= 0);
    }

    @Test
    void batchSizeOneIsPerExampleSgd() {
        Regression r = new Regression();
        TrainingHistory h = new Trainer(TrainingConfig.builder().epochs(2).batchSize(1).optimizer("sgd").learningRate(0.02).build())
                .fit(r, data(60, 1), data(30, 2));
        assertEquals(120, r.calls);
        assertTrue(h.last().testLoss() < 0.05, "test loss " + h.last().testLoss());
    }

    @Test
    void nonFiniteLossStopsWithEpochAndBatchAndKeepsTheLastGoodParameters() {
        Regression r = new Regression();
        r.failAt = 13; // epoch 2, batch 3 with 10 batches per epoch
        float[][] before = new float[2][];
        Trainer trainer = new Trainer(TrainingConfig.builder().epochs(3).batchSize(10).learningRate(0.05).build())
                .listener(new TrainingListener() {
                    @Override
                    public void onBatch(int epoch, int batch, double meanLoss) {
                        if (epoch == 2 && batch == 2) {
                            before[0] = r.linear.weight().toArray();
                            before[1] = r.linear.bias().toArray();
                        }
                    }
                });
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> trainer.fit(r, data(100, 1), null));
        assertEquals(2, e.epoch());
        assertEquals(3, e.batch());
        assertTrue(e.getMessage().contains("epoch 2, batch 3"), e.getMessage());
        // no step was taken with the NaN: the parameters are those after batch 2's step
        assertArrayEquals(before[0], r.linear.weight().toArray());
        assertArrayEquals(before[1], r.linear.bias().toArray());
    }

    @Test
    void infiniteGradientStopsBeforeTheStep() {
        Regression r = new Regression();
        r.infiniteGradientAt = 4;
        float[][] before = new float[1][];
        Trainer trainer = new Trainer(TrainingConfig.builder().epochs(1).batchSize(10).learningRate(0.05).build())
                .listener(new TrainingListener() {
                    @Override
                    public void onBatch(int epoch, int batch, double meanLoss) {
                        before[0] = r.linear.bias().toArray();
                    }
                });
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> trainer.fit(r, data(100, 1), null));
        assertEquals(4, e.batch());
        assertTrue(e.getMessage().contains("gradient"), e.getMessage());
        assertArrayEquals(before[0], r.linear.bias().toArray());
        assertTrue(Float.isFinite(r.linear.bias().data()[0]));
    }

    @Test
    void finiteCheckFindsEveryKindOfNonFiniteValue() {
        for (int n : new int[] {37, FiniteCheck.PARALLEL_MIN + 37}) {
            finiteCheckFindsEveryKindOfNonFiniteValue(n);
        }
    }

    private static void finiteCheckFindsEveryKindOfNonFiniteValue(int n) {
        float[] x = new float[n];
        assertTrue(FiniteCheck.finite(x));
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            for (int at : new int[] {0, 17, n / 2 - 1, n / 2, n / 2 + 1, n - 1}) {
                float[] y = x.clone();
                y[at] = bad;
                assertFalse(FiniteCheck.finite(y), bad + " at " + at);
                assertFalse(FiniteCheck.finiteScalar(y), "scalar: " + bad + " at " + at);
            }
        }
        x[5] = Float.MAX_VALUE;
        assertTrue(FiniteCheck.finite(x));
        assertTrue(FiniteCheck.finiteScalar(x));
    }

    @Test
    void earlyStoppingRestoresTheBestEpoch() {
        Regression r = new Regression();
        r.scriptedTest = new double[] {5, 3, 4, 4.5, 6, 7, 8};
        float[][] bestWeights = new float[1][];
        TrainingHistory h = new Trainer(TrainingConfig.builder().epochs(7).batchSize(10).patience(2).build())
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochResult result) {
                        if (result.epoch() == 2) {
                            bestWeights[0] = r.linear.weight().toArray();
                        }
                    }
                })
                .fit(r, data(100, 1), data(20, 2));
        assertTrue(h.stoppedEarly());
        assertEquals(4, h.epochs().size());
        assertEquals(2, h.bestEpoch());
        assertArrayEquals(bestWeights[0], r.linear.weight().toArray());
    }

    @Test
    void withoutHeldOutDataThereIsNoEarlyStopping() {
        Regression r = new Regression();
        TrainingHistory h = new Trainer(TrainingConfig.builder().epochs(2).batchSize(50).patience(1).build())
                .fit(r, data(100, 1), null);
        assertFalse(h.stoppedEarly());
        assertTrue(h.last().test().isEmpty());
    }

    @Test
    void configRejectsBadValuesClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder().optimizer("adamax").build());
        assertTrue(e.getMessage().contains("adamax") && e.getMessage().contains("adam"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().batchSize(0).build());
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().schedule("sometimes").build());
    }

    @Test
    void namedPartsAreAveragedPerTrainingExampleAndRecorded() {
        Regression r = new Regression();
        r.withParts = true;
        TrainingHistory h = new Trainer(TrainingConfig.builder().epochs(2).batchSize(30).learningRate(0.05).build())
                .fit(r, data(100, 1), data(20, 2));
        for (EpochResult e : h.epochs()) {
            assertEquals(1.0, e.train().get("ones"), 1e-12);
            assertEquals(e.trainLoss(), e.train().get("squares") + e.train().get("ones"), 1e-9);
            Map<String, Object> rec = e.toRecord();
            assertEquals(List.of("epoch", "seconds", "train_loss", "train_squares", "train_ones", "test_loss", "lr")
                    .stream().sorted().toList(), rec.keySet().stream().sorted().toList());
            EpochResult back = EpochResult.fromRecord(org.latent4j.io.Json.mapper().valueToTree(rec), "test");
            assertEquals(e, back);
        }
        Regression plain = new Regression();
        EpochResult none = new Trainer(TrainingConfig.builder().epochs(1).batchSize(30).build()).fit(plain, data(50, 1), null).last();
        assertTrue(none.train().isEmpty());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> EpochResult.fromRecord(org.latent4j.io.Json.mapper().createObjectNode().put("epoch", 1), "metrics.jsonl line 3"));
        assertTrue(bad.getMessage().contains("metrics.jsonl line 3") && bad.getMessage().contains("seconds"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainingObjective.BatchLoss(Tensor.scalar(1f), 1, Map.of("loss", 1.0)));
    }

    /** A layer wide enough for its weight gradient (90 000 values) to be recycled from step to step. */
    static final class Wide implements TrainingObjective {
        final Linear linear = new Linear(300, 300, new RandomSource(7));

        @Override
        public Module module() {
            return linear;
        }

        @Override
        public BatchLoss loss(Tensor batch, double epochPosition, RandomSource noise) {
            Tensor loss = linear.forward(batch).sub(batch).square().sum();
            return new BatchLoss(loss, loss.item());
        }

        @Override
        public Map<String, Double> evaluate(DataMatrix data, RandomSource rng) {
            return Map.of("loss", 0.0);
        }
    }

    @Test
    void gradientsAreReleasedAfterEachUpdateAndTrainingStaysDeterministic() {
        RandomSource rng = new RandomSource(3);
        float[] x = new float[64 * 300];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        DataMatrix data = new DataMatrix("wide", x, 64, 300);
        List<float[]> weights = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Wide w = new Wide();
            int[] batches = {0};
            new Trainer(TrainingConfig.builder().epochs(3).batchSize(16).learningRate(1e-3).build())
                    .listener(new TrainingListener() {
                        @Override
                        public void onBatch(int epoch, int batch, double meanLoss) {
                            batches[0]++;
                            w.module().namedParameters().forEach((name, p) -> assertEquals(null, p.grad(), name));
                        }
                    })
                    .fit(w, data, null);
            assertEquals(12, batches[0]);
            weights.add(w.linear.weight().data().clone());
        }
        assertArrayEquals(weights.get(0), weights.get(1));
    }

    /** Breaks the contract of {@link TrainingObjective#loss}: keeps its layer's output for the next step. */
    static final class KeepsAnActivation implements TrainingObjective {
        final Wide wide = new Wide();
        Tensor kept;

        @Override
        public Module module() {
            return wide.module();
        }

        @Override
        public BatchLoss loss(Tensor batch, double epochPosition, RandomSource noise) {
            Tensor out = wide.linear.forward(batch);
            Tensor loss = out.sub(batch).square().sum();
            if (kept != null) {
                loss = loss.add(kept.detach().sum()); // reads the last step's output, after its step
            }
            kept = out;
            return new BatchLoss(loss, loss.item());
        }

        @Override
        public Map<String, Double> evaluate(DataMatrix data, RandomSource rng) {
            return wide.evaluate(data, rng);
        }
    }

    @Test
    void anObjectiveThatKeepsATensorPastItsStepFailsLoudlyInTheTests() {
        // The suites run with the recycler's poison on: an array that comes back at the end of a step is NaN and
        // is reused only from the step after next, so the kept output reads NaN and the trainer stops.
        assertTrue(Boolean.getBoolean(org.latent4j.tensor.ArrayRecycler.POISON_PROPERTY), "run by the build, with the poison on");
        DataMatrix data = new DataMatrix("wide", new float[192 * 300], 192, 300);
        Trainer trainer = new Trainer(TrainingConfig.builder().epochs(1).batchSize(64).learningRate(1e-3).build());
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> trainer.fit(new KeepsAnActivation(), data, null));
        assertTrue(e.getMessage().contains("batch 2"), e.getMessage());
    }
}
