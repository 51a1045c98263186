package org.latent4j.models.series;

import java.util.Map;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.Trainer;
import org.latent4j.models.training.TrainingObjective;
import org.latent4j.nn.Activation;
import org.latent4j.nn.Mlp;
import org.latent4j.nn.Module;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Losses;
import org.latent4j.tensor.Tensor;

/**
 * The two small networks of the synthetic-series measures, each an MLP (input, one hidden ReLU layer, output)
 * trained by the {@link Trainer} on rows that hold the input followed by the target, so that the trainer's
 * shuffling keeps each input with its target:
 * <ul>
 *   <li>a classifier of windows, real (1) or synthetic (0): binary cross-entropy with logits;</li>
 *   <li>a one-step-ahead predictor: the first T-1 steps of a window in, its last step out, mean absolute error
 *       (TimeGAN's predictive score trains on the absolute error too).</li>
 * </ul>
 */
final class WindowNetworks {
    private WindowNetworks() {}

    /** How a trained network's loss is computed from a row [input | target]. */
    enum Loss { LOGISTIC, ABSOLUTE }

    /** An MLP trained on rows [input (inputs columns) | target (outputs columns)]. */
    static final class Objective implements TrainingObjective {
        private final Mlp net;
        private final int inputs;
        private final int outputs;
        private final Loss loss;

        Objective(int inputs, int outputs, int hidden, Loss loss, RandomSource rng) {
            this.net = new Mlp(new int[] {inputs, hidden, outputs}, Activation.RELU, Activation.IDENTITY, rng);
            this.inputs = inputs;
            this.outputs = outputs;
            this.loss = loss;
        }

        @Override
        public Module module() {
            return net;
        }

        /** The summed loss of a batch of rows [input | target]. */
        private Tensor summed(Tensor rows) {
            Tensor x = rows.slice(1, 0, inputs);
            Tensor y = rows.slice(1, inputs, inputs + outputs);
            Tensor out = net.forward(x);
            return loss == Loss.LOGISTIC ? Losses.binaryCrossEntropyWithLogits(out, y).sum() : out.sub(y).abs().sum();
        }

        @Override
        public BatchLoss loss(Tensor batch, double epochPosition, RandomSource noise) {
            Tensor s = summed(batch);
            return new BatchLoss(s, s.item());
        }

        @Override
        public Map<String, Double> evaluate(DataMatrix data, RandomSource rng) {
            try (var scope = Autograd.noGrad()) {
                return Map.of("loss", summed(data.slice(0, data.rows())).item() / (double) data.rows());
            }
        }

        /** The network's outputs [N, outputs] for rows whose first {@code inputs} columns are the input. */
        float[] predict(float[] rows, int n, int width) {
            net.train(false);
            try (var scope = Autograd.noGrad()) {
                return net.forward(Tensor.of(rows, n, width).slice(1, 0, inputs)).toArray();
            }
        }
    }

    /** Trains a new network on rows [input | target]. */
    static Objective fit(float[] rows, int n, int inputs, int outputs, Loss loss, MeasureSettings s, String name) {
        RandomSource rng = new RandomSource(s.seed()).split();
        Objective o = new Objective(inputs, outputs, s.hidden(), loss, rng);
        new Trainer(s.training()).fit(o, new DataMatrix(name, rows, n, inputs + outputs), null);
        return o;
    }
}
