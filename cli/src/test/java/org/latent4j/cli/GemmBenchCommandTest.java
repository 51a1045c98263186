package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.latent4j.blas.Backend;

/** The benchmark runs and reports its figures; speed itself is never asserted. */
class GemmBenchCommandTest {
    @Test
    void jsonReportsPositiveGflopsForEachBackend() throws Exception {
        String backends = Backend.NATIVE.available() ? "java,native" : "java";
        CliRun r = CliRun.of("bench", "gemm", "--m", "17", "--k", "33", "--n", "9", "--transpose-a", "--transpose-b",
                "--backend", backends, "--seconds", "0.02", "--warmup", "0.01", "--json");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(backends.split(",").length, lines.length, r.out());
        for (int i = 0; i < lines.length; i++) {
            JsonNode row = new ObjectMapper().readTree(lines[i]);
            assertTrue(row.get("gflops").asDouble() > 0, lines[i]);
            assertTrue(row.get("best_gflops").asDouble() >= row.get("gflops").asDouble(), lines[i]);
            assertEquals(backends.split(",")[i], row.get("backend").asText());
            assertEquals(17, row.get("m").asInt());
            assertTrue(row.get("transpose_a").asBoolean() && row.get("transpose_b").asBoolean());
        }
    }

    @Test
    void textSaysWhichStatistic() {
        CliRun r = CliRun.of("bench", "gemm", "--m", "8", "--k", "8", "--n", "8", "--double", "--backend", "java",
                "--seconds", "0.02", "--warmup", "0");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("GFLOP/s median") && r.out().contains("float64"), r.out());
    }

    @Test
    void evictingTheCachesTimesEachProductAlone() throws Exception {
        CliRun r = CliRun.of("bench", "gemm", "--m", "16", "--k", "16", "--n", "16", "--backend", "java",
                "--evict-mb", "1", "--seconds", "0.02", "--warmup", "0", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode row = new ObjectMapper().readTree(r.out().strip());
        assertEquals(1, row.get("evict_mb").asInt());
        assertTrue(row.get("samples").asInt() >= 5 && row.get("gflops").asDouble() > 0, r.out());
        r = CliRun.of("bench", "gemm", "--m", "8", "--k", "8", "--n", "8", "--backend", "java", "--evict-mb", "1",
                "--seconds", "0.02", "--warmup", "0");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("operands evicted by 1 MB") && r.out().contains(" samples of 1)"), r.out());
    }

    @Test
    void badArgumentsAreRejectedClearly() {
        CliRun r = CliRun.of("bench", "gemm", "--m", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--m: expected a size >= 1, got 0"), r.err());
        r = CliRun.of("bench", "gemm", "--backend", "gpu", "--seconds", "0.01");
        assertEquals(2, r.exitCode(), "an unknown backend name is a usage error");
        assertTrue(r.err().contains("expected 'native' or 'java', got 'gpu'"), r.err());
        for (String mb : new String[] {"-1", "1025"}) {
            r = CliRun.of("bench", "gemm", "--evict-mb", mb);
            assertEquals(2, r.exitCode());
            assertTrue(r.err().contains("--evict-mb: expected 0 to 1024, got " + mb), r.err());
        }
    }
}
