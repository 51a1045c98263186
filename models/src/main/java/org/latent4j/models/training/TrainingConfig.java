package org.latent4j.models.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.latent4j.io.Json;
import org.latent4j.optim.LearningRateSchedule;
import org.latent4j.optim.Optimizers;

/**
 * How to train (the model's own hyperparameters live in its config). Defaults follow the reference
 * PyTorch VAE: Adam, learning rate 1e-3, batch 128.
 *
 * @param epochs        number of passes over the training data
 * @param batchSize     examples per step (1 gives per-example stochastic gradient descent)
 * @param optimizer     an optimizer name of {@link Optimizers#NAMES}
 * @param learningRate  the base learning rate
 * @param schedule      a learning-rate schedule in {@link LearningRateSchedule#parse} form ({@code const}, {@code step:10:0.5}, ...)
 * @param clipNorm      clip gradients to this global L2 norm (0: no clipping)
 * @param patience      stop after this many epochs without a held-out improvement, restoring the best parameters (0: never)
 * @param minDelta      the smallest decrease of the held-out loss that counts as an improvement
 * @param seed          seed of shuffling and sampling noise
 * @param evalBatchSize examples per forward pass when evaluating
 * @param checkpointDir where to write a checkpoint after every epoch (null: none)
 */
public record TrainingConfig(int epochs, int batchSize, String optimizer, double learningRate, String schedule,
                             double clipNorm, int patience, double minDelta, long seed, int evalBatchSize,
                             Path checkpointDir) {

    public TrainingConfig {
        require(epochs >= 0, "epochs must be >= 0, got " + epochs);
        require(batchSize >= 1, "batch size must be >= 1, got " + batchSize);
        require(optimizer != null && Optimizers.NAMES.contains(optimizer),
                "unknown optimizer '" + optimizer + "'; expected one of " + Optimizers.NAMES);
        require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be > 0, got " + learningRate);
        schedule = schedule == null ? "const" : schedule;
        LearningRateSchedule.parse(schedule);
        require(clipNorm >= 0 && Double.isFinite(clipNorm), "clip norm must be >= 0 (0: off), got " + clipNorm);
        require(patience >= 0, "patience must be >= 0 (0: off), got " + patience);
        require(minDelta >= 0, "min delta must be >= 0, got " + minDelta);
        require(evalBatchSize >= 1, "evaluation batch size must be >= 1, got " + evalBatchSize);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("training: " + message);
        }
    }

    /** The parsed schedule. */
    public LearningRateSchedule parsedSchedule() {
        return LearningRateSchedule.parse(schedule);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().epochs(epochs).batchSize(batchSize).optimizer(optimizer).learningRate(learningRate)
                .schedule(schedule).clipNorm(clipNorm).patience(patience).minDelta(minDelta).seed(seed)
                .evalBatchSize(evalBatchSize).checkpointDir(checkpointDir);
    }

    /** The settings that determine the numbers (not where checkpoints go), as JSON. */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("epochs", epochs);
        o.put("batch_size", batchSize);
        o.put("optimizer", optimizer);
        o.put("learning_rate", learningRate);
        o.put("schedule", schedule);
        o.put("clip_norm", clipNorm);
        o.put("patience", patience);
        o.put("min_delta", minDelta);
        o.put("seed", seed);
        o.put("eval_batch_size", evalBatchSize);
        return o;
    }

    /** Builds a {@link TrainingConfig} from the reference defaults. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 128;
        private String optimizer = "adam";
        private double learningRate = 1e-3;
        private String schedule = "const";
        private double clipNorm = 0;
        private int patience = 0;
        private double minDelta = 0;
        private long seed = 1;
        private int evalBatchSize = 1000;
        private Path checkpointDir;

        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder optimizer(String v) { optimizer = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder schedule(String v) { schedule = v; return this; }
        public Builder clipNorm(double v) { clipNorm = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder minDelta(double v) { minDelta = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder evalBatchSize(int v) { evalBatchSize = v; return this; }
        public Builder checkpointDir(Path v) { checkpointDir = v; return this; }

        public TrainingConfig build() {
            return new TrainingConfig(epochs, batchSize, optimizer, learningRate, schedule, clipNorm, patience, minDelta,
                    seed, evalBatchSize, checkpointDir);
        }
    }
}
