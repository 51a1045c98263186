package org.latent4j.models.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latent4j.io.ArrayData;
import org.latent4j.nn.Module;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * What a {@link Trainer} fits when one training step is more than one gradient step on one loss, such as
 * a Wasserstein GAN's n critic steps and one generator step with two optimizers: the objective owns its
 * optimizers and performs its step itself; the trainer keeps the loop around it (seeded shuffling, epochs,
 * evaluation, progress, checkpoints with bit-identical resume, early stopping). A
 * {@link TrainingObjective} is the special case of one loss and one optimizer, which the trainer wraps.
 */
public interface SteppedObjective {

    /** The module whose parameters are trained and whose state (parameters and buffers) is checkpointed. */
    Module module();

    /** The training rows one step takes, for a configured batch size (a WGAN: critic steps × batch). */
    int rowsPerStep(int batchSize);

    /**
     * Performs one training step on the rows {@code batch} (all its optimizer steps). A non-finite loss
     * or gradient throws {@link NonFiniteLossException} naming {@code epoch} and {@code batchIndex}, before
     * any parameter is changed by it.
     *
     * @param position how far training has come, in epochs
     * @param noise    the random source for all sampling in the step
     */
    Step step(Tensor batch, int epoch, int batchIndex, double position, RandomSource noise);

    /**
     * Whether nothing computed in {@link #step}, nor the batch it was given, is read once it returns, so that
     * the trainer can hand the step's arrays to the next step's ops ({@link org.latent4j.tensor.ArrayRecycler}).
     * False unless the objective is sure: a tensor kept past its step would change under its holder.
     */
    default boolean keepsNoStepTensors() {
        return false;
    }

    /** Figures on held-out data; must hold {@code "loss"}, the figure early stopping watches. */
    Map<String, Double> evaluate(DataMatrix data, RandomSource rng);

    /** The optimizers' states, for a checkpoint. */
    Map<String, ArrayData> exportState();

    /** Restores {@link #exportState()}'s result exactly. */
    void importState(Map<String, ArrayData> state);

    /** Sets the learning rate of the coming steps (the schedule's rate for the epoch). */
    void setLearningRate(double rate);

    /** The learning rate in use. */
    double learningRate();

    /**
     * What a step reports: a loss and named parts, each a sum over {@code weight} units (a gradient step:
     * examples; a WGAN step: one step), which the trainer averages over the epoch as Σ reported / Σ weight.
     */
    record Step(double reported, Map<String, Double> parts, double weight) {
        public Step {
            if (parts.containsKey("loss")) {
                throw new IllegalArgumentException("Step: the part name 'loss' is taken by the reported loss");
            }
            if (!(weight > 0)) {
                throw new IllegalArgumentException("Step: the weight must be > 0, got " + weight);
            }
            parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        }
    }
}
