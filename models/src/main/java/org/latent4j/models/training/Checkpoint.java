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
import org.latent4j.io.ModelFiles;
import org.latent4j.io.SafeTensors;

/**
 * Everything needed to continue a training run exactly where it stopped: the model's weights, the
 * optimizer's state, the random sources' states, the epoch and the early-stopping bookkeeping.
 *
 * <p>On disk a checkpoint is a directory written atomically: {@code state.safetensors} holds the arrays
 * (keys {@code model.*}, {@code optimizer.*}, {@code best.*}, {@code rng.shuffle}, {@code rng.noise})
 * and {@code trainer.json} the rest, including the training settings it was made with and the history
 * of the completed epochs (each as {@link EpochResult#toRecord()}: training parts and held-out figures),
 * and the identity of the data it was trained on ({@link DataIdentity}: name, rows × columns and a
 * fingerprint of the values, for the training and the held-out data), so that a run is not continued on
 * other data.
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
 * @param train      the training data it was made with
 * @param test       the held-out data it was made with, or null when there were none
 */
public record Checkpoint(int epoch, Map<String, ArrayData> model, Map<String, ArrayData> optimizer,
                         Map<String, ArrayData> best, long[] shuffleRng, long[] noiseRng, double bestLoss,
                         int bestEpoch, int badEpochs, List<EpochResult> history, ObjectNode training,
                         DataIdentity train, DataIdentity test) {

    /** Version 2 adds the data identity; a version 1 checkpoint cannot be checked against the data, so it is refused. */
    public static final int FORMAT_VERSION = 2;
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
        ObjectNode data = state.putObject("data");
        data.set("train", train.toJson());
        if (test != null) {
            data.set("test", test.toJson());
        }
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
                    + " (expected " + FORMAT_VERSION + (state.path("format_version").asInt(-1) == 1
                    ? "; version 1 does not record the data it was trained on, so start the run again without resuming" : "")
                    + ")");
        }
        SafeTensors.Contents c = SafeTensors.read(arraysFile);
        ModelFiles.requireFinite(arraysFile, c.arrays(), "a checkpoint's weights and optimizer state");
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
            history.add(epochResult(r, history.size(), stateFile));
        }
        JsonNode training = state.get("training");
        if (!(training instanceof ObjectNode trainingObject)) {
            throw new FileFormatException(stateFile, "missing the 'training' settings object");
        }
        JsonNode data = state.path("data");
        JsonNode testData = data.get("test");
        return new Checkpoint(f.integer("epoch"), model, optimizer, best.isEmpty() ? null : best,
                c.i64("rng.shuffle", 6), c.i64("rng.noise", 6), state.path("best_loss").asDouble(Double.NaN),
                f.integer("best_epoch"), f.integer("bad_epochs"), history, trainingObject,
                DataIdentity.fromJson(data.path("train"), stateFile, "data.train"),
                testData == null || testData.isNull() ? null : DataIdentity.fromJson(testData, stateFile, "data.test"));
    }

    /**
     * What identifies the data a run trains on: its name (as given, e.g. {@code fashion-mnist/train}),
     * rows × columns and {@link DataMatrix#fingerprint()}. Two data sets are the same when shape and
     * fingerprint agree (the name may differ, e.g. after moving a file).
     */
    public record DataIdentity(String name, int rows, int cols, long fingerprint) {
        /** The identity of a data matrix (null for null). */
        public static DataIdentity of(DataMatrix m) {
            return m == null ? null : new DataIdentity(m.name(), m.rows(), m.cols(), m.fingerprint());
        }

        /** Whether this is the same data as {@code other} (shape and fingerprint). */
        public boolean sameData(DataIdentity other) {
            return other != null && rows == other.rows && cols == other.cols && fingerprint == other.fingerprint;
        }

        @Override
        public String toString() {
            return name + " (" + rows + "×" + cols + ", fingerprint " + String.format("%016x", fingerprint) + ")";
        }

        ObjectNode toJson() {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("name", name);
            o.put("rows", rows);
            o.put("cols", cols);
            o.put("fingerprint", String.format("%016x", fingerprint));
            return o;
        }

        static DataIdentity fromJson(JsonNode n, Path file, String where) throws FileFormatException {
            JsonNode fp = n.get("fingerprint");
            if (!n.isObject() || !n.path("name").isTextual() || !n.path("rows").canConvertToInt()
                    || !n.path("cols").canConvertToInt() || fp == null || !fp.isTextual()
                    || !fp.textValue().matches("[0-9a-f]{16}")) {
                throw new FileFormatException(file, "'" + where + "' must be {\"name\", \"rows\", \"cols\", \"fingerprint\":"
                        + " 16 hex digits}, got " + (n.isMissingNode() ? "nothing" : n.toString()));
            }
            return new DataIdentity(n.get("name").textValue(), n.get("rows").intValue(), n.get("cols").intValue(),
                    Long.parseUnsignedLong(fp.textValue(), 16));
        }
    }

    private static EpochResult epochResult(JsonNode r, int index, Path file) throws FileFormatException {
        try {
            return EpochResult.fromRecord(r, "history[" + index + "]");
        } catch (IllegalArgumentException e) {
            throw FileFormatException.of(file, e);
        }
    }
}
