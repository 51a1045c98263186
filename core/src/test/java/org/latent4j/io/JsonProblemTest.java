package org.latent4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parse errors in words: no Jackson feature or class names, no "[Source: REDACTED ...]", the file named once. */
class JsonProblemTest {
    @TempDir Path dir;

    private String error(String content) throws IOException {
        Path f = Files.writeString(dir.resolve("f.json"), content);
        FileFormatException e = assertThrows(FileFormatException.class, () -> Json.read(f));
        String m = e.getMessage();
        assertTrue(m.startsWith(f + ": invalid JSON at line "), m);
        for (String internal : new String[] {"REDACTED", "Source:", "Feature", "`", "ObjectNode", "(code "}) {
            assertFalse(m.contains(internal), "'" + internal + "' in " + m);
        }
        return m.substring(m.indexOf(": ", f.toString().length() + 2) + 2);
    }

    @Test
    void duplicateKeysTrailingContentAndCutFilesAreSaidInWords() throws IOException {
        assertEquals("key 'kind' appears twice (each key may appear once)", error("{\"kind\": \"vae\", \"kind\": \"gmm\"}"));
        assertEquals("more content after the end of the document (one JSON value per file)", error("{} {}"));
        assertEquals("the document ends too early (a missing closing bracket or brace, or a file cut short)",
                error("{\"format_version\": 1"));
        assertEquals("Unexpected character ('}'): was expecting double-quote to start field name", error("{\"a\": 1,}"));
    }
}
