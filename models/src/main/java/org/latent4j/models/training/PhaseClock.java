package org.latent4j.models.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.latent4j.runtime.LoopTotals;
import org.latent4j.runtime.Parallel;

/**
 * The stopwatch behind {@link TimeSplit}: each {@link #lap} adds the time since the previous one to a named
 * phase. Used by the training thread only; a lap costs one clock reading and one map lookup.
 */
final class PhaseClock {
    private final Map<String, long[]> nanos = new LinkedHashMap<>();
    private LoopTotals loopsAtStart;
    private long last;
    private int laps;

    /** Starts an epoch: clears the phases. */
    void startEpoch() {
        nanos.clear();
        loopsAtStart = Parallel.loopTotals();
        last = System.nanoTime();
    }

    /** Adds the time since the previous lap to {@code phase}. */
    void lap(String phase) {
        long now = System.nanoTime();
        nanos.computeIfAbsent(phase, k -> new long[1])[0] += now - last;
        last = now;
        laps++;
    }

    /** How many laps were taken so far (to tell whether an objective's step took its own). */
    int laps() {
        return laps;
    }

    /** The epoch's split so far. */
    TimeSplit split() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        nanos.forEach((k, v) -> seconds.put(k, v[0] / 1e9));
        return new TimeSplit(seconds, Parallel.loopTotals().minus(loopsAtStart));
    }
}
