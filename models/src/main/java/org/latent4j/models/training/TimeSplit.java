package org.latent4j.models.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latent4j.runtime.LoopTotals;

/**
 * Where the training thread's wall-clock time went during one epoch's steps (evaluation excluded, as in
 * {@link EpochResult#seconds()}).
 *
 * <p>{@code phases} splits it by part of a step, in order: {@code batches} (the epoch's shuffle and gathering each batch's rows),
 * then for one loss and one optimizer {@code forward}, {@code backward}, {@code gradient check} (the
 * finiteness check and clipping) and {@code update} (the optimizer), or {@code step} for an objective that
 * performs its steps itself (a WGAN), then {@code other} (the trainer's bookkeeping and the listeners, such
 * as a progress bar). {@code loops} tells how much of the same time the training thread spent in parallel
 * loops shared with the worker threads: computing its own chunk (and any a worker had not started), or
 * waiting for the workers to finish theirs; the rest ({@link #aloneSeconds()}) it worked while the workers
 * had nothing to do.
 *
 * @param phases seconds per phase, in the order above
 * @param loops  the parallel loops the epoch's steps shared with the workers
 */
public record TimeSplit(Map<String, Double> phases, LoopTotals loops) {
    public TimeSplit {
        phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    /** The phases' total: the steps' wall-clock seconds. */
    public double totalSeconds() {
        return phases.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Seconds the training thread spent computing its own chunks of parallel loops, and those it took over. */
    public double parallelSeconds() {
        return loops.computeNanos() / 1e9;
    }

    /** Seconds the training thread spent waiting for the worker threads at the end of parallel loops. */
    public double waitingSeconds() {
        return loops.waitNanos() / 1e9;
    }

    /** Seconds the training thread worked outside parallel loops, the worker threads idle. */
    public double aloneSeconds() {
        return Math.max(0, totalSeconds() - parallelSeconds() - waitingSeconds());
    }
}
