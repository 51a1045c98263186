package org.latent4j.models.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.Json;
import org.latent4j.io.ModelFiles;

/** A finding of VaeFilesFuzzTest: config.json alone must not decide how much memory loading takes. */
class VaeFilesLimitsTest {
    @Test
    void aConfigFarLargerThanTheWeightsIsRefusedBeforeTheNetworkIsBuilt(@TempDir Path dir) throws IOException {
        VaeFiles.save(VaeFilesTest.model(), dir.resolve("m"), null);
        Path configFile = dir.resolve("m").resolve(ModelFiles.CONFIG);
        ObjectNode config = (ObjectNode) Json.read(configFile);
        // 10^9 hidden units: 6 * 10^9 weights, more than a Java array holds (and than any heap)
        config.putArray("encoder_hidden").add(1_000_000_000);
        config.putArray("decoder_hidden").add(300_000_000);
        Files.writeString(configFile, Json.writePretty(config));
        var e = assertThrows(FileFormatException.class, () -> VaeFiles.load(dir.resolve("m")));
        assertTrue(e.getMessage().startsWith(configFile.toString()) && e.getMessage().contains("do not belong together")
                && e.getMessage().contains(ModelFiles.WEIGHTS), e.getMessage());
        // 2 * 10^9 inputs overflow the weight count of a layer no more
        config.put("input_dim", 2_000_000_000);
        Files.writeString(configFile, Json.writePretty(config));
        assertThrows(FileFormatException.class, () -> VaeFiles.load(dir.resolve("m")));
    }

    @Test
    void theLowerBoundCountsTheLinearLayers() {
        VaeConfig c = VaeConfig.builder(6).latentDim(2).hidden(5, 4).build();
        // encoder 6->5->4, heads 4->2 twice, decoder 2->4->5->6
        assertEquals(7 * 5 + 6 * 4 + 2 * 5 * 2 + 3 * 4 + 5 * 5 + 6 * 6, VaeFiles.linearWeights(c));
        long params = VaeFilesTest.model().namedParameters().values().stream().mapToLong(t -> t.numel()).sum();
        assertTrue(VaeFiles.linearWeights(VaeFilesTest.model().config()) <= params);
        VaeConfig huge = VaeConfig.builder(Integer.MAX_VALUE).latentDim(Integer.MAX_VALUE)
                .hidden(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE).build();
        assertEquals(Long.MAX_VALUE, VaeFiles.linearWeights(huge), "saturates instead of overflowing");
    }
}
