package org.latent4j.models.quality;

import java.util.LinkedHashMap;
import java.util.Map;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.TrainingObjective;
import org.latent4j.nn.Module;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * Softmax cross-entropy of the {@link ImageClassifier} for the {@link org.latent4j.models.training.Trainer},
 * whose batches are rows of one matrix: each row carries its label as one more column after the pixels
 * (see {@link #labelled}), so that the trainer's shuffling keeps images and labels together.
 */
final class ClassifierObjective implements TrainingObjective {
    private final ImageClassifier classifier;

    ClassifierObjective(ImageClassifier classifier) {
        this.classifier = classifier;
    }

    /** The rows with their label appended as a last column; fails naming the row of a label out of range. */
    static DataMatrix labelled(DataMatrix data, int[] labels, ClassifierConfig config) {
        data.requireRows("training the quality classifier").requireColumns(config.inputDim(), "the quality classifier")
                .requireFinite();
        if (labels == null || labels.length != data.rows()) {
            throw new IllegalArgumentException(data.name() + ": the quality classifier needs a class label per row, got "
                    + (labels == null ? "none" : labels.length + " labels for " + data.rows() + " rows"));
        }
        int d = data.cols();
        float[] x = new float[data.rows() * (d + 1)];
        for (int i = 0; i < data.rows(); i++) {
            if (labels[i] < 0 || labels[i] >= config.classes()) {
                throw new IllegalArgumentException(data.name() + ": row " + i + " has label " + labels[i] + "; expected a class in [0, "
                        + config.classes() + ")");
            }
            System.arraycopy(data.x(), i * d, x, i * (d + 1), d);
            x[i * (d + 1) + d] = labels[i];
        }
        return new DataMatrix(data.name(), x, data.rows(), d + 1);
    }

    @Override
    public Module module() {
        return classifier;
    }

    @Override
    public BatchLoss loss(Tensor batch, double epochPosition, RandomSource noise) {
        Tensor loss = crossEntropy(batch);
        return new BatchLoss(loss, loss.item());
    }

    /** Σ over the batch of −log softmax(logits)[label], recorded for gradients. */
    private Tensor crossEntropy(Tensor batch) {
        int n = batch.dim(0);
        int d = batch.dim(1) - 1;
        Tensor x = batch.slice(1, 0, d);
        float[] oneHot = new float[n * classifier.config().classes()];
        float[] rows = batch.data();
        int k = classifier.config().classes();
        for (int i = 0; i < n; i++) {
            oneHot[i * k + (int) rows[i * (d + 1) + d]] = 1f;
        }
        return classifier.logits(x).logSoftmax(1).mul(Tensor.of(oneHot, n, k)).sum().neg();
    }

    @Override
    public Map<String, Double> evaluate(DataMatrix data, RandomSource rng) {
        int d = data.cols() - 1;
        double loss = 0;
        int right = 0;
        int[] order = new int[data.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int k = classifier.config().classes();
        try (var g = Autograd.noGrad()) {
            for (int start = 0; start < data.rows(); start += 500) {
                int end = Math.min(data.rows(), start + 500);
                Tensor batch = data.gather(order, start, end);
                loss += crossEntropy(batch).item();
                float[] logits = classifier.logits(batch.slice(1, 0, d)).data();
                float[] rows = batch.data();
                for (int i = 0; i < end - start; i++) {
                    int arg = 0;
                    for (int c = 1; c < k; c++) {
                        if (logits[i * k + c] > logits[i * k + arg]) {
                            arg = c;
                        }
                    }
                    right += arg == (int) rows[i * (d + 1) + d] ? 1 : 0;
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", loss / data.rows());
        out.put("accuracy", (double) right / data.rows());
        return out;
    }
}
