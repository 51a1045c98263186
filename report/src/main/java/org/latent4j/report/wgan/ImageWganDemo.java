package org.latent4j.report.wgan;

import java.util.Locale;
import org.latent4j.data.Dataset;
import org.latent4j.models.networks.ImageShape;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.Trainer;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.wgan.Lipschitz;
import org.latent4j.models.wgan.Wgan;
import org.latent4j.models.wgan.WganConfig;
import org.latent4j.models.wgan.WganImageDefaults;
import org.latent4j.models.wgan.WganObjective;
import org.latent4j.report.vae.VaeDemo;

/**
 * The image WGAN of {@code latent4j demo}: a DCGAN-style convolutional WGAN-GP (Gulrajani et al. 2017's image
 * settings: λ = 10, 5 critic steps, Adam 1e-4 with β = (0.5, 0.9), batch 64) trained for a fixed number of
 * generator steps, whose samples the quality section measures beside the VAEs'. The demo trains it for far
 * fewer steps than docs/wgan.md's run, to stay within the demo's time.
 */
public final class ImageWganDemo {
    private ImageWganDemo() {}

    /**
     * What to train.
     *
     * @param steps    generator steps (at most passes − 1 more, to make whole passes over the rows they take)
     * @param channels the networks' base channel width
     * @param latent   the dimension of z
     * @param batch    rows of each critic step
     * @param seed     seed of the weights, the data order and the noise
     */
    public record Settings(int steps, int channels, int latent, int batch, long seed) {}

    /** The trained model, its history, and the generator steps and seconds it took. */
    public record Result(Settings settings, Wgan model, TrainingHistory history, int steps, double seconds) {
        /** The row's name in the quality table. */
        public String name() {
            return String.format(Locale.ROOT, "WGAN-GP (conv, channels %d/%d, latent %d), %d generator steps",
                    model.config().channels(), 2 * model.config().channels(), model.config().latentDim(), steps);
        }
    }

    /**
     * Trains the WGAN on the training images: an epoch is one pass over the first rows of an equal share of the
     * steps (all of them when the steps need more), so every step sees new images within a pass.
     */
    public static Result run(Dataset train, Dataset test, Settings s, VaeDemo.Progress progress) {
        if (!train.isImage()) {
            throw new IllegalArgumentException("the image WGAN needs images; " + train.name() + " are not images");
        }
        Lipschitz l = Lipschitz.GP;
        WganConfig config = WganConfig.defaults(train.cols(), l).withLatentDim(s.latent()).withGpWeight(10)
                .withConv(new ImageShape(train.channels(), train.height(), train.width()), s.channels());
        long rowsPerStep = (long) config.criticSteps() * s.batch();
        // as few passes as the steps need, each of the same number of steps over the first rows: steps … steps + passes − 1
        int epochs = (int) Math.max(1, (rowsPerStep * s.steps() + train.rows() - 1) / train.rows());
        int stepsPerEpoch = (s.steps() + epochs - 1) / epochs;
        int rows = (int) Math.min(train.rows(), rowsPerStep * stepsPerEpoch);
        DataMatrix trainM = VaeDemo.matrix(train, rows);
        DataMatrix testM = VaeDemo.matrix(test, Math.min(1000, test.rows()));
        double rate = WganImageDefaults.learningRate(l);
        TrainingConfig training = TrainingConfig.builder().epochs(epochs).batchSize(s.batch())
                .optimizer(WganObjective.optimizerName(l)).learningRate(rate).schedule(WganImageDefaults.schedule(l))
                .seed(s.seed()).build();
        Wgan model = Wgan.create(config, s.seed());
        progress.step(String.format(Locale.ROOT, "training the convolutional WGAN-GP (channels %d/%d, latent %d) for %d"
                + " generator steps of batch %d", s.channels(), 2 * s.channels(), s.latent(), epochs * stepsPerEpoch, s.batch()));
        TrainingHistory history = new Trainer(training).listener(progress.training("WGAN-GP", epochs))
                .fit(new WganObjective(model, rate, null), trainM, testM);
        model.train(false);
        double seconds = history.epochs().stream().mapToDouble(EpochResult::seconds).sum();
        return new Result(s, model, history, epochs * stepsPerEpoch, seconds);
    }
}
