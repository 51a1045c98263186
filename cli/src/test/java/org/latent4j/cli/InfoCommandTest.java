package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.latent4j.blas.Backend;
import org.latent4j.blas.Blas;
import org.latent4j.runtime.Threads;
import org.latent4j.runtime.Version;

class InfoCommandTest {
    @Test
    void jsonHasTheDocumentedKeys() throws Exception {
        CliRun r = CliRun.of("info", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode info = new ObjectMapper().readTree(r.out());
        assertEquals(Version.get(), info.get("version").asText());
        assertEquals(System.getProperty("java.version"), info.get("java").asText());
        assertEquals(Blas.backend().label(), info.get("blas").asText());
        assertTrue(info.get("blas").asText().equals("native") || info.get("blas").asText().equals("java"));
        assertEquals(Threads.count(), info.get("threads").asInt());
        if (Backend.NATIVE.available() && System.getProperty(Blas.PROPERTY) == null && System.getenv(Blas.ENV) == null) {
            assertEquals("native", info.get("blas").asText(), "OpenBLAS is installed, so info must report it");
        }
    }

    @Test
    void textNamesBackendAndThreads() {
        CliRun r = CliRun.of("info");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("latent4j " + Version.get()), r.out());
        assertTrue(r.out().contains("blas     " + Blas.backend().label()), r.out());
        assertTrue(r.out().contains("threads  " + Threads.count()), r.out());
    }

    @Test
    void threadsOptionWorksBeforeAndAfterTheSubcommand() throws Exception {
        int before = Threads.count();
        try {
            CliRun r = CliRun.of("--threads", "1", "info", "--json");
            assertEquals(0, r.exitCode(), r.err());
            assertEquals(1, new ObjectMapper().readTree(r.out()).get("threads").asInt());
            r = CliRun.of("info", "--threads=3", "--json");
            assertEquals(0, r.exitCode(), r.err());
            assertEquals(3, new ObjectMapper().readTree(r.out()).get("threads").asInt());
            r = CliRun.of("info", "--threads", "0");
            assertEquals(2, r.exitCode());
            assertTrue(r.err().contains("expected a thread count from 1 to "), r.err());
        } finally {
            Threads.set(before);
        }
    }
}
