package org.latent4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void coversEveryIndexOnceInContiguousChunks() {
        int n = 100_003;
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        Parallel.forChunks(n, 1000, (c, s, e) -> {
            assertEquals(Parallel.start(n, Parallel.chunkCount(n, 1000), c), s);
            for (int i = s; i < e; i++) {
                hits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < n; i++) {
            assertEquals(1, hits.get(i));
        }
    }

    @Test
    void chunkCountDependsOnlyOnSizesAndThreads() {
        assertEquals(1, Parallel.chunkCount(10, 1000));
        assertEquals(Math.min(Threads.count(), 100), Parallel.chunkCount(100_000, 1000));
        assertEquals(0, Parallel.chunkCount(0, 1));
    }

    @Test
    void failuresPropagate() {
        var e = assertThrows(IllegalStateException.class, () -> Parallel.forRange(1 << 20, 1, (s, end) -> {
            throw new IllegalStateException("boom at " + s);
        }));
        assertEquals(true, e.getMessage().startsWith("boom"));
    }

    @Test
    void threadSettingRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Threads.set(0));
    }
}
