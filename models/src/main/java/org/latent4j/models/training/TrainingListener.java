package org.latent4j.models.training;

/** Sees training progress; every method has an empty default. Called on the training thread. */
public interface TrainingListener {

    /** Before the first epoch (or the first resumed epoch). */
    default void onStart(int firstEpoch, int lastEpoch, int batchesPerEpoch) {}

    /** After each mini-batch step, with the batch's mean reported loss per example. */
    default void onBatch(int epoch, int batch, double meanLoss) {}

    /**
     * After each epoch's evaluation and before its checkpoint is written: for outputs a resumed run must find
     * (it starts after the checkpointed epoch, so what is written here for that epoch is never missing).
     */
    default void beforeCheckpoint(EpochResult result) {}

    /**
     * After each epoch's training steps, before its evaluation: where the training thread's time went
     * during them (for {@code latent4j bench vae --time-split}).
     */
    default void onTimeSplit(int epoch, TimeSplit split) {}

    /** After each epoch, with its figures. */
    default void onEpoch(EpochResult result) {}
}
