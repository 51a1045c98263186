package org.latent4j.models.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.Json;
import org.latent4j.io.ModelFiles;
import org.latent4j.io.SafeTensors;
import org.latent4j.nn.Activation;

class VaeFilesTest {

    static Vae model() {
        return Vae.create(VaeConfig.builder(6).latentDim(2).hidden(5, 4).activation(Activation.TANH)
                .likelihood(LikelihoodKind.GAUSSIAN_LEARNED).beta(0.5).samples(3).warmupEpochs(1.5).freeBits(0.1)
                .seed(8).build());
    }

    @Test
    void roundTripKeepsConfigWeightsAndMetadata(@TempDir Path dir) throws IOException {
        Vae vae = model();
        vae.likelihood().namedParameters().get("log_var").data()[2] = 0.25f;
        ObjectNode meta = Json.mapper().createObjectNode().put("dataset", "synthetic").put("seed", 8);
        VaeFiles.save(vae, dir.resolve("m"), meta);
        VaeFiles.Loaded loaded = VaeFiles.load(dir.resolve("m"));
        assertEquals(vae.config(), loaded.vae().config());
        assertTrue(!loaded.vae().isTraining(), "a loaded model is in evaluation mode");
        vae.namedParameters().forEach((n, t) -> assertArrayEquals(t.toArray(), loaded.vae().namedParameters().get(n).toArray(), n));
        assertEquals("synthetic", loaded.metadata().get("dataset").asText());
        assertEquals(ModelFiles.FORMAT_VERSION, loaded.metadata().get("format_version").asInt());
        // the weights are plain safetensors under the module names
        var c = SafeTensors.read(dir.resolve("m").resolve(ModelFiles.WEIGHTS));
        assertTrue(c.arrays().containsKey("encoder.body.layers.0.weight"), c.arrays().keySet().toString());
        assertTrue(c.arrays().containsKey("encoder.mu.weight"));
        assertTrue(c.arrays().containsKey("encoder.log_var.bias"));
        assertTrue(c.arrays().containsKey("likelihood.log_var"));
    }

    @Test
    void shortSaveWritesWhatTheFullOneWrites(@TempDir Path dir) throws IOException {
        Vae vae = model();
        VaeFiles.save(dir.resolve("short"), vae);
        VaeFiles.save(vae, dir.resolve("full"), null);
        for (String file : new String[] {ModelFiles.WEIGHTS, ModelFiles.CONFIG}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("full").resolve(file)),
                    Files.readAllBytes(dir.resolve("short").resolve(file)), file);
        }
        VaeFiles.Loaded loaded = VaeFiles.load(dir.resolve("short"));
        assertEquals(vae.config(), loaded.vae().config());
        assertEquals(VaeFiles.KIND, loaded.metadata().get("kind").asText());
    }

    @Test
    void truncatedWeightsFailNamingTheFile(@TempDir Path dir) throws IOException {
        VaeFiles.save(model(), dir.resolve("m"), null);
        Path w = dir.resolve("m").resolve(ModelFiles.WEIGHTS);
        byte[] bytes = Files.readAllBytes(w);
        Files.write(w, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        IOException e = assertThrows(IOException.class, () -> VaeFiles.load(dir.resolve("m")));
        assertTrue(e.getMessage().contains(ModelFiles.WEIGHTS), e.getMessage());
    }

    @Test
    void weightsThatDoNotMatchTheConfigFailClearly(@TempDir Path dir) throws IOException {
        VaeFiles.save(model(), dir.resolve("m"), null);
        Path configFile = dir.resolve("m").resolve(ModelFiles.CONFIG);
        ObjectNode config = (ObjectNode) Json.read(configFile);
        config.put("latent_dim", 3);
        Files.writeString(configFile, Json.writePretty(config));
        IOException e = assertThrows(IOException.class, () -> VaeFiles.load(dir.resolve("m")));
        assertTrue(e.getMessage().contains("encoder.mu") && e.getMessage().contains("shape"), e.getMessage());
    }

    @Test
    void badConfigAndFormatVersionFailClearly(@TempDir Path dir) throws IOException {
        VaeFiles.save(model(), dir.resolve("m"), null);
        Path configFile = dir.resolve("m").resolve(ModelFiles.CONFIG);
        ObjectNode config = (ObjectNode) Json.read(configFile);
        config.put("likelihood", "poisson");
        Files.writeString(configFile, Json.writePretty(config));
        IOException e = assertThrows(IOException.class, () -> VaeFiles.load(dir.resolve("m")));
        assertTrue(e.getMessage().contains("poisson") && e.getMessage().contains("config.json"), e.getMessage());

        VaeFiles.save(model(), dir.resolve("n"), null);
        Path metaFile = dir.resolve("n").resolve(ModelFiles.METADATA);
        ObjectNode meta = (ObjectNode) Json.read(metaFile);
        meta.put("format_version", 99);
        Files.writeString(metaFile, Json.writePretty(meta));
        IOException v = assertThrows(IOException.class, () -> VaeFiles.load(dir.resolve("n")));
        assertTrue(v.getMessage().contains("99"), v.getMessage());
    }
}
