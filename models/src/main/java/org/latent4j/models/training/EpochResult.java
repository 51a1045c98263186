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
 * @param test         held-out figures (mean per example, e.g. {@code loss}, {@code recon}, {@code kl}); empty without held-out data
 * @param learningRate the learning rate used during the epoch
 */
public record EpochResult(int epoch, double seconds, double trainLoss, Map<String, Double> test, double learningRate) {
    public EpochResult {
        test = Collections.unmodifiableMap(new LinkedHashMap<>(test));
    }

    /** The held-out loss, or NaN without held-out data. */
    public double testLoss() {
        return test.getOrDefault("loss", Double.NaN);
    }

    /** One flat map as written to {@code metrics.jsonl}: epoch, seconds, train_loss, test_* figures, lr. */
    public Map<String, Object> toRecord() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("seconds", seconds);
        m.put("train_loss", trainLoss);
        test.forEach((k, v) -> m.put("test_" + k, v));
        m.put("lr", learningRate);
        return m;
    }
}
