package org.latent4j.runtime;

import java.util.concurrent.ForkJoinPool;

/**
 * The one thread setting of the whole program.
 *
 * <p>Java-side parallel loops ({@link Parallel}) use exactly {@link #count()} threads. OpenBLAS reads
 * its own thread count ({@code OPENBLAS_NUM_THREADS}) once, when it is loaded; the {@code ./latent4j}
 * launcher exports it from the same setting, so the two never oversubscribe the cores. Code must not
 * call BLAS from inside a {@link Parallel} loop: large products run on the calling thread and let
 * BLAS spread them; element-wise work runs in {@link Parallel} loops.
 *
 * <p>The initial value comes from the system property {@code latent4j.threads}, else the environment
 * variable {@code LATENT4J_THREADS}, else the number of available processors.
 */
public final class Threads {
    private static volatile int count = initialCount();
    private static volatile ForkJoinPool pool;

    private Threads() {}

    /** The number of threads parallel loops use (at least 1). */
    public static int count() {
        return count;
    }

    /**
     * Sets the thread count for parallel loops. OpenBLAS keeps the count it was started with
     * (see the class comment).
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static synchronized void set(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads: expected a count >= 1, got " + n);
        }
        if (n != count) {
            count = n;
            ForkJoinPool old = pool;
            pool = null;
            if (old != null) {
                old.shutdown();
            }
        }
    }

    /** The pool that runs parallel loops; created lazily with {@link #count()} workers. */
    static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Threads.class) {
                p = pool;
                if (p == null) {
                    p = new ForkJoinPool(count, daemonFactory(), null, false);
                    pool = p;
                }
            }
        }
        return p;
    }

    private static ForkJoinPool.ForkJoinWorkerThreadFactory daemonFactory() {
        return fjp -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(fjp);
            t.setDaemon(true);
            t.setName("latent4j-worker-" + t.getPoolIndex());
            return t;
        };
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
