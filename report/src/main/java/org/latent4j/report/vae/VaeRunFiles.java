package org.latent4j.report.vae;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.latent4j.data.Dataset;
import org.latent4j.io.AtomicFiles;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.Json;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeEvaluation;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.runtime.Threads;

/**
 * The one writer of a VAE run folder, what {@code latent4j train vae} and the demo leave and
 * {@link VaeRunReport#plot(Path)} reads: {@code model/} (the VAE, with the data spec, image shape, training
 * settings and final figures in its metadata), {@code metrics.jsonl} (one {@link EpochResult#toRecord()}
 * per line) and {@code summary.json}.
 */
public final class VaeRunFiles {
    /** One JSON object per epoch. */
    public static final String METRICS = "metrics.jsonl";
    /** The run's final figures. */
    public static final String SUMMARY = "summary.json";
    /** The model metadata's field with the scaler of series data (see {@code org.latent4j.data.series.SeriesScaler#toJson}). */
    public static final String SERIES_SCALER = "series_scaler";

    private VaeRunFiles() {}

    /** Writes metrics.jsonl with the epochs so far (atomically: a reader never sees half a line). */
    public static void writeMetrics(Path dir, List<EpochResult> epochs) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (EpochResult r : epochs) {
            lines.append(Json.write(r.toRecord())).append('\n');
        }
        AtomicFiles.writeString(dir.resolve(METRICS), lines.toString());
    }

    /**
     * Reads a metrics.jsonl file, one {@link EpochResult} per non-blank line, failing with the file and line
     * named when a line is not JSON or lacks a required field.
     */
    public static List<EpochResult> readMetrics(Path metrics) throws IOException {
        List<EpochResult> history = new java.util.ArrayList<>();
        List<String> lines = Files.readAllLines(metrics);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = metrics + " line " + (i + 1);
            try {
                history.add(EpochResult.fromRecord(Json.mapper().readTree(line), where));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new FileFormatException(metrics, "line " + (i + 1) + " is not JSON: " + Json.problem(e), e);
            } catch (IllegalArgumentException e) {
                throw new FileFormatException(metrics, e.getMessage(), e);
            }
        }
        return history;
    }

    /**
     * The final figures of a run: data sizes, epochs, early stopping, epoch times, threads, the last
     * epoch's losses and, when given, the importance-sampled evaluation on held-out data.
     *
     * @param evaluation the held-out evaluation, or null when none was made
     */
    public static ObjectNode summary(TrainingHistory h, String dataset, int trainRows, int testRows, VaeEvaluation evaluation) {
        ObjectNode s = Json.mapper().createObjectNode();
        s.put("dataset", dataset);
        s.put("train_examples", trainRows);
        s.put("test_examples", testRows);
        s.put("epochs", h.epochs().size());
        s.put("stopped_early", h.stoppedEarly());
        s.put("best_epoch", h.bestEpoch());
        double[] seconds = h.epochs().stream().mapToDouble(EpochResult::seconds).sorted().toArray();
        s.put("median_epoch_seconds", median(seconds));
        s.put("total_train_seconds", Arrays.stream(seconds).sum());
        s.put("threads", Threads.count());
        if (!h.epochs().isEmpty()) {
            h.last().toRecord().forEach((k, v) -> {
                if (!k.equals("epoch") && !k.equals("seconds")) {
                    s.put(k, ((Number) v).doubleValue());
                }
            });
        }
        if (evaluation != null) {
            s.set("evaluation", evaluation.toJson());
        }
        return s;
    }

    /**
     * Saves the model (its metadata records what {@code plot} needs to reload the data: the data spec and
     * the image shape) and summary.json.
     */
    public static void save(Path dir, Vae vae, ObjectNode summary, TrainingConfig training, Dataset train,
                            String dataSpec, long seed) throws IOException {
        save(dir, vae, summary, training, train, dataSpec, seed, null);
    }

    /**
     * As {@link #save(Path, Vae, ObjectNode, TrainingConfig, Dataset, String, long)}, recording also the scaler
     * that turned the data's units into the rows' values ({@code series_scaler}, a series' SeriesScaler JSON, or
     * null for none), so that synthetic windows can be written back in the data's units.
     */
    public static void save(Path dir, Vae vae, ObjectNode summary, TrainingConfig training, Dataset train,
                            String dataSpec, long seed, ObjectNode seriesScaler) throws IOException {
        Files.createDirectories(dir);
        ObjectNode meta = metadata(training, train, dataSpec, seed);
        if (seriesScaler != null) {
            meta.set(SERIES_SCALER, seriesScaler);
        }
        meta.set("metrics", summary);
        VaeFiles.save(vae, dir.resolve("model"), meta);
        AtomicFiles.writeString(dir.resolve(SUMMARY), Json.writePretty(summary));
    }

    /**
     * Saves the model of a run whose training diverged (the parameters of the last finite step) as
     * {@code dir/model}, its metadata marked {@code "status": "diverged"} with the epoch and batch where the
     * loss or gradient stopped being finite; no summary.json is written, since the run has no final figures.
     */
    public static void saveDiverged(Path dir, Vae vae, TrainingConfig training, Dataset train, String dataSpec, long seed,
                                    int epoch, int batch) throws IOException {
        ObjectNode meta = metadata(training, train, dataSpec, seed);
        meta.put("status", "diverged");
        meta.putObject("diverged_at").put("epoch", epoch).put("batch", batch);
        VaeFiles.save(vae, dir.resolve("model"), meta);
    }

    /** What a run's model metadata records for {@code plot} to reload the data: data spec, image shape, settings. */
    private static ObjectNode metadata(TrainingConfig training, Dataset train, String dataSpec, long seed) {
        ObjectNode meta = Json.mapper().createObjectNode();
        meta.put("dataset", train.name());
        meta.put("data_source", train.source());
        meta.put("data_spec", dataSpec);
        meta.put("seed", seed);
        if (train.isImage()) {
            meta.put("image_channels", train.channels());
            meta.put("image_height", train.height());
            meta.put("image_width", train.width());
        }
        meta.set("training", training.toJson());
        return meta;
    }

    /** The median of sorted values (0 for none). */
    public static double median(double[] sorted) {
        int n = sorted.length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
