package org.latent4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Spark ML's {@code save(path)} writes a latent4j model: a directory on the driver's file system (a
 * shared mount on a cluster), in latent4j's own model format, so that the CLI opens it. latent4j never
 * replaces a file it did not write: an existing path is replaced only when it is a latent4j model
 * directory (it has metadata.json naming a latent4j kind) and {@code overwrite()} was asked for, as Spark's
 * writers require.
 */
public final class ModelDirectory {
    private ModelDirectory() {}

    /** The local path of a save or load path ({@code file:} URIs accepted); other schemes are refused. */
    public static Path of(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("model path is empty");
        }
        if (path.startsWith("file:")) {
            return Path.of(java.net.URI.create(path));
        }
        if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("model path " + path + ": latent4j writes its model files on the driver's"
                    + " file system; give a local or shared-mount path, not a " + path.substring(0, path.indexOf(':')) + " URI");
        }
        return Path.of(path);
    }

    /** Checks that the model may be written at dir. */
    public static void checkWritable(Path dir, boolean overwrite) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        boolean ours = Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("metadata.json"))
                && Files.readString(dir.resolve("metadata.json")).contains("\"latent4j_version\"");
        if (!ours) {
            throw new IOException("cannot save the model to " + dir + ": it exists and is not a latent4j model directory;"
                    + " latent4j never replaces files it did not write; choose a new path");
        }
        if (!overwrite) {
            throw new IOException("cannot save the model to " + dir + ": a model is already there; call write().overwrite()"
                    + " to replace it, or choose a new path");
        }
    }
}
