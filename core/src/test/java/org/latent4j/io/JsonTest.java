package org.latent4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
    @TempDir Path dir;

    record Metrics(int epoch, double loss) {}

    @Test
    void writesCompactAndPrettyJsonWithFullPrecisionDoubles() throws IOException {
        double x = 0.1 + 0.2;
        String line = Json.write(new Metrics(3, x));
        assertEquals("{\"epoch\":3,\"loss\":0.30000000000000004}", line);
        assertFalse(line.contains("\n"));
        String pretty = Json.writePretty(Map.of("a", 1));
        assertTrue(pretty.contains("\n") && pretty.contains("\"a\" : 1"), pretty);
        Path f = dir.resolve("m.json");
        Files.writeString(f, line);
        JsonNode n = Json.read(f);
        assertEquals(x, n.get("loss").doubleValue());
        assertEquals(new Metrics(3, x), Json.mapper().treeToValue(n, Metrics.class));
    }

    @Test
    void badJsonNamesFileLineAndColumn() throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\n  \"a\": 1,\n  \"b\": ]\n}");
        FileFormatException e = assertThrows(FileFormatException.class, () -> Json.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("line 3, column"), e.getMessage());
    }

    @Test
    void emptyTrailingAndMissingFiles() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.json"), "  ");
        assertTrue(assertThrows(FileFormatException.class, () -> Json.read(empty)).getMessage().contains("empty"));
        Path trailing = Files.writeString(dir.resolve("t.json"), "{} {}");
        assertThrows(FileFormatException.class, () -> Json.read(trailing));
        Path missing = dir.resolve("missing.json");
        assertTrue(assertThrows(NoSuchFileException.class, () -> Json.read(missing)).getMessage().contains(missing.toString()));
    }
}
