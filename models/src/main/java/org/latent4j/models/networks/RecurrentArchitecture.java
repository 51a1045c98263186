package org.latent4j.models.networks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.latent4j.io.Json;
import org.latent4j.models.training.JsonFields;

/**
 * The recurrent encoder body and decoder of a sequence VAE (see {@link RecurrentNetworks}). A data row of
 * {@code steps · features} values is read time-major as {@code steps} observations of {@code features} values
 * each (an image: one row of pixels per step). The encoder runs {@code layers} stacked recurrent layers over the
 * steps (both directions when {@code bidirectional}) and hands its last layer's final hidden state to the μ and
 * log σ² heads. The decoder starts from h0 = tanh(Linear(z)) (c0 = 0 for an LSTM), reads z at every step, and,
 * when {@code autoregressive}, also the previous observation x_{t−1} (x_0 = 0): teacher forcing in training, with
 * each previous observation replaced by zeros with probability {@code inputDropout} (the word dropout of Bowman
 * et al., "Generating Sentences from a Continuous Space", CoNLL 2016, against posterior collapse), and
 * ancestral sampling step by step when generating. A Linear(hidden → features) gives each step's likelihood
 * parameters.
 *
 * <p>{@link #reference(RecurrentCell, int, int)} is the model of the PyTorch reference
 * (bench/torch_seq_vae.py): one layer of 256, one direction, not autoregressive.
 *
 * @param cell          LSTM or GRU
 * @param steps         T, time steps per row
 * @param features      F, values per step
 * @param hidden        H, the hidden size of every recurrent layer
 * @param layers        stacked recurrent layers in the encoder and in the decoder
 * @param bidirectional whether the encoder also reads the steps backwards (the decoder always runs forwards)
 * @param autoregressive whether the decoder also reads the previous observation
 * @param inputDropout  autoregressive: probability of zeroing each previous observation while training, in [0, 1)
 */
public record RecurrentArchitecture(RecurrentCell cell, int steps, int features, int hidden, int layers,
                                    boolean bidirectional, boolean autoregressive, double inputDropout) {
    /** The reference model's hidden size. */
    public static final int DEFAULT_HIDDEN = 256;

    public RecurrentArchitecture {
        require(cell != null, "the cell is required (lstm or gru)");
        require(steps >= 1, "steps must be >= 1, got " + steps);
        require(features >= 1, "features must be >= 1, got " + features);
        require((long) steps * features <= Integer.MAX_VALUE, "steps × features = " + (long) steps * features + " is too large");
        require(hidden >= 1, "hidden must be >= 1, got " + hidden);
        require(layers >= 1, "layers must be >= 1, got " + layers);
        require(inputDropout >= 0 && inputDropout < 1, "input dropout must be in [0, 1), got " + inputDropout);
        require(autoregressive || inputDropout == 0, "input dropout " + inputDropout
                + " needs an autoregressive decoder (it drops the previous observation)");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("recurrent architecture: " + message);
        }
    }

    /** The reference sequence VAE's networks: one {@code cell} layer of 256 units, one direction, z as the only decoder input. */
    public static RecurrentArchitecture reference(RecurrentCell cell, int steps, int features) {
        return new RecurrentArchitecture(cell, steps, features, DEFAULT_HIDDEN, 1, false, false, 0);
    }

    /** T·F, the width of a data row. */
    public int size() {
        return steps * features;
    }

    /** The width of the encoder's final state: H, or 2H when bidirectional. */
    public int encoderOutput() {
        return bidirectional ? 2 * hidden : hidden;
    }

    /** A short description, e.g. {@code lstm 28×28 →256 (2 layers, bidirectional, autoregressive, input dropout 0.25)}. */
    public String describe() {
        StringBuilder s = new StringBuilder(cell.id()).append(' ').append(steps).append('×').append(features)
                .append(" →").append(hidden);
        StringBuilder opts = new StringBuilder();
        if (layers > 1) {
            opts.append(layers).append(" layers");
        }
        if (bidirectional) {
            opts.append(opts.isEmpty() ? "" : ", ").append("bidirectional");
        }
        if (autoregressive) {
            opts.append(opts.isEmpty() ? "" : ", ").append("autoregressive");
            if (inputDropout > 0) {
                opts.append(", input dropout ").append(inputDropout);
            }
        }
        return opts.isEmpty() ? s.toString() : s.append(" (").append(opts).append(')').toString();
    }

    /** The architecture as the {@code recurrent} object of a model's config.json. */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("cell", cell.id());
        o.put("steps", steps);
        o.put("features", features);
        o.put("hidden", hidden);
        o.put("layers", layers);
        o.put("bidirectional", bidirectional);
        o.put("autoregressive", autoregressive);
        o.put("input_dropout", inputDropout);
        return o;
    }

    /** Reads {@link #toJson()}; errors name the source and the field. */
    public static RecurrentArchitecture fromJson(JsonNode node, String source) {
        JsonFields f = new JsonFields(node, source);
        try {
            return new RecurrentArchitecture(f.parsed("cell", RecurrentCell::parse), f.integer("steps", 1),
                    f.integer("features", 1), f.integer("hidden", 1), f.integer("layers", 1),
                    bool(node, "bidirectional", source), bool(node, "autoregressive", source), f.number("input_dropout", 0));
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(source) ? e
                    : new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static boolean bool(JsonNode node, String name, String source) {
        JsonNode v = node.get(name);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException(source + ": field '" + name + "' should be true or false, got "
                    + (v == null ? "nothing" : v.toString()));
        }
        return v.booleanValue();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecurrentArchitecture r && toJson().equals(r.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "RecurrentArchitecture" + toJson();
    }
}
