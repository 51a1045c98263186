package org.latent4j.models.training;

import java.util.List;

/**
 * What a training run did.
 *
 * @param epochs      one result per epoch run (including epochs before a resume)
 * @param stoppedEarly whether early stopping ended the run
 * @param bestEpoch   the epoch with the lowest held-out loss (0 without held-out data)
 */
public record TrainingHistory(List<EpochResult> epochs, boolean stoppedEarly, int bestEpoch) {
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** The last epoch's result. */
    public EpochResult last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch was run");
        }
        return epochs.get(epochs.size() - 1);
    }
}
