package org.latent4j.models.autoencoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.latent4j.io.Json;
import org.latent4j.models.networks.ConvArchitecture;
import org.latent4j.models.training.JsonFields;
import org.latent4j.models.vae.LikelihoodKind;
import org.latent4j.nn.Activation;

/**
 * Hyperparameters of a deterministic autoencoder, the same parts as the VAE's defaults (784-400-20,
 * ReLU, Bernoulli reconstruction loss) without the sampling and the KL term. With a {@link ConvArchitecture}
 * the networks are the convolutional VAE's ({@link org.latent4j.models.networks.ConvNetworks}), the encoder
 * ending in a linear layer to the code.
 *
 * @param inputDim   D (channels·height·width for a convolutional autoencoder)
 * @param latentDim  the code size
 * @param hidden     hidden widths of the encoder (the decoder mirrors them); conv: dense layers after the convolutions
 * @param activation hidden activation
 * @param likelihood the reconstruction loss as a likelihood (Bernoulli: cross-entropy; Gaussian: squared error)
 * @param seed       seed of the weight initialization
 * @param conv       the convolutional layers, or null for multilayer perceptrons
 */
public record AutoencoderConfig(int inputDim, int latentDim, int[] hidden, Activation activation,
                                LikelihoodKind likelihood, long seed, ConvArchitecture conv) {
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
        if (conv != null && conv.image().size() != inputDim) {
            throw new IllegalArgumentException("AutoencoderConfig: the image shape " + conv.image() + " holds "
                    + conv.image().size() + " values, but inputDim is " + inputDim);
        }
    }

    /** {@code mlp} or {@code conv}. */
    public String architecture() {
        return conv == null ? "mlp" : "conv";
    }

    /** The decoder's dense widths: the hidden widths reversed. */
    public int[] decoderHidden() {
        int[] out = new int[hidden.length];
        for (int i = 0; i < hidden.length; i++) {
            out[i] = hidden[hidden.length - 1 - i];
        }
        return out;
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
        o.put("architecture", architecture());
        o.put("input_dim", inputDim);
        o.put("latent_dim", latentDim);
        ArrayNode h = o.putArray("hidden");
        Arrays.stream(hidden).forEach(h::add);
        o.put("activation", activation.cliName());
        o.put("likelihood", likelihood.id());
        o.put("seed", seed);
        if (conv != null) {
            o.set("conv", conv.toJson());
        }
        return o;
    }

    public static AutoencoderConfig fromJson(JsonNode node, String source) {
        JsonFields f = new JsonFields(node, source);
        String arch = node.has("architecture") ? f.text("architecture") : "mlp";
        if (!arch.equals("mlp") && !arch.equals("conv")) {
            throw new IllegalArgumentException(source + ": architecture '" + arch + "' is not supported (expected mlp or conv)");
        }
        ConvArchitecture conv = null;
        if (arch.equals("conv")) {
            if (!node.has("conv")) {
                throw new IllegalArgumentException(source + ": missing field 'conv' (the layers of architecture conv)");
            }
            conv = ConvArchitecture.fromJson(node.get("conv"), source + " field 'conv'");
        }
        try {
            return new AutoencoderConfig(f.integer("input_dim", 1), f.integer("latent_dim", 1), f.intArray("hidden", 1),
                    f.parsed("activation", Activation::parse), f.parsed("likelihood", LikelihoodKind::parse), f.longValue("seed"),
                    conv);
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

    /** Builder with the reference defaults; hidden widths not set are {400} for an MLP and none for conv. */
    public static final class Builder {
        private final int inputDim;
        private int latentDim = 20;
        private int[] hidden;
        private ConvArchitecture conv;
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
        /** Convolutional encoder and decoder (null: MLPs). */
        public Builder conv(ConvArchitecture v) { conv = v; return this; }

        public AutoencoderConfig build() {
            int[] h = hidden != null ? hidden : conv == null ? new int[] {400} : new int[0];
            return new AutoencoderConfig(inputDim, latentDim, h, activation, likelihood, seed, conv);
        }
    }
}
