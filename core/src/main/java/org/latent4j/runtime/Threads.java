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
 * variable {@code LATENT4J_THREADS}, else the number of available processors.
 *
 * <p>Libraries with threads of their own can follow the setting through {@link #onSet}.
 */
public final class Threads {
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
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static synchronized void set(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads: expected a count >= 1, got " + n);
        }
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
        if (v == null || v.isBlank()) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException(source + ": expected a thread count >= 1, got '" + v + "'");
    }
}
