package org.latent4j.report.mixture;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.Json;
import org.latent4j.io.ModelFiles;
import org.latent4j.models.mixture.GaussianMixtureFiles;

/**
 * The files of a {@code latent4j train gmm} output folder: {@code model/} (the mixture and its optional
 * PCA), {@code metrics.jsonl} (one {@code {"iteration", "mean_loglik"}} per EM iteration),
 * {@code summary.json} (metrics of the fit and the {@code data} spec) and, when present, {@code run.json}
 * (the command's options).
 */
record MixtureRun(Path dir, GaussianMixtureFiles.Stored model, JsonNode modelConfig, double[] trace, JsonNode summary,
                  JsonNode options) {
    static final String MODEL = "model";
    static final String METRICS = "metrics.jsonl";
    static final String SUMMARY = "summary.json";
    static final String RUN = "run.json";

    /** Reads a run folder; a missing or malformed file is an error naming it. */
    static MixtureRun read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null,
                    "no such folder; expected the output folder of `latent4j train gmm` (with model/, metrics.jsonl, summary.json)");
        }
        Path model = dir.resolve(MODEL);
        if (!Files.isDirectory(model)) {
            throw new NoSuchFileException(model.toString(), null,
                    "missing: not the output folder of `latent4j train gmm` (it writes model/, metrics.jsonl and summary.json)");
        }
        JsonNode summary = Json.read(require(dir.resolve(SUMMARY)));
        if (!summary.isObject()) {
            throw new FileFormatException(dir.resolve(SUMMARY), "expected a JSON object");
        }
        double[] trace = readTrace(require(dir.resolve(METRICS)));
        JsonNode options = Files.isRegularFile(dir.resolve(RUN)) ? Json.read(dir.resolve(RUN)) : null;
        return new MixtureRun(dir, GaussianMixtureFiles.load(model), Json.read(model.resolve(ModelFiles.CONFIG)), trace,
                summary, options);
    }

    /** The data spec the mixture was trained on, from summary.json's {@code data}. */
    String dataSpec() throws FileFormatException {
        JsonNode d = summary.get("data");
        if (d == null || !d.isTextual() || d.asText().isBlank()) {
            throw new FileFormatException(dir.resolve(SUMMARY),
                    "field 'data' (the training data spec, e.g. csv:points.csv) is missing, so the data cannot be reloaded");
        }
        return d.asText();
    }

    private static Path require(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    "missing: `latent4j train gmm` writes it next to model/; train again to recreate it");
        }
        return file;
    }

    /** The mean_loglik of each line with an iteration, in file order; errors name the line. */
    static double[] readTrace(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.mapper().readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new FileFormatException(file, "line " + (i + 1) + " is not JSON: " + Json.problem(e), e);
            }
            if (node == null || !node.has("iteration")) {
                continue;
            }
            JsonNode ll = node.get("mean_loglik");
            if (ll == null || !ll.isNumber() || !Double.isFinite(ll.asDouble())) {
                throw new FileFormatException(file, "line " + (i + 1) + ": field 'mean_loglik' must be a finite number, got " + ll);
            }
            values.add(ll.asDouble());
        }
        if (values.isEmpty()) {
            throw new FileFormatException(file, "no EM iterations: expected one {\"iteration\", \"mean_loglik\"} object per line");
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
