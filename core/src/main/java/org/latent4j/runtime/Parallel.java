package org.latent4j.runtime;


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
        if (chunks == 1 || !Threads.gang().tryRun(n, chunks, body)) {
            // One chunk, a nested loop, or the gang busy with another caller's loop: run here, chunk by
            // chunk, with the same boundaries (so the same partial results), never with more threads.
            for (int c = 0; c < chunks; c++) {
                body.run(c, start(n, chunks, c), start(n, chunks, c + 1));
            }
        }
    }

    /**
     * The running totals of the loops shared with the worker threads since the program started: subtract
     * an earlier snapshot to see where a stretch of work spent its time in parallel loops.
     */
    public static LoopTotals loopTotals() {
        return WorkerGang.totals();
    }

    /** First index of chunk {@code c} when {@code n} items are cut into {@code chunks} near-equal chunks. */
    public static int start(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }
}
