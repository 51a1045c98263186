package org.latent4j.cli;

import java.util.Arrays;

/**
 * Times an operation after a warm-up: repetitions are grouped into samples of at least a couple of
 * milliseconds (so the clock's resolution does not matter), samples are taken until the time budget
 * is spent, and the median and best sample are reported per repetition.
 */
final class BenchTiming {
    private static final long MIN_SAMPLE_NANOS = 2_000_000L;
    private static final int MIN_SAMPLES = 5;

    private BenchTiming() {}

    /** Nanoseconds per repetition: the median and the best (fastest) sample, and how many samples. */
    record Result(double medianNanos, double bestNanos, int samples, int repsPerSample) {}

    /**
     * Runs {@code op} for about {@code warmupSeconds} untimed, then for about {@code seconds} timed.
     */
    static Result time(Runnable op, double warmupSeconds, double seconds) {
        return time(op, null, warmupSeconds, seconds);
    }

    /**
     * Like {@link #time(Runnable, double, double)} with {@code before} run untimed ahead of every repetition
     * (when not null); each sample is then one repetition.
     */
    static Result time(Runnable op, Runnable before, double warmupSeconds, double seconds) {
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        long reps = 0;
        long t0 = System.nanoTime();
        do {
            if (before != null) {
                before.run();
            }
            op.run();
            reps++;
        } while (System.nanoTime() < warmEnd || reps < 3);
        double perRep = (double) (System.nanoTime() - t0) / reps;
        int repsPerSample = before != null ? 1 : (int) Math.max(1, Math.ceil(MIN_SAMPLE_NANOS / Math.max(1.0, perRep)));
        long budget = (long) (seconds * 1e9);
        double[] samples = new double[16];
        int count = 0;
        long start = System.nanoTime();
        while (count < MIN_SAMPLES || System.nanoTime() - start < budget) {
            if (before != null) {
                before.run();
            }
            long s = System.nanoTime();
            for (int r = 0; r < repsPerSample; r++) {
                op.run();
            }
            long e = System.nanoTime();
            if (count == samples.length) {
                samples = Arrays.copyOf(samples, count * 2);
            }
            samples[count++] = (double) (e - s) / repsPerSample;
        }
        double[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        double median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
        return new Result(median, sorted[0], count, repsPerSample);
    }
}
