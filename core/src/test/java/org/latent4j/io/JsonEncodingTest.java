package org.latent4j.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A finding of VaeFilesFuzzTest and GaussianMixtureFilesFuzzTest: text Jackson cannot decode names the file. */
class JsonEncodingTest {
    @Test
    void bytesJacksonTakesForInvalidUtf32AreAFormatErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("metadata.json");
        // three NULs first: Jackson decodes UTF-32, and 0x6464725F is no character (a raw CharConversionException before)
        Files.write(f, new byte[] {0, 0, 0, '{', 'd', 'd', 'r', '_', 0, 0, 0, '}'});
        var e = assertThrows(FileFormatException.class, () -> Json.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("not JSON text")
                && e.getMessage().contains("UTF-8"), e.getMessage());
    }
}
