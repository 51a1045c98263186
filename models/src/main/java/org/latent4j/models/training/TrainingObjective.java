package org.latent4j.models.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latent4j.nn.Module;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/** What a {@link Trainer} fits: a module, the loss of a mini-batch, and figures on held-out data. */
public interface TrainingObjective {

    /** The module whose parameters are trained and whose state (parameters and buffers) is checkpointed. */
    Module module();

    /**
     * The loss of one mini-batch. Nothing computed here may be kept beyond the training step (a field
     * holding an activation, a view of one, or its data): once the optimizer has stepped, the {@link Trainer}
     * hands the step's arrays to the next step's ops. Copy what must outlive the step; the batch too is
     * reused.
     *
     * @param batch         the examples, [B, D]
     * @param epochPosition how far training has come, in epochs (0 at the start; 1.5 halfway through the second)
     * @param noise         the random source for any sampling in the loss (reparameterization noise)
     */
    BatchLoss loss(Tensor batch, double epochPosition, RandomSource noise);

    /**
     * Figures on held-out data, each a mean per example; must hold {@code "loss"}, the figure early
     * stopping watches and that is comparable with {@link BatchLoss#reported()}.
     */
    Map<String, Double> evaluate(DataMatrix data, RandomSource rng);

    /**
     * The loss of a batch: what the gradient descends, what is reported, and the named parts of the
     * reported loss (e.g. {@code recon} and {@code kl} for a VAE), each summed over the batch like
     * {@code reported}; the {@link Trainer} averages them per training example over the epoch.
     *
     * @param objective the differentiable scalar to minimize, summed (not averaged) over the batch
     * @param reported  the batch's summed loss as reported (e.g. the negative ELBO with β = 1)
     * @param parts     named parts of the reported loss, summed over the batch (may be empty; no key "loss")
     */
    record BatchLoss(Tensor objective, double reported, Map<String, Double> parts) {
        public BatchLoss {
            if (parts.containsKey("loss")) {
                throw new IllegalArgumentException("BatchLoss: the part name 'loss' is taken by the reported loss");
            }
            parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        }

        /** A batch loss without named parts. */
        public BatchLoss(Tensor objective, double reported) {
            this(objective, reported, Map.of());
        }
    }
}
