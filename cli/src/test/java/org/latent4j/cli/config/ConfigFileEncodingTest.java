package org.latent4j.cli.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config file that is not UTF-8 says so (before: "cannot read config file ...: Input length = 1"). */
class ConfigFileEncodingTest {
    @Test
    void bytesThatAreNotUtf8AreNamedAsSuch(@TempDir Path dir) throws IOException {
        for (String name : new String[] {"c.json", "c.yaml"}) {
            Path f = dir.resolve(name);
            Files.write(f, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'});
            var e = assertThrows(ConfigException.class, () -> ConfigFile.read(f));
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("is not UTF-8 text"), e.getMessage());
        }
    }
}
