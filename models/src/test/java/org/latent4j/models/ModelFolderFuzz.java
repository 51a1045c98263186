package org.latent4j.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.latent4j.io.ModelFiles;

/**
 * The input format of the model-folder fuzz targets: the bytes up to the first NUL become config.json,
 * the bytes after it metadata.json (without a NUL, metadata.json keeps the saved model's). The weights
 * stay those the model was saved with, so the JSON files are what is fuzzed.
 */
public final class ModelFolderFuzz {
    private ModelFolderFuzz() {}

    /** A fresh temporary folder, deleted when the JVM exits. */
    public static Path tempDir(String prefix) {
        try {
            Path d = Files.createTempDirectory(prefix);
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Marks a saved model folder and its files for deletion when the JVM exits. */
    public static void deleteOnExit(Path dir) {
        dir.toFile().deleteOnExit();
        for (String f : new String[] {ModelFiles.CONFIG, ModelFiles.METADATA, ModelFiles.WEIGHTS}) {
            dir.resolve(f).toFile().deleteOnExit();
        }
    }

    /** Overwrites dir's config.json, and metadata.json when the input has a NUL, with the input. */
    public static void write(Path dir, byte[] input, byte[] savedMetadata) throws IOException {
        int nul = 0;
        while (nul < input.length && input[nul] != 0) {
            nul++;
        }
        Files.write(dir.resolve(ModelFiles.CONFIG), Arrays.copyOf(input, nul));
        Files.write(dir.resolve(ModelFiles.METADATA),
                nul < input.length ? Arrays.copyOfRange(input, nul + 1, input.length) : savedMetadata);
    }

    /** A refusal must be an IOException whose message names a file of the model folder. */
    public static void checkMessage(IOException e, Path dir) {
        if (e.getMessage() == null || !e.getMessage().contains(dir.toString())) {
            throw new AssertionError("the message does not name the model folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
