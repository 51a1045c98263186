package org.latent4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadsTest {
    @Test
    void setTellsListenersAndMarksTheSettingExplicit() {
        int before = Threads.count();
        List<Integer> seen = new ArrayList<>();
        List<Runnable> removals = List.of(
                Threads.onSet(seen::add),
                Threads.onSet(n -> {
                    throw new IllegalStateException("a listener that fails must not stop the others");
                }),
                Threads.onSet(n -> seen.add(-n)));
        try {
            Threads.set(3);
            assertEquals(3, Threads.count());
            assertTrue(Threads.configured());
            assertEquals(List.of(3, -3), seen);
        } finally {
            removals.forEach(Runnable::run);
            Threads.set(before);
        }
        assertEquals(List.of(3, -3), seen, "removed listeners are not called");
    }

    @Test
    void rejectsCountsBelowOne() {
        int before = Threads.count();
        var e = assertThrows(IllegalArgumentException.class, () -> Threads.set(0));
        assertTrue(e.getMessage().contains("expected a thread count from 1 to " + Threads.max()) && e.getMessage().endsWith("got 0"),
                e.getMessage());
        assertEquals(before, Threads.count());
    }

    @Test
    void capsTheCountAtAMultipleOfTheProcessors() {
        int processors = Runtime.getRuntime().availableProcessors();
        assertEquals(Threads.MAX_PER_PROCESSOR * processors, Threads.max());
        int before = Threads.count();
        var e = assertThrows(IllegalArgumentException.class, () -> Threads.set(100_000));
        assertEquals("threads: expected a thread count from 1 to " + Threads.max() + " (" + Threads.MAX_PER_PROCESSOR
                + " × the " + processors + " available processors), got 100000", e.getMessage());
        assertEquals(before, Threads.count(), "a refused count changes nothing (no threads are made)");
        assertEquals(Threads.max(), Threads.check("--threads", Threads.max()));
        e = assertThrows(IllegalArgumentException.class, () -> Threads.check("--threads", Threads.max() + 1L));
        assertTrue(e.getMessage().startsWith("--threads: expected a thread count from 1 to "), e.getMessage());
    }
}
