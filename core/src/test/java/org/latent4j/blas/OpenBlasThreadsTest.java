package org.latent4j.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.runtime.Threads;

/** latent4j's threads own the cores: OpenBLAS stays single-threaded whatever the thread setting. */
class OpenBlasThreadsTest {
    @Test
    void openBlasStaysSingleThreadedAndTheBackendReportsLatent4jThreads() {
        assumeTrue(Backend.NATIVE.available(), "native BLAS not installed");
        assumeTrue(OpenBlas.controllable(), () -> "OpenBLAS controls unavailable: " + OpenBlas.problem().orElse(""));
        int before = Threads.count();
        try {
            Threads.set(3);
            assertEquals(1, OpenBlas.threads());
            assertEquals(3, Backend.NATIVE.threads());
            Threads.set(1);
            assertEquals(1, Backend.NATIVE.threads());
        } finally {
            Threads.set(before);
        }
        assertTrue(OpenBlas.config().orElseThrow().contains("OpenBLAS"), OpenBlas.config().orElse(""));
        assertTrue(Backend.NATIVE.describe().contains("OpenBLAS"), Backend.NATIVE.describe());
    }
}
