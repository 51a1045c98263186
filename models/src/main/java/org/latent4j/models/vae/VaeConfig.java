package org.latent4j.models.vae;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.latent4j.io.Json;
import org.latent4j.models.networks.ConvArchitecture;
import org.latent4j.models.networks.RecurrentArchitecture;
import org.latent4j.models.training.JsonFields;
import org.latent4j.nn.Activation;

/**
 * The hyperparameters of a VAE (learned state lives in {@link Vae}). The defaults are the reference
 * model: 784-400-20 with ReLU and a Bernoulli likelihood. With a {@link ConvArchitecture} ({@code conv}) the
 * encoder body and the decoder are convolutional ({@link org.latent4j.models.networks.ConvNetworks}) and the
 * hidden widths are dense layers after the convolutions (none by default, as in the reference ConvVAE).
 *
 * @param inputDim      D, the data dimension (channels·height·width for a convolutional VAE)
 * @param latentDim     the latent dimension
 * @param encoderHidden hidden layer widths of the encoder MLP body (conv: dense layers after the convolutions)
 * @param decoderHidden hidden layer widths of the decoder MLP (conv: dense layers before the transposed convolutions)
 * @param activation    hidden activation of both networks
 * @param likelihood    the decoder likelihood p(x|z)
 * @param beta          weight of the KL term (β-VAE; 1 gives the ELBO)
 * @param samples       K, Monte Carlo samples of z per example in the training objective
 * @param warmupEpochs  β rises linearly from 0 to {@code beta} over this many epochs (0: no warm-up)
 * @param freeBits      λ, a floor in nats on the batch-mean KL of each latent dimension (Kingma et al. 2016); 0: off
 * @param seed          seed of the weight initialization
 * @param conv          the convolutional layers, or null for multilayer perceptrons
 * @param recurrent     the recurrent encoder body and decoder of a sequence VAE ({@link RecurrentArchitecture}),
 *                      or null; the hidden widths are then empty (the recurrent layers have their own size)
 */
