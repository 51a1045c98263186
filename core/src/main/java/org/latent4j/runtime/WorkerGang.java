package org.latent4j.runtime;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads behind {@link Parallel}: a fixed gang where worker w runs chunk w + 1 of each loop while
 * the calling thread runs chunk 0, and then any chunk no worker has started yet.
 *
 * <p>Why not a fork/join pool: a training step runs about a hundred short parallel loops (0.05-0.5 ms
 * each), and a pool parks its idle workers at once, so every loop paid a futex wake-up (65 000 per VAE
 * epoch, a third of the processor time in the kernel). Here a worker that finished its chunk spins for
 * {@link #SPIN_NANOS} before it parks, so back-to-back loops hand over through memory (OpenMP's
 * "active" wait policy, bounded in time so an idle program does not burn a core).
 *
 * <p>A chunk goes to whichever thread claims it first, so the caller does not wait for a worker that is
 * not running: on two cores the JIT's compiler thread or another process often holds the worker's core,
 * for milliseconds at a time, while the caller has finished its own chunk. Results do not depend on who
 * ran a chunk, only on the chunk boundaries, which depend only on the loop and the thread count.
 *
 * <p>One loop runs at a time. A loop started while another runs (a nested loop inside a chunk, or a
 * second caller thread) runs on its caller's thread, chunk by chunk, with the same chunk boundaries.
 */
final class WorkerGang {
    /** How long an idle worker spins before it parks. */
    static final long SPIN_NANOS = 100_000;

    private final Thread[] threads;
    private final boolean[] parked;
    /** The generation of the loop whose chunk c was last claimed, at c - 1: a claim is one compare-and-set. */
    private final AtomicLongArray claims;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean shutdown;
    /** The current loop, published whole: a worker never mixes the fields of two loops. */
    private volatile Job job = new Job(0, null, 0, 0);
    private volatile Throwable failure;

    private record Job(long generation, Parallel.Chunk body, int n, int chunks) {}

    // Shared by all gangs (Threads.set replaces the gang), so the totals run on across a change of count.
    private static final LongAdder LOOPS = new LongAdder();
    private static final LongAdder COMPUTE_NANOS = new LongAdder();
    private static final LongAdder WAIT_NANOS = new LongAdder();

    /** The totals of all loops shared so far (see {@link LoopTotals}). */
    static LoopTotals totals() {
        return new LoopTotals(LOOPS.sum(), COMPUTE_NANOS.sum(), WAIT_NANOS.sum());
    }

    WorkerGang(int workers) {
        this(workers, true);
    }

    /** A gang whose worker threads start only when {@code startNow} is true or {@link #startWorkers()} is called. */
    WorkerGang(int workers, boolean startNow) {
        threads = new Thread[workers];
        parked = new boolean[workers];
        claims = new AtomicLongArray(workers);
        // A worker starts from the generation of the gang's creation, not the one it reads when its
        // thread first runs: a loop published before that would otherwise look old and be missed.
        long start = job.generation();
        for (int w = 0; w < workers; w++) {
            final int index = w;
            Thread t = new Thread(() -> work(index, start), "latent4j-worker-" + (w + 1));
            t.setDaemon(true);
            threads[w] = t;
        }
        if (startNow) {
            startWorkers();
        }
    }

    void startWorkers() {
        for (Thread t : threads) {
            t.start();
        }
    }

    /**
     * Whether this thread is the first to claim chunk {@code c} (≥ 1) of the loop of {@code generation}. Claims
     * only move forward: a worker still holding an earlier loop, whose chunks were all claimed before the
     * next loop began, can never take a chunk of a later one.
     */
    private boolean claim(int c, long generation) {
        long last = claims.get(c - 1);
        return last < generation && claims.compareAndSet(c - 1, last, generation);
    }

    /** How many chunks one loop can spread over (the workers plus the caller). */
    int width() {
        return threads.length + 1;
    }

    /**
     * Runs {@code body} over {@code chunks} chunks of {@code [0, n)} on the gang; returns false without
     * running anything when the gang is busy or too small, so the caller runs the loop itself.
     */
    boolean tryRun(int n, int chunks, Parallel.Chunk body) {
        if (chunks > width() || shutdown || !busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            failure = null;
            pending.set(chunks - 1);
            long generation = job.generation() + 1;
            job = new Job(generation, body, n, chunks);
            for (int w = 0; w < chunks - 1; w++) {
                if (parkedVolatile(w)) {
                    LockSupport.unpark(threads[w]);
                }
            }
            Throwable own = null;
            long started = System.nanoTime();
            try {
                body.run(0, 0, Parallel.start(n, chunks, 1));
            } catch (Throwable t) {
                own = t;
            }
            // The chunks no worker has claimed yet: their workers are not running.
            for (int c = chunks - 1; c >= 1; c--) {
                if (claim(c, generation)) {
                    try {
                        body.run(c, Parallel.start(n, chunks, c), Parallel.start(n, chunks, c + 1));
                    } catch (Throwable t) {
                        own = own != null ? own : t;
                    } finally {
                        pending.decrementAndGet();
                    }
                }
            }
            long computed = System.nanoTime();
            for (int spins = 0; pending.get() != 0; spins++) {
                if (spins < 10_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield(); // a descheduled worker needs this core
                }
            }
            LOOPS.increment();
            COMPUTE_NANOS.add(computed - started);
            WAIT_NANOS.add(System.nanoTime() - computed);
            Throwable first = own != null ? own : failure;
            if (first instanceof RuntimeException r) {
                throw r;
            }
            if (first instanceof Error e) {
                throw e;
            }
            if (first != null) {
                throw new IllegalStateException(first);
            }
            return true;
        } finally {
            busy.set(false);
        }
    }

    /** Stops the workers (after their current chunk). */
    void shutdown() {
        shutdown = true;
        job = new Job(job.generation() + 1, null, 0, 0);
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
    }

    private void work(int w, long startGeneration) {
        long seen = startGeneration;
        while (!shutdown) {
            Job j = job;
            if (j.generation() != seen) {
                seen = j.generation();
                int c = w + 1;
                if (c < j.chunks() && claim(c, j.generation())) {
                    try {
                        j.body().run(c, Parallel.start(j.n(), j.chunks(), c), Parallel.start(j.n(), j.chunks(), c + 1));
                    } catch (Throwable t) {
                        failure = t;
                    } finally {
                        pending.decrementAndGet();
                    }
                }
                continue;
            }
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (job.generation() == seen && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            if (job.generation() == seen) {
                setParked(w, true);
                // Dekker handshake with tryRun: the caller publishes the job then reads parked; we write
                // parked then read the job, so one of us sees the other and no wake-up is lost.
                if (job.generation() == seen && !shutdown) {
                    LockSupport.park(this);
                }
                setParked(w, false);
            }
        }
    }

    private static final java.lang.invoke.VarHandle PARKED =
            java.lang.invoke.MethodHandles.arrayElementVarHandle(boolean[].class);

    private void setParked(int w, boolean value) {
        PARKED.setVolatile(parked, w, value);
    }

    private boolean parkedVolatile(int w) {
        return (boolean) PARKED.getVolatile(parked, w);
    }
}
