package org.latent4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.latent4j.runtime.Version;

/**
 * A model directory: model.safetensors (weights), config.json (hyperparameters), metadata.json
 * (format_version, latent4j_version, kind, created, plus caller fields such as dataset, seed, metrics).
 * The directory is written atomically, so a crash leaves either the previous model or the new one.
 */
public final class ModelFiles {
    public static final int FORMAT_VERSION = 1;
    public static final String WEIGHTS = "model.safetensors";
    public static final String CONFIG = "config.json";
    public static final String METADATA = "metadata.json";

    private ModelFiles() {}

    /**
     * What a model directory holds.
     *
     * @param kind     the model kind, e.g. {@code "vae"} or {@code "gmm"}
     * @param config   the hyperparameters as JSON
     * @param weights  the learned arrays by name
     * @param metadata free-form fields; {@link #write} adds format_version, latent4j_version, kind and created
     */
    public record Bundle(String kind, JsonNode config, Map<String, ArrayData> weights, ObjectNode metadata) {}

    /** Writes the directory atomically (AtomicFiles.writeDirectory); metadata gets the standard fields added. */
    public static void write(Path dir, Bundle bundle) throws IOException {
        if (bundle.kind() == null || bundle.kind().isBlank()) {
            throw new IllegalArgumentException("cannot write model " + dir + ": kind is empty");
        }
        ObjectNode meta = Json.mapper().createObjectNode();
        meta.put("format_version", FORMAT_VERSION);
        meta.put("latent4j_version", Version.get());
        meta.put("kind", bundle.kind());
        meta.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (bundle.metadata() != null) {
            bundle.metadata().properties().forEach(e -> {
                if (!meta.has(e.getKey())) {
                    meta.set(e.getKey(), e.getValue());
                }
            });
        }
        JsonNode config = bundle.config() == null ? Json.mapper().createObjectNode() : bundle.config();
        AtomicFiles.writeDirectory(dir, tmp -> {
            SafeTensors.write(tmp.resolve(WEIGHTS), bundle.weights(),
                    Map.of("format", "latent4j", "kind", bundle.kind()));
            AtomicFiles.writeString(tmp.resolve(CONFIG), Json.writePretty(config));
            AtomicFiles.writeString(tmp.resolve(METADATA), Json.writePretty(meta));
        });
    }

    /**
     * Reads a directory; checks that the three files exist, the format version is supported and the
     * kind matches expectedKind (null accepts any kind); clear errors naming the file otherwise.
     */
    public static Bundle read(Path dir, String expectedKind) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null,
                    Files.exists(dir) ? "not a directory; a model is a directory with " + WEIGHTS + ", " + CONFIG + " and " + METADATA
                                      : "no such model directory");
        }
        for (String name : new String[] {METADATA, CONFIG, WEIGHTS}) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new NoSuchFileException(dir.resolve(name).toString(), null,
                        "missing: a model directory needs " + WEIGHTS + ", " + CONFIG + " and " + METADATA);
            }
        }
        Path metaFile = dir.resolve(METADATA);
        JsonNode metaNode = Json.read(metaFile);
        if (!(metaNode instanceof ObjectNode meta)) {
            throw new FileFormatException(metaFile, "expected a JSON object");
        }
        JsonNode version = meta.get("format_version");
        if (version == null || !version.isIntegralNumber()) {
            throw new FileFormatException(metaFile, "missing or non-integer format_version (this latent4j reads version "
                    + FORMAT_VERSION + ")");
        }
        if (version.asLong() < 1 || version.asLong() > FORMAT_VERSION) {
            throw new FileFormatException(metaFile, "format_version " + version + " is not supported (this latent4j "
                    + Version.get() + " reads version 1 to " + FORMAT_VERSION + "; a newer latent4j wrote it?)");
        }
        JsonNode kindNode = meta.get("kind");
        if (kindNode == null || !kindNode.isTextual()) {
            throw new FileFormatException(metaFile, "missing or non-string kind");
        }
        String kind = kindNode.textValue();
        if (expectedKind != null && !expectedKind.equals(kind)) {
            throw new FileFormatException(metaFile, "holds a '" + kind + "' model, expected '" + expectedKind + "'");
        }
        JsonNode config = Json.read(dir.resolve(CONFIG));
        SafeTensors.Contents weights = SafeTensors.read(dir.resolve(WEIGHTS));
        requireFinite(dir.resolve(WEIGHTS), weights.arrays(), "a model's weights");
        return new Bundle(kind, config, weights.arrays(), meta);
    }

    /**
     * Checks that every floating-point array holds only finite numbers: a NaN or infinite weight would
     * make every figure computed with the model NaN, so it is refused where it is read, naming the file,
     * the tensor and the first bad index.
     *
     * @param what what the arrays are, for the message (e.g. "a model's weights")
     */
    public static void requireFinite(Path file, Map<String, ArrayData> arrays, String what) throws FileFormatException {
        for (Map.Entry<String, ArrayData> e : arrays.entrySet()) {
            int bad = -1;
            double value = 0;
            if (e.getValue() instanceof ArrayData.F32 f) {
                float[] d = f.data();
                for (int i = 0; i < d.length && bad < 0; i++) {
                    if (!Float.isFinite(d[i])) {
                        bad = i;
                        value = d[i];
                    }
                }
            } else if (e.getValue() instanceof ArrayData.F64 f) {
                double[] d = f.data();
                for (int i = 0; i < d.length && bad < 0; i++) {
                    if (!Double.isFinite(d[i])) {
                        bad = i;
                        value = d[i];
                    }
                }
            }
            if (bad >= 0) {
                throw new FileFormatException(file, "tensor '" + e.getKey() + "' holds " + value + " at index " + bad
                        + " (of " + e.getValue().size() + "); " + what + " must be finite numbers (a damaged file,"
                        + " or a run that diverged)");
            }
        }
    }
}
