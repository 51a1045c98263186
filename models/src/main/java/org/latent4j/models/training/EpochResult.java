package org.latent4j.models.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one epoch.
 *
 * @param epoch        1 for the first epoch
 * @param seconds      wall-clock time of the training steps of this epoch (evaluation excluded)
 * @param trainLoss    mean reported loss per training example over the epoch
 * @param train        the named parts of the training loss (e.g. {@code recon}, {@code kl}), mean per training
 *                     example over the epoch's batches; empty when the objective reports none
 * @param test         held-out figures (mean per example, e.g. {@code loss}, {@code recon}, {@code kl}); empty without held-out data
 * @param learningRate the learning rate used during the epoch
 */
public record EpochResult(int epoch, double seconds, double trainLoss, Map<String, Double> train,
                          Map<String, Double> test, double learningRate) {
    public EpochResult {
        if (train.containsKey("loss")) {
            throw new IllegalArgumentException("EpochResult: 'loss' is the trainLoss, not a training part");
        }
        train = Collections.unmodifiableMap(new LinkedHashMap<>(train));
        test = Collections.unmodifiableMap(new LinkedHashMap<>(test));
    }

    /** An epoch without named training parts. */
    public EpochResult(int epoch, double seconds, double trainLoss, Map<String, Double> test, double learningRate) {
        this(epoch, seconds, trainLoss, Map.of(), test, learningRate);
    }

    /** The held-out loss, or NaN without held-out data. */
    public double testLoss() {
        return test.getOrDefault("loss", Double.NaN);
    }

    /**
     * One flat map as written to {@code metrics.jsonl}: epoch, seconds, train_loss, train_* parts, test_*
     * figures, lr.
     */
    public Map<String, Object> toRecord() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("seconds", seconds);
        m.put("train_loss", trainLoss);
        train.forEach((k, v) -> m.put("train_" + k, v));
        test.forEach((k, v) -> m.put("test_" + k, v));
        m.put("lr", learningRate);
        return m;
    }

    /**
     * The inverse of {@link #toRecord()}: reads one record (e.g. a line of {@code metrics.jsonl} or a
     * checkpoint's history entry), failing with {@code source} when a required field is missing.
     */
    public static EpochResult fromRecord(com.fasterxml.jackson.databind.JsonNode r, String source) {
        for (String field : new String[] {"epoch", "seconds", "train_loss", "lr"}) {
            if (r == null || !r.isObject() || !r.path(field).isNumber()) {
                throw new IllegalArgumentException(source + ": epoch record " + r + " lacks the number '" + field + "'");
            }
        }
        Map<String, Double> train = new LinkedHashMap<>();
        Map<String, Double> test = new LinkedHashMap<>();
        r.properties().forEach(e -> {
            String k = e.getKey();
            if (k.startsWith("train_") && !k.equals("train_loss")) {
                train.put(k.substring(6), e.getValue().asDouble());
            } else if (k.startsWith("test_")) {
                test.put(k.substring(5), e.getValue().asDouble());
            }
        });
        return new EpochResult(r.get("epoch").asInt(), r.get("seconds").asDouble(), r.get("train_loss").asDouble(),
                train, test, r.get("lr").asDouble());
    }
}
