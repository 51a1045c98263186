package org.latent4j.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.ArrayData;
import org.latent4j.io.SafeTensors;
import org.latent4j.nn.Activation;
import org.latent4j.nn.BatchNorm1d;
import org.latent4j.nn.Linear;
import org.latent4j.nn.Module;
import org.latent4j.nn.Sequential;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * Training a network with buffers (batch normalization's running statistics): checkpoints carry them,
 * so a resumed run ends bit for bit where an uninterrupted one does, held-out losses included (they are
 * computed in evaluation mode, from the running statistics).
 */
class TrainerBuffersTest {

    /** Least squares of the last column on the others through Linear → BatchNorm1d → tanh → Linear. */
    static final class Regression implements TrainingObjective {
        final BatchNorm1d bn = new BatchNorm1d(4);
        final Sequential net;

        Regression(long seed) {
            RandomSource rng = new RandomSource(seed);
            net = new Sequential(new Linear(2, 4, rng), bn, Activation.TANH.layer(), new Linear(4, 1, rng));
        }

        @Override
        public Module module() {
            return net;
        }

        @Override
        public BatchLoss loss(Tensor batch, double epochPosition, RandomSource noise) {
            Tensor loss = net.forward(batch.slice(1, 0, 2)).sub(batch.slice(1, 2, 3)).square().sum();
            return new BatchLoss(loss, loss.item());
        }

        @Override
        public Map<String, Double> evaluate(DataMatrix data, RandomSource rng) {
            Tensor x = data.slice(0, data.rows());
            double l = net.forward(x.slice(1, 0, 2)).sub(x.slice(1, 2, 3)).square().sum().item();
            return Map.of("loss", l / data.rows());
        }
    }

    @Test
    void checkpointsCarryBuffersAndResumeBitIdentically(@TempDir Path dir) throws Exception {
        DataMatrix train = TrainerTest.data(90, 3);
        DataMatrix test = TrainerTest.data(30, 4);
        TrainingConfig four = TrainingConfig.builder().epochs(4).batchSize(16).learningRate(2e-2).patience(10).build();

        Regression straight = new Regression(1);
        TrainingHistory full = new Trainer(four).fit(straight, train, test);
        assertFalse(straight.module().isTraining(), "training ends in evaluation mode");

        Path cp = dir.resolve("checkpoint");
        Regression first = new Regression(1);
        new Trainer(four.toBuilder().epochs(2).checkpointDir(cp).build()).fit(first, train, test);
        Map<String, ArrayData> saved = SafeTensors.read(cp.resolve(Checkpoint.ARRAYS)).arrays();
        assertInstanceOf(ArrayData.I64.class, saved.get("model.1.num_batches_tracked"));
        assertEquals(2 * 6L, ((ArrayData.I64) saved.get("model.1.num_batches_tracked")).data()[0], "6 batches per epoch");
        assertTrue(saved.containsKey("model.1.running_var") && saved.containsKey("best.1.running_var"), saved.keySet().toString());
        assertTrue(saved.keySet().stream().filter(k -> k.startsWith("optimizer."))
                .noneMatch(k -> k.contains("running") || k.contains("batches")), saved.keySet().toString());

        Regression resumed = new Regression(99);
        TrainingHistory rest = new Trainer(four).resume(resumed, train, test, cp);
        for (int e = 0; e < 4; e++) {
            assertEquals(full.epochs().get(e).trainLoss(), rest.epochs().get(e).trainLoss(), 0.0, "epoch " + (e + 1));
            assertEquals(full.epochs().get(e).test(), rest.epochs().get(e).test(), "epoch " + (e + 1));
        }
        assertEquals(straight.module().stateArrays(), resumed.module().stateArrays());
        assertEquals(4 * 6L, resumed.bn.numBatchesTracked());
        assertNotEquals(0f, resumed.bn.runningMean().data()[0]);
    }
}
