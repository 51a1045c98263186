package org.latent4j.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;

/**
 * Deterministic parallel loops over index ranges.
 *
 * <p>A range {@code [0, n)} is cut into contiguous chunks whose boundaries depend only on {@code n},
 * the minimum chunk size and {@link Threads#count()}, never on timing. A caller that keeps one partial
 * result per chunk and combines them in chunk order therefore gets the same numbers on every run with
 * the same thread count.
 */
public final class Parallel {
    private Parallel() {}

    /** The body of a loop over {@code [start, end)}. */
    @FunctionalInterface
    public interface Range {
        void run(int start, int end);
    }

    /** The body of a loop over {@code [start, end)} that also receives its chunk's index. */
    @FunctionalInterface
    public interface Chunk {
        void run(int chunk, int start, int end);
    }

    /** How many chunks {@link #forChunks} cuts {@code n} items into, given a minimum chunk size. */
    public static int chunkCount(int n, int minChunk) {
        if (n <= 0) {
            return 0;
        }
        int byWork = Math.max(1, n / Math.max(1, minChunk));
        return Math.min(Threads.count(), byWork);
    }

    /** Runs {@code body} over {@code [0, n)} in at most {@link Threads#count()} chunks of at least {@code minChunk}. */
    public static void forRange(int n, int minChunk, Range body) {
        forChunks(n, minChunk, (c, s, e) -> body.run(s, e));
    }

    /** Like {@link #forRange} and passes each chunk's index, for per-chunk partial results. */
    public static void forChunks(int n, int minChunk, Chunk body) {
        int chunks = chunkCount(n, minChunk);
        if (chunks == 0) {
            return;
        }
        if (chunks == 1 || ForkJoinTask.inForkJoinPool()) {
            // Nested parallel loops run sequentially: never more busy threads than the setting.
            for (int c = 0; c < chunks; c++) {
                body.run(c, start(n, chunks, c), start(n, chunks, c + 1));
            }
            return;
        }
        List<ForkJoinTask<?>> tasks = new ArrayList<>(chunks);
        for (int c = 1; c < chunks; c++) {
            final int chunk = c;
            tasks.add(Threads.pool().submit(() -> body.run(chunk, start(n, chunks, chunk), start(n, chunks, chunk + 1))));
        }
        RuntimeException failure = null;
        try {
            body.run(0, 0, start(n, chunks, 1));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (ForkJoinTask<?> t : tasks) {
            try {
                t.join();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** First index of chunk {@code c} when {@code n} items are cut into {@code chunks} near-equal chunks. */
    public static int start(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }
}
