package org.latent4j.models.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latent4j.io.ArrayData;
import org.latent4j.io.AtomicFiles;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.Json;
import org.latent4j.io.SafeTensors;

/**
 * Everything needed to continue a training run exactly where it stopped: the model's weights, the
 * optimizer's state, the random sources' states, the epoch and the early-stopping bookkeeping.
 *
 * <p>On disk a checkpoint is a directory written atomically: {@code state.safetensors} holds the arrays
 * (keys {@code model.*}, {@code optimizer.*}, {@code best.*}, {@code rng.shuffle}, {@code rng.noise})
 * and {@code trainer.json} the rest, including the training settings it was made with and the history
 * of the completed epochs (each as {@link EpochResult#toRecord()}: training parts and held-out figures).
 *
 * @param epoch      the number of completed epochs
 * @param model      the model's state after that epoch: weights and buffers ({@code Module#stateArrays})
 * @param optimizer  the optimizer's exported state
 * @param best       the state of the best epoch so far (for early stopping), or null
 * @param shuffleRng the shuffling random source's state
 * @param noiseRng   the sampling-noise random source's state
 * @param bestLoss   the lowest held-out loss so far (NaN if none)
 * @param bestEpoch  the epoch it was reached in (0 if none)
 * @param badEpochs  epochs since the last improvement
 * @param history    the results of the completed epochs
 * @param training   the training settings ({@link TrainingConfig#toJson()})
 */
public record Checkpoint(int epoch, Map<String, ArrayData> model, Map<String, ArrayData> optimizer,
                         Map<String, ArrayData> best, long[] shuffleRng, long[] noiseRng, double bestLoss,
                         int bestEpoch, int badEpochs, List<EpochResult> history, ObjectNode training) {

    public static final int FORMAT_VERSION = 1;
    static final String ARRAYS = "state.safetensors";
    static final String STATE = "trainer.json";

    /** Writes the checkpoint directory atomically (a crash leaves the previous checkpoint intact). */
    public void write(Path dir) throws IOException {
        Map<String, ArrayData> arrays = new LinkedHashMap<>();
        model.forEach((k, v) -> arrays.put("model." + k, v));
        optimizer.forEach((k, v) -> arrays.put("optimizer." + k, v));
        if (best != null) {
            best.forEach((k, v) -> arrays.put("best." + k, v));
        }
        arrays.put("rng.shuffle", new ArrayData.I64(new int[] {shuffleRng.length}, shuffleRng.clone()));
        arrays.put("rng.noise", new ArrayData.I64(new int[] {noiseRng.length}, noiseRng.clone()));
        ObjectNode state = Json.mapper().createObjectNode();
        state.put("format_version", FORMAT_VERSION);
        state.put("epoch", epoch);
        state.put("best_loss", bestLoss);
        state.put("best_epoch", bestEpoch);
        state.put("bad_epochs", badEpochs);
        state.set("training", training);
        ArrayNode h = state.putArray("history");
        for (EpochResult r : history) {
            h.add(Json.mapper().valueToTree(r.toRecord()));
        }
        AtomicFiles.writeDirectory(dir, tmp -> {
            SafeTensors.write(tmp.resolve(ARRAYS), arrays, Map.of("format", "latent4j-checkpoint"));
            AtomicFiles.writeString(tmp.resolve(STATE), Json.writePretty(state));
        });
    }

    /** Reads a checkpoint directory, failing clearly (naming the file) when it is missing, truncated or foreign. */
    public static Checkpoint read(Path dir) throws IOException {
        Path stateFile = dir.resolve(STATE);
        Path arraysFile = dir.resolve(ARRAYS);
        for (Path p : new Path[] {stateFile, arraysFile}) {
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(p.toString(), null, "missing: a checkpoint directory needs " + ARRAYS + " and " + STATE);
            }
        }
        JsonNode state = Json.read(stateFile);
        if (state.path("format_version").asInt(-1) != FORMAT_VERSION) {
            throw new FileFormatException(stateFile, "unsupported checkpoint format_version " + state.get("format_version")
                    + " (expected " + FORMAT_VERSION + ")");
        }
        SafeTensors.Contents c = SafeTensors.read(arraysFile);
        Map<String, ArrayData> model = new LinkedHashMap<>();
        Map<String, ArrayData> optimizer = new LinkedHashMap<>();
        Map<String, ArrayData> best = new LinkedHashMap<>();
        c.arrays().forEach((k, v) -> {
            if (k.startsWith("model.")) {
                model.put(k.substring(6), v);
            } else if (k.startsWith("optimizer.")) {
                optimizer.put(k.substring(10), v);
            } else if (k.startsWith("best.")) {
                best.put(k.substring(5), v);
            }
        });
        JsonFields f = new JsonFields(state, stateFile.toString());
        List<EpochResult> history = new ArrayList<>();
        for (JsonNode r : state.path("history")) {
            history.add(epochResult(r, stateFile));
        }
        JsonNode training = state.get("training");
        if (!(training instanceof ObjectNode trainingObject)) {
            throw new FileFormatException(stateFile, "missing the 'training' settings object");
        }
        return new Checkpoint(f.integer("epoch"), model, optimizer, best.isEmpty() ? null : best,
                c.i64("rng.shuffle", 6), c.i64("rng.noise", 6), state.path("best_loss").asDouble(Double.NaN),
                f.integer("best_epoch"), f.integer("bad_epochs"), history, trainingObject);
    }

    private static EpochResult epochResult(JsonNode r, Path file) throws FileFormatException {
        try {
            return EpochResult.fromRecord(r, file.toString());
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(file, "malformed history entry " + r + ": " + e.getMessage(), e);
        }
    }
}
