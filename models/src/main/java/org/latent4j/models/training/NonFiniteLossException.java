package org.latent4j.models.training;

/**
 * Training met a NaN or infinite loss or gradient. No step is taken with it: the model keeps the
 * parameters of the last step taken with a finite loss and gradient.
 */
public final class NonFiniteLossException extends RuntimeException {
    private final int epoch;
    private final int batch;

    public NonFiniteLossException(int epoch, int batch, String what, double value) {
        super("training diverged: " + what + " is " + value + " at epoch " + epoch + ", batch " + batch
                + "; the model keeps the parameters of the last finite step (try a lower learning rate or gradient clipping)");
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
