package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The conv benchmark runs every layer and pass and reports figures; speed itself is never asserted. */
class ConvBenchCommandTest {
    @Test
    void jsonReportsEveryLayerAndPass() throws Exception {
        CliRun r = CliRun.of("bench", "conv", "--batch", "2", "--seconds", "0.01", "--warmup", "0", "--cpu-time", "--json");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(12, lines.length, r.out());
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            JsonNode row = new ObjectMapper().readTree(line);
            assertTrue(row.get("gflops").asDouble() > 0, line);
            assertTrue(row.get("cpu_millis").asDouble() > 0, line);
            assertEquals(2, row.get("batch").asInt());
            seen.add(row.get("layer").asText() + " " + row.get("pass").asText());
        }
        for (String layer : new String[] {"enc1", "enc2", "dec1", "dec2"}) {
            for (String pass : new String[] {"forward", "input-grad", "weight-grad"}) {
                assertTrue(seen.contains(layer + " " + pass), layer + " " + pass + " missing from " + r.out());
            }
        }
    }

    @Test
    void badArgumentsAreRejectedClearly() {
        CliRun r = CliRun.of("bench", "conv", "--batch", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--batch >= 1") && r.err().contains("0"), r.err());
    }
}
