package org.latent4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.runtime.Version;

class ModelFilesTest {
    @TempDir Path dir;

    private ModelFiles.Bundle bundle() {
        ObjectNode config = Json.mapper().createObjectNode().put("latent", 20).put("beta", 1.0);
        ObjectNode meta = Json.mapper().createObjectNode().put("dataset", "fashion-mnist").put("seed", 42);
        Map<String, ArrayData> w = Map.of("decoder.bias", new ArrayData.F32(new int[] {3}, new float[] {1, 2, 3}));
        return new ModelFiles.Bundle("vae", config, w, meta);
    }

    @Test
    void roundTripAddsStandardMetadata() throws IOException {
        Path m = dir.resolve("model");
        ModelFiles.write(m, bundle());
        ModelFiles.Bundle back = ModelFiles.read(m, "vae");
        assertEquals("vae", back.kind());
        assertEquals(bundle().config(), back.config());
        assertEquals(bundle().weights(), back.weights());
        assertEquals(1, back.metadata().get("format_version").intValue());
        assertEquals(Version.get(), back.metadata().get("latent4j_version").textValue());
        assertEquals("vae", back.metadata().get("kind").textValue());
        Instant.parse(back.metadata().get("created").textValue());
        assertEquals("fashion-mnist", back.metadata().get("dataset").textValue());
        assertEquals(42, back.metadata().get("seed").intValue());
        assertEquals(Map.of("format", "latent4j", "kind", "vae"), SafeTensors.read(m.resolve("model.safetensors")).metadata());
        assertEquals("vae", ModelFiles.read(m, null).kind()); // null accepts any kind
    }

    @Test
    void wrongKindNamesTheFile() throws IOException {
        Path m = dir.resolve("model");
        ModelFiles.write(m, bundle());
        var e = assertThrows(FileFormatException.class, () -> ModelFiles.read(m, "gmm"));
        assertTrue(e.getMessage().contains("metadata.json") && e.getMessage().contains("'vae'") && e.getMessage().contains("'gmm'"),
                e.getMessage());
    }

    @Test
    void unsupportedFormatVersion() throws IOException {
        Path m = dir.resolve("model");
        ModelFiles.write(m, bundle());
        Path meta = m.resolve("metadata.json");
        Files.writeString(meta, Files.readString(meta).replace("\"format_version\" : 1", "\"format_version\" : 99"));
        var e = assertThrows(FileFormatException.class, () -> ModelFiles.read(m, "vae"));
        assertTrue(e.getMessage().contains("format_version 99"), e.getMessage());
    }

    @Test
    void missingFilesAndDirectory() throws IOException {
        assertThrows(NoSuchFileException.class, () -> ModelFiles.read(dir.resolve("none"), "vae"));
        Path m = dir.resolve("model");
        ModelFiles.write(m, bundle());
        Files.delete(m.resolve("config.json"));
        var e = assertThrows(NoSuchFileException.class, () -> ModelFiles.read(m, "vae"));
        assertTrue(e.getMessage().contains("config.json"), e.getMessage());
    }

    @Test
    void corruptWeightsNameTheWeightsFile() throws IOException {
        Path m = dir.resolve("model");
        ModelFiles.write(m, bundle());
        Path w = m.resolve("model.safetensors");
        byte[] b = Files.readAllBytes(w);
        Files.write(w, java.util.Arrays.copyOf(b, b.length - 1));
        var e = assertThrows(FileFormatException.class, () -> ModelFiles.read(m, "vae"));
        assertEquals(w, e.file());
    }
}
