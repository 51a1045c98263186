package org.latent4j.models.training;

/**
 * Training met a NaN or infinite loss or gradient. The model holds the last parameters that gave a finite
 * loss when this is thrown.
 */
public final class NonFiniteLossException extends RuntimeException {
    private final int epoch;
    private final int batch;

    public NonFiniteLossException(int epoch, int batch, String what, double value) {
        super("training diverged: " + what + " is " + value + " at epoch " + epoch + ", batch " + batch
                + "; the model keeps the last parameters with a finite loss (try a lower learning rate or gradient clipping)");
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The epoch (from 1) where it happened. */
    public int epoch() {
        return epoch;
    }

    /** The batch (from 1) within the epoch. */
    public int batch() {
        return batch;
    }
}
