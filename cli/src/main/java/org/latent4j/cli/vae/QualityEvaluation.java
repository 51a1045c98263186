package org.latent4j.cli.vae;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.Progress;
import org.latent4j.data.Dataset;
import org.latent4j.data.Splits;
import org.latent4j.io.Json;
import org.latent4j.models.quality.ClassifierCache;
import org.latent4j.models.quality.ClassifierConfig;
import org.latent4j.models.quality.ImageQuality;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.TrainingListener;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * The image-quality measures of {@code evaluate --quality} (docs/quality.md): the data set's classifier,
 * taken from the cache or trained there once, and the measures of a sampler's images against the real ones.
 */
final class QualityEvaluation {
    private final Console console;
    private final ClassifierCache.Trained classifier;
    private final DataMatrix real;

    private QualityEvaluation(Console console, ClassifierCache.Trained classifier, DataMatrix real) {
        this.console = console;
        this.classifier = classifier;
        this.real = real;
    }

    /**
     * The classifier of labelled image data {@code splits} (trained on the training split, its accuracy measured
     * on the test split) and the real images the samples are compared with ({@code real}, usually the test split).
     */
    static QualityEvaluation prepare(Console console, Splits splits, String spec, DataMatrix real) throws IOException {
        Dataset train = splits.train();
        Dataset test = splits.test();
        if (!train.isImage() || !train.hasLabels() || test == null || !test.hasLabels()) {
            throw new IllegalArgumentException("--quality needs labelled images with a test split (as fashion-mnist):"
                    + " the classifier whose features the measures use is trained on their labels; " + spec + " has "
                    + (!train.isImage() ? "no images" : !train.hasLabels() ? "no labels" : "no labelled test split"));
        }
        int[] shape = train.imageShape();
        int classes = Math.max(train.classCount(), test.classCount());
        ClassifierConfig config = ClassifierConfig.forImages(shape[0], shape[1], shape[2], classes);
        DataMatrix trainRows = CliData.matrix(train);
        DataMatrix testRows = CliData.matrix(test);
        var where = ClassifierCache.location(ClassifierCache.standardRoot(), config, trainRows, train.labels());
        if (!java.nio.file.Files.exists(where)) {
            console.info("training the quality classifier on %s (%d images, %d epochs; once, kept in %s)", trainRows.name(),
                    trainRows.rows(), config.epochs(), where);
        }
        ClassifierCache.Trained c = ClassifierCache.obtain(ClassifierCache.standardRoot(), config, trainRows, train.labels(),
                testRows, test.labels(), new Bar(console));
        console.info("quality classifier: test accuracy %.4f (%s)", c.testAccuracy(), c.dir());
        return new QualityEvaluation(console, c, real);
    }

    /** The measures of {@code n} samples of {@code sampler} (seeded by {@code seed}), as JSON. */
    ObjectNode measure(String name, LatentSamplers.Sampler sampler, int n, long seed) {
        RandomSource rng = new RandomSource(seed);
        Tensor x = sampler.sample(n, false, rng.split());
        DataMatrix samples = new DataMatrix(name + " samples", x.data(), n, x.dim(1));
        ImageQuality q = ImageQuality.measure(classifier.classifier(), real, samples, ImageQuality.Settings.DEFAULT, rng.split());
        console.info("%-6s Fréchet distance (classifier features) %.3f, KID %.5f ± %.5f, 1-NN accuracy %.4f,"
                        + " class KL to uniform %.4f", name, q.frechet(), q.kernel().mean(), q.kernel().std(),
                q.nearest().accuracy(), q.histogram().klToUniform());
        return q.toJson();
    }

    /** What the measures were taken with, as JSON. */
    ObjectNode describe() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("real_data", real.name());
        o.put("classifier_test_accuracy", classifier.testAccuracy());
        o.put("classifier_dir", classifier.dir().toString());
        o.put("features", ClassifierConfig.FEATURES);
        return o;
    }

    /** A progress bar per epoch of the classifier's training, and its figures after each epoch. */
    private static final class Bar implements TrainingListener {
        private final Console console;
        private Progress bar = Progress.hidden();
        private int batches;
        private int last;

        Bar(Console console) {
            this.console = console;
        }

        @Override
        public void onStart(int firstEpoch, int lastEpoch, int batchesPerEpoch) {
            batches = batchesPerEpoch;
            last = lastEpoch;
        }

        @Override
        public void onBatch(int epoch, int batch, double meanLoss) {
            if (batch == 1) {
                bar.close();
                bar = console.progress("classifier epoch " + epoch + "/" + last, batches);
            }
            bar.advanceTo(batch);
        }

        @Override
        public void onEpoch(EpochResult r) {
            bar.close();
            bar = Progress.hidden();
            console.info("classifier epoch %d/%d: train loss %.4f, test accuracy %s", r.epoch(), last, r.trainLoss(),
                    String.format(Locale.ROOT, "%.4f", r.test().getOrDefault("accuracy", Double.NaN)));
        }
    }
}
