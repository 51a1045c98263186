package org.latent4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gang behind Parallel: every chunk exactly once, nested and concurrent loops, failures surface. */
class WorkerGangTest {
    private final int before = Threads.count();

    @AfterEach
    void restore() {
        Threads.set(before);
    }

    @Test
    void manyShortLoopsRunEveryChunkOnce() {
        for (int threads : new int[] {2, 3, 4}) {
            Threads.set(threads);
            for (int rep = 0; rep < 3000; rep++) {
                int n = 1 + rep % 97;
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                Parallel.forChunks(n, 1, (c, s, e) -> {
                    for (int i = s; i < e; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, hits.get(i), "threads " + threads + ", rep " + rep + ", index " + i);
                }
            }
        }
    }

    @Test
    void theCallerRunsTheChunksOfWorkersThatAreNotRunning() {
        // Workers not started: a gang that waited for them would never return.
        WorkerGang gang = new WorkerGang(3, false);
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> runOnTheCallerAlone(gang));
            // Started late, the workers take the next loops' chunks, each chunk still once.
            gang.startWorkers();
            for (int rep = 0; rep < 2000; rep++) {
                AtomicIntegerArray hits = new AtomicIntegerArray(4);
                assertTrue(gang.tryRun(4, 4, (c, s, e) -> hits.incrementAndGet(c)));
                for (int c = 0; c < 4; c++) {
                    assertEquals(1, hits.get(c), "rep " + rep + ", chunk " + c);
                }
            }
        } finally {
            gang.shutdown();
        }
    }

    private static void runOnTheCallerAlone(WorkerGang gang) {
        Thread caller = Thread.currentThread();
        for (int rep = 0; rep < 3; rep++) {
            AtomicIntegerArray hits = new AtomicIntegerArray(4);
            boolean[] onCaller = new boolean[4];
            assertTrue(gang.tryRun(100, 4, (c, s, e) -> {
                hits.incrementAndGet(c);
                onCaller[c] = Thread.currentThread() == caller;
                assertEquals(Parallel.start(100, 4, c), s);
                assertEquals(Parallel.start(100, 4, c + 1), e);
            }));
            for (int c = 0; c < 4; c++) {
                assertEquals(1, hits.get(c), "chunk " + c);
                assertTrue(onCaller[c], "chunk " + c + " on the caller");
            }
        }
    }

    @Test
    void aFailureInAChunkTheCallerTookOverReachesTheCaller() {
        WorkerGang gang = new WorkerGang(1, false);
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> gang.tryRun(10, 2, (c, s, t) -> {
                if (c == 1) {
                    throw new IllegalStateException("chunk 1 failed");
                }
            }));
            assertEquals("chunk 1 failed", e.getMessage());
        } finally {
            gang.shutdown();
        }
    }

    @Test
    void nestedLoopsRunInline() {
        Threads.set(3);
        AtomicLong sum = new AtomicLong();
        Parallel.forRange(300, 1, (s, e) -> Parallel.forRange(10, 1, (s2, e2) -> sum.addAndGet((long) (e - s) * (e2 - s2))));
        assertEquals(3000, sum.get());
    }

    @Test
    void twoCallerThreadsAtOnce() throws Exception {
        Threads.set(2);
        long[] results = new long[2];
        Thread[] callers = new Thread[2];
        for (int t = 0; t < 2; t++) {
            final int id = t;
            callers[t] = new Thread(() -> {
                long total = 0;
                for (int rep = 0; rep < 2000; rep++) {
                    long[] parts = new long[Parallel.chunkCount(1000, 10)];
                    Parallel.forChunks(1000, 10, (c, s, e) -> {
                        for (int i = s; i < e; i++) {
                            parts[c] += i;
                        }
                    });
                    for (long p : parts) {
                        total += p;
                    }
                }
                results[id] = total;
            });
            callers[t].start();
        }
        for (Thread t : callers) {
            t.join();
        }
        assertEquals(2000L * 499_500, results[0]);
        assertEquals(2000L * 499_500, results[1]);
    }

    @Test
    void aFailureInAWorkerChunkReachesTheCaller() {
        Threads.set(2);
        var e = assertThrows(IllegalArgumentException.class, () -> Parallel.forChunks(100, 1, (c, s, end) -> {
            if (c == 1) {
                throw new IllegalArgumentException("chunk 1 failed");
            }
        }));
        assertEquals("chunk 1 failed", e.getMessage());
        AtomicLong ok = new AtomicLong();
        Parallel.forRange(100, 1, (s, end) -> ok.addAndGet(end - s));
        assertEquals(100, ok.get(), "the gang works again after a failure");
    }

    @Test
    void idleWorkersPark() throws Exception {
        Threads.set(2);
        Parallel.forRange(100, 1, (s, e) -> { });
        Thread.sleep(50);
        boolean parked = false;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("latent4j-worker-") && t.getState() == Thread.State.WAITING) {
                parked = true;
            }
        }
        assertTrue(parked, "an idle worker must park, not spin forever");
    }

    @Test
    void loopTotalsCountSharedLoopsWithTheCallersComputingAndWaiting() throws Exception {
        Threads.set(2);
        Parallel.forRange(2, 1, (s, e) -> {}); // the gang exists and its worker runs
        LoopTotals before = Parallel.loopTotals();
        // The caller's chunk (0) takes 30 ms, the worker's (1) nothing: computing, hardly any waiting.
        Parallel.forChunks(2, 1, (c, s, e) -> sleep(c == 0 ? 30 : 0));
        LoopTotals first = Parallel.loopTotals().minus(before);
        assertEquals(1, first.loops());
        assertTrue(first.computeNanos() >= 25_000_000L, first.toString());
        // Now the worker's chunk takes 30 ms: the caller waits for it. (Its own chunk ends once the worker has
        // started, or the caller would take the worker's chunk over, as it does from a worker not yet running.)
        LoopTotals mid = Parallel.loopTotals();
        CountDownLatch started = new CountDownLatch(1);
        Parallel.forChunks(2, 1, (c, s, e) -> {
            if (c == 1) {
                started.countDown();
                sleep(30);
            } else {
                await(started);
            }
        });
        LoopTotals second = Parallel.loopTotals().minus(mid);
        assertEquals(1, second.loops());
        assertTrue(second.waitNanos() >= 20_000_000L, second.toString());
        assertTrue(second.computeNanos() < second.waitNanos(), second.toString());
        // A loop of one chunk and a loop nested in a chunk run on their caller's thread: not shared, not counted.
        LoopTotals last = Parallel.loopTotals();
        Parallel.forChunks(1, 1, (c, s, e) -> sleep(1));
        Parallel.forChunks(2, 1, (c, s, e) -> Parallel.forRange(4, 1, (s2, e2) -> {}));
        assertEquals(1, Parallel.loopTotals().minus(last).loops(), "only the outer loop is shared");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
