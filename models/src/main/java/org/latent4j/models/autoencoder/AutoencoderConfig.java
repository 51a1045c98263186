package org.latent4j.models.autoencoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.latent4j.io.Json;
import org.latent4j.models.training.JsonFields;
import org.latent4j.models.vae.LikelihoodKind;
import org.latent4j.nn.Activation;

/**
 * Hyperparameters of a deterministic autoencoder, the same parts as the VAE's defaults (784-400-20,
 * ReLU, Bernoulli reconstruction loss) without the sampling and the KL term.
 *
 * @param inputDim   D
 * @param latentDim  the code size
 * @param hidden     hidden widths of the encoder (the decoder mirrors them)
 * @param activation hidden activation
 * @param likelihood the reconstruction loss as a likelihood (Bernoulli: cross-entropy; Gaussian: squared error)
 * @param seed       seed of the weight initialization
 */
public record AutoencoderConfig(int inputDim, int latentDim, int[] hidden, Activation activation,
                                LikelihoodKind likelihood, long seed) {
    public AutoencoderConfig {
        if (inputDim < 1 || latentDim < 1) {
            throw new IllegalArgumentException("AutoencoderConfig: inputDim and latentDim must be >= 1, got "
                    + inputDim + " and " + latentDim);
        }
        hidden = hidden.clone();
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("AutoencoderConfig: hidden sizes must be >= 1, got " + Arrays.toString(hidden));
            }
        }
        if (activation == null || likelihood == null) {
            throw new IllegalArgumentException("AutoencoderConfig: activation and likelihood are required");
        }
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    public static Builder builder(int inputDim) {
        return new Builder(inputDim);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("architecture", "mlp");
        o.put("input_dim", inputDim);
        o.put("latent_dim", latentDim);
        ArrayNode h = o.putArray("hidden");
        Arrays.stream(hidden).forEach(h::add);
        o.put("activation", activation.cliName());
        o.put("likelihood", likelihood.id());
        o.put("seed", seed);
        return o;
    }

    public static AutoencoderConfig fromJson(JsonNode node, String source) {
        JsonFields f = new JsonFields(node, source);
        try {
            return new AutoencoderConfig(f.integer("input_dim", 1), f.integer("latent_dim", 1), f.intArray("hidden", 1),
                    f.parsed("activation", Activation::parse), f.parsed("likelihood", LikelihoodKind::parse), f.longValue("seed"));
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(source + ": ") ? e
                    : new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AutoencoderConfig c && toJson().equals(c.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    /** Builder with the reference defaults. */
    public static final class Builder {
        private final int inputDim;
        private int latentDim = 20;
        private int[] hidden = {400};
        private Activation activation = Activation.RELU;
        private LikelihoodKind likelihood = LikelihoodKind.BERNOULLI;
        private long seed = 1;

        private Builder(int inputDim) {
            this.inputDim = inputDim;
        }

        public Builder latentDim(int v) { latentDim = v; return this; }
        public Builder hidden(int... v) { hidden = v.clone(); return this; }
        public Builder activation(Activation v) { activation = v; return this; }
        public Builder likelihood(LikelihoodKind v) { likelihood = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public AutoencoderConfig build() {
            return new AutoencoderConfig(inputDim, latentDim, hidden, activation, likelihood, seed);
        }
    }
}