public record VaeConfig(int inputDim, int latentDim, int[] encoderHidden, int[] decoderHidden, Activation activation,
                        LikelihoodKind likelihood, double beta, int samples, double warmupEpochs, double freeBits,
                        long seed, ConvArchitecture conv, RecurrentArchitecture recurrent) {

    public VaeConfig {
        require(inputDim >= 1, "inputDim must be >= 1, got " + inputDim);
        require(latentDim >= 1, "latentDim must be >= 1, got " + latentDim);
        encoderHidden = checkHidden("encoderHidden", encoderHidden);
        decoderHidden = checkHidden("decoderHidden", decoderHidden);
        require(activation != null, "activation is required");
        require(likelihood != null, "likelihood is required");
        require(beta >= 0 && Double.isFinite(beta), "beta must be finite and >= 0, got " + beta);
        require(samples >= 1, "samples (K) must be >= 1, got " + samples);
        require(warmupEpochs >= 0 && Double.isFinite(warmupEpochs), "warmupEpochs must be >= 0, got " + warmupEpochs);
        require(freeBits >= 0 && Double.isFinite(freeBits), "freeBits must be >= 0, got " + freeBits);
        require(conv == null || conv.image().size() == inputDim, conv == null ? "" : "the image shape " + conv.image()
                + " holds " + conv.image().size() + " values, but inputDim is " + inputDim);
        require(conv == null || recurrent == null, "a VAE is convolutional or recurrent, not both");
        require(recurrent == null || recurrent.size() == inputDim, recurrent == null ? "" : recurrent.steps() + " steps of "
                + recurrent.features() + " features hold " + recurrent.size() + " values, but inputDim is " + inputDim);
        require(recurrent == null || encoderHidden.length == 0 && decoderHidden.length == 0,
                "a recurrent VAE has no hidden dense layers (its size is the recurrent layers' hidden size)");
    }

    /** {@code mlp}, {@code conv}, {@code lstm} or {@code gru}. */
    public String architecture() {
        return recurrent != null ? recurrent.cell().id() : conv == null ? "mlp" : "conv";
    }

    /** F, the values per time step of a sequence VAE; the input dimension for other VAEs (one step). */
    public int features() {
        return recurrent == null ? inputDim : recurrent.features();
    }

    private static int[] checkHidden(String what, int[] sizes) {
        require(sizes != null, what + " is required (may be empty)");
        for (int s : sizes) {
            require(s >= 1, what + " sizes must be >= 1, got " + Arrays.toString(sizes));
        }
        return sizes.clone();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("VaeConfig: " + message);
        }
    }

    @Override
    public int[] encoderHidden() {
        return encoderHidden.clone();
    }

    @Override
    public int[] decoderHidden() {
        return decoderHidden.clone();
    }

    /** β for a training step at a fractional epoch position (0 at the start of training). */
    public double betaAt(double epochsDone) {
        return warmupEpochs <= 0 ? beta : beta * Math.min(1.0, epochsDone / warmupEpochs);
    }

    public static Builder builder(int inputDim) {
        return new Builder(inputDim);
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(inputDim).latentDim(latentDim).encoderHidden(encoderHidden).decoderHidden(decoderHidden)
                .activation(activation).likelihood(likelihood).beta(beta).samples(samples).warmupEpochs(warmupEpochs)
                .freeBits(freeBits).seed(seed).conv(conv).recurrent(recurrent);
    }

    /** The config as JSON (the {@code config.json} of a model directory). */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("architecture", architecture());
        o.put("input_dim", inputDim);
        o.put("latent_dim", latentDim);
        ArrayNode enc = o.putArray("encoder_hidden");
        Arrays.stream(encoderHidden).forEach(enc::add);
        ArrayNode dec = o.putArray("decoder_hidden");
        Arrays.stream(decoderHidden).forEach(dec::add);
        o.put("activation", activation.cliName());
        o.put("likelihood", likelihood.id());
        o.put("beta", beta);
        o.put("samples", samples);
        o.put("warmup_epochs", warmupEpochs);
        o.put("free_bits", freeBits);
        o.put("seed", seed);
        if (conv != null) {
            o.set("conv", conv.toJson());
        }
        if (recurrent != null) {
            o.set("recurrent", recurrent.toJson());
        }
        return o;
    }

    /** Reads {@link #toJson()}; errors name the field and what it should be. */
    public static VaeConfig fromJson(JsonNode o, String source) {
        JsonFields r = new JsonFields(o, source);
        String arch = r.text("architecture");
        boolean sequence = arch.equals("lstm") || arch.equals("gru");
        if (!arch.equals("mlp") && !arch.equals("conv") && !sequence) {
            throw new IllegalArgumentException(source + ": architecture '" + arch
                    + "' is not supported (expected mlp, conv, lstm or gru)");
        }
        RecurrentArchitecture recurrent = null;
        if (sequence) {
            if (!o.has("recurrent")) {
                throw new IllegalArgumentException(source + ": missing field 'recurrent' (the layers of architecture " + arch + ")");
            }
            recurrent = RecurrentArchitecture.fromJson(o.get("recurrent"), source + " field 'recurrent'");
            if (!recurrent.cell().id().equals(arch)) {
                throw new IllegalArgumentException(source + ": architecture '" + arch + "' but field 'recurrent' has cell '"
                        + recurrent.cell().id() + "'");
            }
        }
        ConvArchitecture conv = null;
        if (arch.equals("conv")) {
            if (!o.has("conv")) {
                throw new IllegalArgumentException(source + ": missing field 'conv' (the layers of architecture conv)");
            }
            conv = ConvArchitecture.fromJson(o.get("conv"), source + " field 'conv'");
        }
        // Each field is checked under its own name, so the config's checks below (in Java names) cannot fail.
        try {
            return new Builder(r.integer("input_dim", 1)).latentDim(r.integer("latent_dim", 1))
                    .encoderHidden(r.intArray("encoder_hidden", 1)).decoderHidden(r.intArray("decoder_hidden", 1))
                    .activation(r.parsed("activation", Activation::parse))
                    .likelihood(r.parsed("likelihood", LikelihoodKind::parse))
                    .beta(r.number("beta", 0)).samples(r.integer("samples", 1)).warmupEpochs(r.number("warmup_epochs", 0))
                    .freeBits(r.number("free_bits", 0)).seed(r.longValue("seed")).conv(conv).recurrent(recurrent).build();
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(source + ": ") ? e
                    : new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VaeConfig c && toJson().equals(c.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "VaeConfig" + toJson();
    }

    /**
     * Builds a {@link VaeConfig}; every field but the input dimension has the reference default. Hidden widths
     * not set default to {400} for an MLP and to none for a convolutional or recurrent VAE.
     */
    public static final class Builder {
        private final int inputDim;
        private int latentDim = 20;
        private int[] encoderHidden;
        private int[] decoderHidden;
        private ConvArchitecture conv;
        private RecurrentArchitecture recurrent;
        private Activation activation = Activation.RELU;
        private LikelihoodKind likelihood = LikelihoodKind.BERNOULLI;
        private double beta = 1;
        private int samples = 1;
        private double warmupEpochs = 0;
        private double freeBits = 0;
        private long seed = 1;

        private Builder(int inputDim) {
            this.inputDim = inputDim;
        }

        public Builder latentDim(int v) { latentDim = v; return this; }
        /** Same hidden widths for encoder and decoder (the decoder's in reverse order). */
        public Builder hidden(int... v) {
            encoderHidden = v.clone();
            decoderHidden = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                decoderHidden[i] = v[v.length - 1 - i];
            }
            return this;
        }
        public Builder encoderHidden(int... v) { encoderHidden = v.clone(); return this; }
        public Builder decoderHidden(int... v) { decoderHidden = v.clone(); return this; }
        public Builder activation(Activation v) { activation = v; return this; }
        public Builder likelihood(LikelihoodKind v) { likelihood = v; return this; }
        public Builder beta(double v) { beta = v; return this; }
        public Builder samples(int v) { samples = v; return this; }
        public Builder warmupEpochs(double v) { warmupEpochs = v; return this; }
        public Builder freeBits(double v) { freeBits = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        /** Convolutional encoder body and decoder (null: MLPs). */
        public Builder conv(ConvArchitecture v) { conv = v; return this; }
        /** Recurrent encoder body and decoder of a sequence VAE (null: MLPs or convolutions). */
        public Builder recurrent(RecurrentArchitecture v) { recurrent = v; return this; }

        public VaeConfig build() {
            int[] defaultHidden = conv == null && recurrent == null ? new int[] {400} : new int[0];
            return new VaeConfig(inputDim, latentDim, encoderHidden == null ? defaultHidden : encoderHidden,
                    decoderHidden == null ? defaultHidden : decoderHidden, activation, likelihood, beta,
                    samples, warmupEpochs, freeBits, seed, conv, recurrent);
        }
    }
}
