package org.latent4j.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.runtime.Threads;

/** The one thread setting reaches OpenBLAS when it is loaded and reachable (JDK 22+). */
class OpenBlasThreadsTest {
    @Test
    void threadsSetReachesOpenBlas() {
        assumeTrue(Backend.NATIVE.available(), "native BLAS not installed");
        assumeTrue(OpenBlas.controllable(), () -> "OpenBLAS controls unavailable: " + OpenBlas.problem().orElse(""));
        int before = Threads.count();
        try {
            Threads.set(1);
            assertEquals(1, OpenBlas.threads());
            assertEquals(1, Backend.NATIVE.threads());
            Threads.set(2);
            assertEquals(2, OpenBlas.threads());
        } finally {
            Threads.set(before);
        }
        assertTrue(OpenBlas.config().orElseThrow().contains("OpenBLAS"), OpenBlas.config().orElse(""));
        assertTrue(Backend.NATIVE.describe().contains("OpenBLAS"), Backend.NATIVE.describe());
    }
}
