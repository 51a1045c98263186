package org.latent4j.runtime;

/**
 * Running totals of the parallel loops the worker threads shared, as seen by the threads that started
 * them: how many, how long the starting thread computed its own chunk (and the chunks it took over from
 * workers that had not started them), and how long it then waited for the workers to finish theirs. Loops
 * that ran on their caller's thread alone (one chunk, a nested loop, the workers busy with another caller's
 * loop) are not counted.
 *
 * <p>The difference of two snapshots ({@link #minus}) covers the loops in between; a training epoch's
 * time split ({@code latent4j bench vae --time-split}) is one such difference. Waiting is time the
 * starting thread could not use: the workers started late (woken from a park), had more to do, or ran
 * slower (their operands in another core's cache).
 *
 * @param loops        loops shared with the workers
 * @param computeNanos time the starting threads spent on their own chunks and on those they took over
 * @param waitNanos    time the starting threads then spent waiting for the workers
 */
public record LoopTotals(long loops, long computeNanos, long waitNanos) {

    /** The loops between {@code earlier} and this snapshot. */
    public LoopTotals minus(LoopTotals earlier) {
        return new LoopTotals(loops - earlier.loops, computeNanos - earlier.computeNanos, waitNanos - earlier.waitNanos);
    }
}
