package org.latent4j.models.vae;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.latent4j.io.ArrayData;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.ModelFiles;
import org.latent4j.models.networks.RecurrentArchitecture;
import org.latent4j.models.networks.RecurrentCell;

/**
 * A VAE as a model directory ({@link ModelFiles}): {@code model.safetensors} with the weights under their
 * module names (readable by Python's {@code safetensors}), {@code config.json} ({@link VaeConfig#toJson()})
 * and {@code metadata.json} (format version, latent4j version, plus the caller's dataset, seed, metrics).
 * Never Java serialization.
 */
public final class VaeFiles {
    /** The model kind recorded in the metadata. */
    public static final String KIND = "vae";
    /** Weights a config may describe beyond twice what the weights file holds before it is refused unbuilt. */
    private static final long SLACK = 1 << 16;

    private VaeFiles() {}

    /** Writes the model directory atomically; {@code metadata} (may be null) adds fields such as dataset and metrics. */
    public static void save(Vae vae, Path dir, ObjectNode metadata) throws IOException {
        ModelFiles.write(dir, new ModelFiles.Bundle(KIND, vae.config().toJson(), vae.stateArrays(), metadata));
    }

    /**
     * As {@code save(vae, dir, null)}: the metadata then holds only what every model directory records
     * (format version, latent4j version, kind, date). Directory first, as in {@link
     * org.latent4j.models.mixture.GaussianMixtureFiles#save(Path, org.latent4j.models.mixture.GaussianMixture)}.
     */
    public static void save(Path dir, Vae vae) throws IOException {
        save(vae, dir, null);
    }

    /**
     * Reads a model directory written by {@link #save}: checks the format version, rebuilds the network
     * from the config and loads every weight, failing with the file's name on a missing weight, a shape
     * that does not match the config, or a truncated or corrupt file. A config describing a network much
     * larger than the weights file holds is refused before the network is built, so memory stays
     * proportional to the files, whatever numbers config.json holds.
     */
    public static Loaded load(Path dir) throws IOException {
        ModelFiles.Bundle b = ModelFiles.read(dir, KIND);
        Path configFile = dir.resolve(ModelFiles.CONFIG);
        VaeConfig config;
        try {
            config = VaeConfig.fromJson(b.config(), configFile.toString());
        } catch (IllegalArgumentException e) {
            throw FileFormatException.of(configFile, e);
        }
        long stored = 0;
        for (ArrayData a : b.weights().values()) {
            stored += a.size();
        }
        long needed = linearWeights(config);
        if (needed > 2 * stored + SLACK) {
            // Checked before building the network, whose size config.json alone decides: a network far
            // larger than the weights file is refused unbuilt; a near miss is built, and loading the
            // weights then names the first tensor whose shape differs.
            throw new FileFormatException(configFile, "describes a network of at least " + needed + " weights, but "
                    + dir.resolve(ModelFiles.WEIGHTS) + " holds " + stored + " values in all: the two files do not belong together");
        }
        Vae vae = Vae.create(config);
        try {
            vae.loadStateArrays(b.weights());
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(dir.resolve(ModelFiles.WEIGHTS), e.getMessage() + " (the model as " + configFile + " describes it)", e);
        }
        vae.train(false); // a loaded model is for inference: batch normalization on its running statistics
        return new Loaded(vae, b.metadata());
    }

    /**
     * The weights and biases of the linear layers the config describes (encoder body, the two heads mu
     * and log_var, decoder), a lower bound of the network's size: the likelihood's parameters are left out.
     */
    static long linearWeights(VaeConfig c) {
        if (c.recurrent() != null) {
            return recurrentWeights(c.recurrent(), c.latentDim());
        }
        long n = 0;
        int in = c.inputDim();
        for (int h : c.encoderHidden()) {
            n = layer(n, in, h);
            in = h;
        }
        n = layer(layer(n, in, c.latentDim()), in, c.latentDim());
        in = c.latentDim();
        for (int h : c.decoderHidden()) {
            n = layer(n, in, h);
            in = h;
        }
        return layer(n, in, c.inputDim());
    }

    /**
     * The weights of a sequence VAE's networks: the encoder's recurrent layers and heads, the decoder's init, recurrent
     * layers and output layer (PyTorch's layout: G·H·(in + H) weights and 2·G·H biases per layer and direction,
     * G = 4 gates for an LSTM, 3 for a GRU).
     */
    private static long recurrentWeights(RecurrentArchitecture r, int latent) {
        int directions = r.bidirectional() ? 2 : 1;
        long n = recurrentStack(0, r, r.features(), directions);
        n = layer(layer(n, r.encoderOutput(), latent), r.encoderOutput(), latent);
        n = layer(n, latent, (long) r.layers() * r.hidden());
        n = recurrentStack(n, r, latent + (r.autoregressive() ? (long) r.features() : 0), 1);
        return layer(n, r.hidden(), r.features());
    }

    private static long recurrentStack(long n, RecurrentArchitecture r, long in, int directions) {
        int gates = r.cell() == RecurrentCell.LSTM ? 4 : 3;
        for (int l = 0; l < r.layers(); l++) {
            long layerIn = l == 0 ? in : (long) directions * r.hidden();
            for (int d = 0; d < directions; d++) {
                // the input weights and both biases as one layer, the recurrent weights as another
                n = layer(n, layerIn + 1L, (long) gates * r.hidden());
                n = layer(n, r.hidden() - 1L, (long) gates * r.hidden());
            }
        }
        return n;
    }

    /** n plus a linear layer's (in + 1) * out weights, saturating at Long.MAX_VALUE. */
    private static long layer(long n, long in, long out) {
        long w;
        try {
            w = Math.multiplyExact(in + 1, out);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
        return n > Long.MAX_VALUE - w ? Long.MAX_VALUE : n + w;
    }

    /** A loaded model and its metadata. */
    public record Loaded(Vae vae, ObjectNode metadata) {}
}
