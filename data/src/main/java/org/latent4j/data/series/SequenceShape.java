package org.latent4j.data.series;

import org.latent4j.data.Dataset;

/**
 * How a recurrent model reads a flat row of {@code steps * features} values: as [T, F], time-major (step t's
 * F features together, at columns {@code t * features} to {@code t * features + features - 1}), so a batch
 * of rows [N, T*F] is viewed as [N, T, F] without copying.
 *
 * @param steps    T
 * @param features F
 */
public record SequenceShape(int steps, int features) {
    public SequenceShape {
        if (steps < 1 || features < 1) {
            throw new IllegalArgumentException("a sequence needs at least 1 step of at least 1 feature, got "
                    + steps + " x " + features);
        }
    }

    /** T * F, the columns of a row. */
    public int width() {
        return Math.multiplyExact(steps, features);
    }

    /**
     * Grey images read as sequences: one row of pixels per step (28 steps of 28 features for Fashion-MNIST).
     *
     * @throws IllegalArgumentException when the rows are not grey images (colour images are stored
     *         channels-first, so a row of pixels is not contiguous; other tables have no order of steps)
     */
    public static SequenceShape ofImages(Dataset d) {
        if (!d.isImage()) {
            throw new IllegalArgumentException("dataset " + d.name() + " has rows of " + d.cols() + " values that are not images,"
                    + " so they have no order of steps; a recurrent model needs a series (series:FILE.csv?window=T, co2,"
                    + " sunspots, sines) or grey images (read one row of pixels per step)");
        }
        if (d.channels() != 1) {
            throw new IllegalArgumentException("dataset " + d.name() + " holds " + d.channels() + "-channel images; reading"
                    + " images as sequences (one row of pixels per step) needs grey images (channels=1)");
        }
        return new SequenceShape(d.height(), d.width());
    }

    /** Checks that a dataset's rows have this shape's width. */
    public void check(Dataset d) {
        if (d.cols() != width()) {
            throw new IllegalArgumentException("dataset " + d.name() + " has " + d.cols() + " columns, but sequences of "
                    + steps + " steps x " + features + " features need " + width());
        }
    }

    @Override
    public String toString() {
        return steps + " steps x " + features + " features";
    }
}
