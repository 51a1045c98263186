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
        assertEquals(Blas.label(), info.get("blas").asText());
        assertTrue(java.util.Set.of("native", "java", "measured").contains(info.get("blas").asText()), info.toString());
        assertEquals(Threads.count(), info.get("threads").asInt());
        if (Backend.NATIVE.available() && System.getProperty(Blas.PROPERTY) == null && System.getenv(Blas.ENV) == null) {
            assertEquals("measured", info.get("blas").asText(), "OpenBLAS is installed, so info must say the choice is measured");
        }
    }

    @Test
    void textNamesBackendAndThreads() {
        CliRun r = CliRun.of("info");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("latent4j " + Version.get()), r.out());
        assertTrue(r.out().contains("blas     " + Blas.label()), r.out());
        assertTrue(r.out().contains("threads  " + Threads.count()), r.out());
    }

    @Test
    void aMeasuredClassIsListedWithItsChoiceAndBothSpeeds() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Blas.measuring(), "both backends in auto mode");
        float[] a = new float[96 * 200], b = new float[200 * 80], c = new float[96 * 80];
        Blas.sgemm(false, true, 96, 80, 200, 1f, a, 0, 200, b, 0, 200, 0f, c, 0, 80);
        CliRun r = CliRun.of("info", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode choice = new ObjectMapper().readTree(r.out()).get("blas_choices").get("s-NT-large");
        // the class may have been measured by an earlier test of this JVM, on its own shape
        assertTrue(choice != null && choice.asText().matches("(java|native) \\(java \\d+ GFLOP/s, native \\d+ GFLOP/s, on \\d+x\\d+x\\d+ transB\\)"),
                r.out());
        CliRun text = CliRun.of("info");
        assertTrue(text.out().contains("blas     measured per shape class: native ") && text.out().contains("s-NT-large: "
                + choice.asText()) && text.out().contains("kept in " + Blas.measuredChoiceFile()), text.out());
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
