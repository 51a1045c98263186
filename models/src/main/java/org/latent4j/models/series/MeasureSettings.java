package org.latent4j.models.series;

import org.latent4j.models.training.TrainingConfig;

/**
 * How the small networks of the synthetic-series measures ({@link DiscriminativeScore}, {@link PredictiveScore})
 * are trained: an MLP with one hidden layer of {@code hidden} ReLU units on the flattened window, Adam, trained by
 * the project's {@link org.latent4j.models.training.Trainer}.
 *
 * @param hidden       hidden units
 * @param epochs       passes over the training examples
 * @param batchSize    examples per step
 * @param learningRate Adam's learning rate
 * @param trainShare   the share of the examples the discriminator is trained on (the rest test it)
 * @param seed         of the split, the initial weights and the shuffling: same seed, same score
 */
public record MeasureSettings(int hidden, int epochs, int batchSize, double learningRate, double trainShare, long seed) {
    public MeasureSettings {
        if (hidden < 1 || epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("hidden units, epochs and batch size must be at least 1, got " + hidden
                    + ", " + epochs + ", " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be positive, got " + learningRate);
        }
        if (!(trainShare > 0 && trainShare < 1)) {
            throw new IllegalArgumentException("the training share must lie in (0, 1), got " + trainShare);
        }
    }

    /** 64 hidden units, 50 epochs, batch 128, learning rate 1e-3, 80% for training (TimeGAN's split), seed 1. */
    public static MeasureSettings defaults() {
        return new MeasureSettings(64, 50, 128, 1e-3, 0.8, 1);
    }

    public MeasureSettings withSeed(long s) {
        return new MeasureSettings(hidden, epochs, batchSize, learningRate, trainShare, s);
    }

    public MeasureSettings withEpochs(int e) {
        return new MeasureSettings(hidden, e, batchSize, learningRate, trainShare, seed);
    }

    TrainingConfig training() {
        return TrainingConfig.builder().epochs(epochs).batchSize(batchSize).optimizer("adam").learningRate(learningRate)
                .seed(seed).build();
    }
}
