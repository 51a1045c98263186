package org.latent4j.models.quality;

import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.EvalMode;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.training.TrainingListener;
import org.latent4j.models.training.Trainer;
import org.latent4j.nn.Activation;
import org.latent4j.nn.Conv2d;
import org.latent4j.nn.Flatten;
import org.latent4j.nn.Layer;
import org.latent4j.nn.Linear;
import org.latent4j.nn.Module;
import org.latent4j.nn.Sequential;
import org.latent4j.nn.Unflatten;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * The small convolutional classifier whose penultimate features stand in for Inception's in latent4j's
 * sample-quality measures (no Inception network is at hand, and ImageNet features say little about 28×28
 * clothes):
 * <pre>
 * features: Unflatten(C, H, W), Conv2d(C→32, k4 s2 p1), ReLU, Conv2d(32→64, k4 s2 p1), ReLU, Flatten,
 *           Linear(→128), ReLU
 * head:     Linear(128→classes)
 * </pre>
 * trained with softmax cross-entropy by latent4j's {@link Trainer} (Adam 1e-3, batch 128, seeded). Children
 * {@code features} and {@code head}; rows in, logits or features out.
 */
public final class ImageClassifier extends Module {
    private static final int EVAL_BATCH = 500;

    private final ClassifierConfig config;
    private final Sequential features;
    private final Linear head;

    /** A classifier initialized like PyTorch's layers from the config's seed. */
    public ImageClassifier(ClassifierConfig config) {
        this.config = config;
        RandomSource rng = new RandomSource(config.seed());
        int h = convOut(convOut(config.height()));
        int w = convOut(convOut(config.width()));
        this.features = child("features", new Sequential(
                new Unflatten(config.channels(), config.height(), config.width()),
                new Conv2d(config.channels(), 32, 4, 2, 1, true, rng), Activation.RELU.layer(),
                new Conv2d(32, 64, 4, 2, 1, true, rng), Activation.RELU.layer(),
                new Flatten(),
                new Linear(64 * h * w, ClassifierConfig.FEATURES, rng), Activation.RELU.layer()));
        this.head = child("head", new Linear(ClassifierConfig.FEATURES, config.classes(), rng));
    }

    private static int convOut(int size) {
        return Conv2d.outputSize(size, 4, 2, 1, 1);
    }

    public ClassifierConfig config() {
        return config;
    }

    /** The class logits [N, classes] of rows [N, C·H·W] (recorded for gradients when recording is on). */
    public Tensor logits(Tensor x) {
        return head.forward(features.forward(x));
    }

    Layer featureLayer() {
        return features;
    }

    /**
     * Trains on labelled rows; the history's held-out figures hold the test {@code accuracy}.
     *
     * @param trainLabels a class in [0, classes) per training row
     * @param test        held-out rows (may be null), with {@code testLabels}
     */
    public TrainingHistory fit(DataMatrix train, int[] trainLabels, DataMatrix test, int[] testLabels,
                               TrainingListener... listeners) {
        TrainingConfig training = TrainingConfig.builder().epochs(config.epochs()).seed(config.seed()).build();
        Trainer trainer = new Trainer(training);
        for (TrainingListener l : listeners) {
            trainer.listener(l);
        }
        DataMatrix labelledTest = test == null ? null : ClassifierObjective.labelled(test, testLabels, config);
        return trainer.fit(new ClassifierObjective(this), ClassifierObjective.labelled(train, trainLabels, config),
                labelledTest);
    }

    /** The penultimate features [rows, {@value ClassifierConfig#FEATURES}] of the rows, row-major. */
    public float[] features(DataMatrix data) {
        return apply(data, ClassifierConfig.FEATURES, true);
    }

    /** The most likely class of each row. */
    public int[] predict(DataMatrix data) {
        float[] logits = apply(data, config.classes(), false);
        int k = config.classes();
        int[] out = new int[data.rows()];
        for (int i = 0; i < out.length; i++) {
            int arg = 0;
            for (int c = 1; c < k; c++) {
                if (logits[i * k + c] > logits[i * k + arg]) {
                    arg = c;
                }
            }
            out[i] = arg;
        }
        return out;
    }

    /** The share of rows whose predicted class is their label. */
    public double accuracy(DataMatrix data, int[] labels) {
        int[] predicted = predict(data);
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / predicted.length;
    }

    private float[] apply(DataMatrix data, int width, boolean featuresOnly) {
        data.requireColumns(config.inputDim(), "the quality classifier (" + config.channels() + "×" + config.height()
                + "×" + config.width() + " images)").requireFinite();
        float[] out = new float[data.rows() * width];
        try (var g = Autograd.noGrad(); var m = EvalMode.of(this)) {
            for (int start = 0; start < data.rows(); start += EVAL_BATCH) {
                int end = Math.min(data.rows(), start + EVAL_BATCH);
                Tensor f = features.forward(data.slice(start, end));
                Tensor y = featuresOnly ? f : head.forward(f);
                System.arraycopy(y.data(), 0, out, start * width, (end - start) * width);
            }
        }
        return out;
    }
}
