package org.latent4j.models.wgan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.ModelFiles;

/**
 * A WGAN as a model directory ({@link ModelFiles}): {@code model.safetensors} with both networks' weights
 * and the spectral-normalization vectors under their module names ({@code generator.0.weight},
 * {@code critic.0.weight_orig}, {@code critic.0.weight_u}, …), {@code config.json} ({@link WganConfig#toJson()})
 * and {@code metadata.json}. Never Java serialization.
 */
public final class WganFiles {
    /** The model kind recorded in the metadata. */
    public static final String KIND = "wgan";
    /** Networks wider than this are refused before they are built from a config file. */
    static final int MAX_WIDTH = 1 << 14;
    /** Convolutional networks of more base channels than this are refused before they are built from a config file. */
    static final int MAX_CHANNELS = 1 << 12;

    private WganFiles() {}

    /** Writes the model directory atomically; {@code metadata} (may be null) adds fields such as dataset and metrics. */
    public static void save(Wgan model, Path dir, ObjectNode metadata) throws IOException {
        ModelFiles.write(dir, new ModelFiles.Bundle(KIND, model.config().toJson(), model.stateArrays(), metadata));
    }

    /** Reads a directory written by {@link #save}, failing with the file's name on a mismatch; in evaluation mode. */
    public static Loaded load(Path dir) throws IOException {
        ModelFiles.Bundle b = ModelFiles.read(dir, KIND);
        Path configFile = dir.resolve(ModelFiles.CONFIG);
        WganConfig config;
        try {
            config = WganConfig.fromJson(b.config(), configFile.toString());
        } catch (IllegalArgumentException e) {
            throw FileFormatException.of(configFile, e);
        }
        if (config.width() > MAX_WIDTH || config.hidden() > 64 || config.dataDim() > 1 << 22 || config.latentDim() > 1 << 16
                || config.channels() > MAX_CHANNELS) {
            throw new FileFormatException(configFile, "describes a network too large to build (width " + config.width()
                    + ", hidden " + config.hidden() + ", data " + config.dataDim() + ", latent " + config.latentDim()
                    + ", channels " + config.channels() + ")");
        }
        Wgan model = Wgan.create(config, 0);
        try {
            model.loadStateArrays(b.weights());
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(dir.resolve(ModelFiles.WEIGHTS), e.getMessage() + " (the model as " + configFile + " describes it)", e);
        }
        model.train(false);
        return new Loaded(model, b.metadata());
    }

    /** A loaded model and its metadata. */
    public record Loaded(Wgan model, ObjectNode metadata) {}
}
