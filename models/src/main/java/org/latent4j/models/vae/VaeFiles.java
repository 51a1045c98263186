package org.latent4j.models.vae;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.ModelFiles;

/**
 * A VAE as a model directory ({@link ModelFiles}): {@code model.safetensors} with the weights under their
 * module names (readable by Python's {@code safetensors}), {@code config.json} ({@link VaeConfig#toJson()})
 * and {@code metadata.json} (format version, latent4j version, plus the caller's dataset, seed, metrics).
 * Never Java serialization.
 */
public final class VaeFiles {
    /** The model kind recorded in the metadata. */
    public static final String KIND = "vae";

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
     * that does not match the config, or a truncated or corrupt file.
     */
    public static Loaded load(Path dir) throws IOException {
        ModelFiles.Bundle b = ModelFiles.read(dir, KIND);
        Path configFile = dir.resolve(ModelFiles.CONFIG);
        VaeConfig config;
        try {
            config = VaeConfig.fromJson(b.config(), configFile.toString());
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(configFile, e.getMessage(), e);
        }
        Vae vae = Vae.create(config);
        try {
            vae.loadStateArrays(b.weights());
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(dir.resolve(ModelFiles.WEIGHTS), e.getMessage() + " (config " + configFile + ")", e);
        }
        vae.train(false); // a loaded model is for inference: batch normalization on its running statistics
        return new Loaded(vae, b.metadata());
    }

    /** A loaded model and its metadata. */
    public record Loaded(Vae vae, ObjectNode metadata) {}
}
