package org.latent4j.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * The one thread setting of the whole program.
 *
 * <p>Everything runs on these threads: the {@link Parallel} loops, the pure-Java GEMM, and native
 * products too, which the BLAS layer cuts into blocks of one single-threaded OpenBLAS call each. OpenBLAS
 * itself is kept at one thread (the {@code ./latent4j} launcher exports {@code OPENBLAS_NUM_THREADS=1};
 * on JDK 22+ it is also set in-process), so no second pool ever competes for the cores. Code must not
 * call BLAS from inside a {@link Parallel} loop (nested loops run sequentially, so the product would
 * lose its threads); element-wise work runs in {@link Parallel} loops.
 *
 * <p>The initial value comes from the system property {@code latent4j.threads}, else the environment
 * variable {@code LATENT4J_THREADS}, else the number of available processors. A count is between 1 and
 * {@link #max()}, {@value #MAX_PER_PROCESSOR} times the available processors: more threads than that only
 * cost memory and switching (each worker spins before it parks), and an absurd value such as 100000 would
 * create that many threads before failing. An initial value that is not such a count is not used (the
 * processors are) and is reported by {@link #settingError()}, so that a program can refuse it.
 *
 * <p>Libraries with threads of their own can follow the setting through {@link #onSet}.
 */
public final class Threads {
    /** The largest thread count, as a multiple of the available processors. */
    public static final int MAX_PER_PROCESSOR = 16;
    private static volatile String settingError;
    private static volatile int count = initialCount();
    private static volatile WorkerGang gang;
    private static volatile boolean configured = initialSettingGiven();
    private static final List<IntConsumer> LISTENERS = new CopyOnWriteArrayList<>();

    private Threads() {}

    /** The number of threads parallel loops use (at least 1). */
    public static int count() {
        return count;
    }

    /**
     * The largest accepted count: {@value #MAX_PER_PROCESSOR} × the available processors. Above the
     * processors, more threads give the same numbers as on a machine with that many cores (chunking
     * depends only on sizes and count), which is what a larger multiple would be for.
     */
    public static int max() {
        return MAX_PER_PROCESSOR * Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Checks a thread count: between 1 and {@link #max()}.
     *
     * @param what names where the value came from in the message, e.g. {@code "--threads"}
     * @throws IllegalArgumentException naming {@code what}, the value and the accepted range
     */
    public static int check(String what, long n) {
        if (n < 1 || n > max()) {
            throw new IllegalArgumentException(what + ": expected a thread count from 1 to " + max() + " ("
                    + MAX_PER_PROCESSOR + " × the " + Runtime.getRuntime().availableProcessors()
                    + " available processors), got " + n);
        }
        return (int) n;
    }

    /**
     * What was wrong with the initial setting (system property {@code latent4j.threads} or environment
     * variable {@code LATENT4J_THREADS}) when it was not a count from 1 to {@link #max()}, else null; the
     * count then starts at the number of processors.
     */
    public static String settingError() {
        return settingError;
    }

    /**
     * Whether the count was chosen explicitly (system property, environment variable or {@link #set})
     * rather than defaulted to the number of processors.
     */
    public static boolean configured() {
        return configured;
    }

    /**
     * Registers a listener called with the new count on every later {@link #set}, after the count
     * changed. A listener that throws does not stop the others.
     *
     * @return an action that removes the listener again
     */
    public static Runnable onSet(IntConsumer listener) {
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    /**
     * Sets the thread count for parallel loops and tells the {@link #onSet} listeners (OpenBLAS
     * follows it when it can; otherwise it keeps the count it was started with, see the class comment).
     *
     * @throws IllegalArgumentException if {@code n} is not between 1 and {@link #max()}
     */
    public static synchronized void set(int n) {
        check("threads", n);
        if (n != count) {
            count = n;
            WorkerGang old = gang;
            gang = null;
            if (old != null) {
                old.shutdown();
            }
        }
        configured = true;
        for (IntConsumer listener : LISTENERS) {
            try {
                listener.accept(n);
            } catch (RuntimeException ignored) {
                // A library that cannot follow the setting keeps its own; the Java side is already set.
            }
        }
    }

    /** The worker threads behind parallel loops; created lazily with {@link #count()} - 1 workers. */
    static WorkerGang gang() {
        WorkerGang g = gang;
        if (g == null) {
            synchronized (Threads.class) {
                g = gang;
                if (g == null) {
                    g = new WorkerGang(count - 1);
                    gang = g;
                }
            }
        }
        return g;
    }

    private static boolean initialSettingGiven() {
        if (settingError != null) {
            return false;
        }
        String v = System.getProperty("latent4j.threads");
        return (v != null && !v.isBlank()) || (System.getenv("LATENT4J_THREADS") != null
                && !System.getenv("LATENT4J_THREADS").isBlank());
    }

    private static int initialCount() {
        String v = System.getProperty("latent4j.threads");
        String source = "system property latent4j.threads";
        if (v == null || v.isBlank()) {
            v = System.getenv("LATENT4J_THREADS");
            source = "environment variable LATENT4J_THREADS";
        }
        int processors = Math.max(1, Runtime.getRuntime().availableProcessors());
        if (v == null || v.isBlank()) {
            return processors;
        }
        try {
            return check(source, Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            settingError = source + ": expected a thread count from 1 to " + max() + ", got '" + v + "'";
        } catch (IllegalArgumentException e) {
            settingError = e.getMessage();
        }
        // Not thrown from here: a class that fails to initialize gives every later use a NoClassDefFoundError.
        return processors;
    }
}
