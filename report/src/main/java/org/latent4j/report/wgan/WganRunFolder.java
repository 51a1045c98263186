package org.latent4j.report.wgan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.Json;
import org.latent4j.io.ModelFiles;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.wgan.WganConfig;
import org.latent4j.models.wgan.WganFiles;
import org.latent4j.models.wgan.WganSnapshot;
import org.latent4j.models.wgan.WganSnapshotFiles;
import org.latent4j.report.vae.VaeRunFiles;

/**
 * The files of a {@code latent4j train wgan} run folder that its report draws from: {@code model/config.json}
 * and {@code model/metadata.json} (the weights are not needed), {@code metrics.jsonl}, {@code summary.json},
 * {@code run.json} when the command line wrote it, and {@code snapshots/}.
 *
 * @param real the real points kept with the snapshots ([n, 2]), or null
 */
record WganRunFolder(Path dir, WganConfig config, ObjectNode metadata, List<EpochResult> history, ObjectNode summary,
                     JsonNode options, List<WganSnapshot> snapshots, float[] real) {
    static final String RUN = "run.json";

    /** Reads the folder, failing with the folder and the missing or malformed file named. */
    static WganRunFolder read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, Files.exists(dir)
                    ? "not a folder; expected the output folder of 'latent4j train wgan'"
                    : "no such folder; expected the output folder of 'latent4j train wgan'");
        }
        Path metaFile = require(dir, "model/" + ModelFiles.METADATA);
        JsonNode meta = Json.read(metaFile);
        if (!(meta instanceof ObjectNode metadata) || !WganFiles.KIND.equals(meta.path("kind").asText(""))) {
            throw new FileFormatException(metaFile, "does not describe a WGAN (expected a JSON object with \"kind\": \"wgan\")");
        }
        Path configFile = require(dir, "model/" + ModelFiles.CONFIG);
        WganConfig config;
        try {
            config = WganConfig.fromJson(Json.read(configFile), configFile.toString());
        } catch (IllegalArgumentException e) {
            throw FileFormatException.of(configFile, e);
        }
        List<EpochResult> history = VaeRunFiles.readMetrics(require(dir, VaeRunFiles.METRICS));
        if (history.isEmpty()) {
            throw new FileFormatException(dir.resolve(VaeRunFiles.METRICS), "holds no logged period; nothing to draw");
        }
        JsonNode summary = Json.read(require(dir, VaeRunFiles.SUMMARY));
        if (!(summary instanceof ObjectNode summaryObject)) {
            throw new FileFormatException(dir.resolve(VaeRunFiles.SUMMARY), "expected a JSON object");
        }
        Path run = dir.resolve(RUN);
        JsonNode options = Files.isRegularFile(run) ? Json.read(run) : null;
        return new WganRunFolder(dir, config, metadata, history, summaryObject, options, WganSnapshotFiles.read(dir),
                WganSnapshotFiles.readReal(dir));
    }

    /** Generator steps per line of metrics.jsonl (summary.json's {@code steps_per_line}; 1 when absent). */
    int stepsPerLine() {
        int s = summary.path("steps_per_line").asInt(1);
        return Math.max(1, s);
    }

    /** The image height (channels one under the other) and width recorded at training, or null for other data. */
    int[] imageShape() {
        int c = metadata.path("image_channels").asInt(0), h = metadata.path("image_height").asInt(0);
        int w = metadata.path("image_width").asInt(0);
        return c > 0 && h > 0 && w > 0 && c * h * w == config.dataDim() ? new int[] {c * h, w} : null;
    }

    private static Path require(Path dir, String name) throws NoSuchFileException {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(p.toString(), null, "missing from the run folder " + dir
                    + " ('latent4j train wgan' writes model/, metrics.jsonl, summary.json and snapshots/)");
        }
        return p;
    }
}
