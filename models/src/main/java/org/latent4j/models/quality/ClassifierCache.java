package org.latent4j.models.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.Json;
import org.latent4j.io.ModelFiles;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.training.TrainingListener;

/**
 * Trains the {@link ImageClassifier} of a data set once and keeps it: a model directory
 * ({@link ModelFiles}, kind {@value #KIND}) under {@code ROOT/classifiers/KEY}, where KEY is a fingerprint
 * of the training images, their labels and the classifier's settings, so other data or settings get another
 * classifier. ROOT is {@code $LATENT4J_CACHE}, else {@code $XDG_CACHE_HOME/latent4j}, else
 * {@code ~/.cache/latent4j}. The directory is written atomically; a folder at that place that is not such a
 * classifier (another program's) is refused, never replaced.
 */
public final class ClassifierCache {
    /** The model kind recorded in the metadata. */
    public static final String KIND = "quality-classifier";

    private ClassifierCache() {}

    /**
     * A classifier ready for the measures.
     *
     * @param classifier   the network, in evaluation mode
     * @param testAccuracy its accuracy on the held-out images it was trained beside
     * @param fromCache    whether it was read from the cache rather than trained now
     * @param dir          its model directory
     */
    public record Trained(ImageClassifier classifier, double testAccuracy, boolean fromCache, Path dir) {}

    /** The cache root of this process (see the class comment; the system property latent4j.cache comes first). */
    public static Path standardRoot() {
        String own = System.getProperty("latent4j.cache", System.getenv("LATENT4J_CACHE"));
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("latent4j");
    }

    /** Where the classifier of this data and these settings lives under {@code root}. */
    public static Path location(Path root, ClassifierConfig config, DataMatrix train, int[] trainLabels) {
        long h = train.fingerprint();
        for (int label : trainLabels) {
            h = (h ^ label) * 0x100000001b3L;
        }
        h = (h ^ config.toJson().toString().hashCode()) * 0x100000001b3L;
        return root.resolve("classifiers").resolve(String.format(Locale.ROOT, "%016x", h));
    }

    /**
     * The cached classifier of this data and these settings, or one trained now (on {@code train}, its
     * accuracy measured on {@code test}) and written to the cache.
     */
    public static Trained obtain(Path root, ClassifierConfig config, DataMatrix train, int[] trainLabels, DataMatrix test,
                                 int[] testLabels, TrainingListener... listeners) throws IOException {
        Path dir = location(root, config, train, trainLabels);
        if (Files.exists(dir)) {
            return read(dir, config);
        }
        ImageClassifier classifier = new ImageClassifier(config);
        TrainingHistory history = classifier.fit(train, trainLabels, test, testLabels, listeners);
        double accuracy = classifier.accuracy(test, testLabels);
        ObjectNode meta = Json.mapper().createObjectNode();
        meta.put("train_data", train.name());
        meta.put("train_rows", train.rows());
        meta.put("train_fingerprint", String.format(Locale.ROOT, "%016x", train.fingerprint()));
        meta.put("test_data", test.name());
        meta.put("test_accuracy", accuracy);
        EpochResult last = history.epochs().isEmpty() ? null : history.epochs().get(history.epochs().size() - 1);
        if (last != null) {
            meta.put("train_loss", last.trainLoss());
        }
        ModelFiles.write(dir, new ModelFiles.Bundle(KIND, config.toJson(), classifier.stateArrays(), meta));
        return new Trained(classifier, accuracy, false, dir);
    }

    private static Trained read(Path dir, ClassifierConfig expected) throws IOException {
        if (!Files.isRegularFile(dir.resolve(ModelFiles.METADATA))) {
            throw new FileFormatException(dir, "is in latent4j's cache but is not a classifier latent4j wrote (no "
                    + ModelFiles.METADATA + "); move it away and run again");
        }
        ModelFiles.Bundle b = ModelFiles.read(dir, KIND);
        Path configFile = dir.resolve(ModelFiles.CONFIG);
        ClassifierConfig config;
        try {
            config = ClassifierConfig.fromJson(b.config(), configFile.toString());
        } catch (IllegalArgumentException e) {
            throw FileFormatException.of(configFile, e);
        }
        if (!config.equals(expected)) {
            throw new FileFormatException(configFile, "holds a classifier for " + config + ", expected " + expected);
        }
        ImageClassifier classifier = new ImageClassifier(config);
        try {
            classifier.loadStateArrays(b.weights());
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(dir.resolve(ModelFiles.WEIGHTS), e.getMessage(), e);
        }
        classifier.train(false);
        double accuracy = b.metadata().path("test_accuracy").asDouble(Double.NaN);
        if (!(accuracy >= 0 && accuracy <= 1)) {
            throw new FileFormatException(dir.resolve(ModelFiles.METADATA), "test_accuracy should be a number in [0, 1], got "
                    + b.metadata().get("test_accuracy"));
        }
        return new Trained(classifier, accuracy, true, dir);
    }
}
