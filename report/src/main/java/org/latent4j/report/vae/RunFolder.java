package org.latent4j.report.vae;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.latent4j.data.Dataset;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.Json;
import org.latent4j.io.ModelFiles;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeEvaluation;
import org.latent4j.models.vae.VaeFiles;

/**
 * The files of a {@code latent4j train vae} run folder: {@code model/} (the VAE), {@code metrics.jsonl}
 * (one {@link EpochResult#toRecord()} per line), {@code summary.json} and, when the command line wrote
 * it, {@code run.json} (its effective options).
 *
 * @param dir     the run folder
 * @param model   the trained VAE and its metadata
 * @param history the epochs, in order
 * @param summary the run's final figures
 * @param options the command's options from run.json, or null
 */
record RunFolder(Path dir, VaeFiles.Loaded model, List<EpochResult> history, ObjectNode summary, JsonNode options) {
    static final String METRICS = VaeRunFiles.METRICS;
    static final String SUMMARY = VaeRunFiles.SUMMARY;
    static final String RUN = "run.json";

    /** Reads the folder, failing with the folder and the missing or malformed file named. */
    static RunFolder read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, Files.exists(dir)
                    ? "not a folder; expected the output folder of 'latent4j train vae'"
                    : "no such folder; expected the output folder of 'latent4j train vae'");
        }
        Path meta = dir.resolve("model").resolve(ModelFiles.METADATA);
        if (!Files.isRegularFile(meta)) {
            throw new NoSuchFileException(meta.toString(), null, dir + " is not a training run folder: it has no "
                    + "model/" + ModelFiles.METADATA + " (expected the output folder of 'latent4j train vae')");
        }
        VaeFiles.Loaded model = VaeFiles.load(dir.resolve("model"));
        List<EpochResult> history = VaeRunFiles.readMetrics(require(dir, METRICS));
        JsonNode summary = Json.read(require(dir, SUMMARY));
        if (!(summary instanceof ObjectNode summaryObject)) {
            throw new FileFormatException(dir.resolve(SUMMARY), "expected a JSON object");
        }
        Path run = dir.resolve(RUN);
        JsonNode options = Files.isRegularFile(run) ? Json.read(run) : null;
        return new RunFolder(dir, model, history, summaryObject, options);
    }

    private static Path require(Path dir, String name) throws NoSuchFileException {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(p.toString(), null, "missing from the run folder " + dir
                    + " ('latent4j train vae' writes model/, " + METRICS + " and " + SUMMARY + ")");
        }
        return p;
    }

    /**
     * Writes a run folder as {@code latent4j train vae} does (model/ with the data spec in its metadata,
     * metrics.jsonl, summary.json with the evaluation), so that {@link VaeRunReport#plot(Path)} can draw it.
     */
    static void write(Path dir, Vae vae, TrainingHistory h, VaeEvaluation e, TrainingConfig training, Dataset train,
                      Dataset test, String dataSpec, long seed) throws IOException {
        Files.createDirectories(dir);
        VaeRunFiles.writeMetrics(dir, h.epochs());
        VaeRunFiles.save(dir, vae, VaeRunFiles.summary(h, train.name(), train.rows(), test.rows(), e), training, train,
                dataSpec, seed);
    }
}
