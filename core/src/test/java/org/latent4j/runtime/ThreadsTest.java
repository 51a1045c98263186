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
        var e = assertThrows(IllegalArgumentException.class, () -> Threads.set(0));
        assertTrue(e.getMessage().contains("expected a count >= 1, got 0"), e.getMessage());
    }
}
