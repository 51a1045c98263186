package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.Json;
import org.latent4j.models.wgan.WganImageDefaults;

/** {@code train wgan} on images: the convolutional networks by default, PNG samples, {@code evaluate --quality}. */
class ConvWganCommandsTest {
    static final String DATA = "fashion-mnist-small";
    @TempDir
    static Path dir;
    static Path run;
    static CliRun trained;
    static String before;

    @BeforeAll
    static void train() {
        before = System.getProperty("latent4j.cache");
        System.setProperty("latent4j.cache", dir.resolve("cache").toString());
        run = dir.resolve("run");
        // 5,000 images, 5 critic steps of 50: an epoch of 20 generator steps
        trained = CliRun.of("train", "wgan", "--data", DATA, "--channels", "4", "--latent", "4", "--batch", "50", "--steps", "1",
                "--seed", "3", "--out", run.toString());
    }

    @AfterAll
    static void restore() {
        if (before == null) {
            System.clearProperty("latent4j.cache");
        } else {
            System.setProperty("latent4j.cache", before);
        }
    }

    @Test
    void imageDataGetTheConvolutionalNetworksAndThePapersPenaltyWeight() throws Exception {
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("conv, channels 4/8 on 1×28×28 images"), trained.out());
        JsonNode config = Json.read(run.resolve("model/config.json"));
        assertEquals("conv", config.get("architecture").asText());
        assertEquals(4, config.get("channels").asInt());
        assertEquals(28, config.get("image_height").asInt());
        assertEquals(10.0, config.get("gp_weight").asDouble());
        assertEquals(20, Json.read(run.resolve("summary.json")).get("generator_steps").asInt());
        // Adam at the WGAN-GP code's CIFAR-10 rate, decayed linearly to 0 over the run
        JsonNode training = Json.read(run.resolve("model/metadata.json")).get("training");
        assertEquals(WganImageDefaults.ADAM_RATE, training.get("learning_rate").asDouble(), 0, training.toString());
        assertEquals("linear", training.get("schedule").asText(), training.toString());
    }

    @Test
    void sampleWritesAnImageGridAndEvaluateQualityMeasuresTheGenerator() throws Exception {
        Path png = dir.resolve("samples.png");
        CliRun s = CliRun.of("sample", run.toString(), "--n", "16", "--columns", "4", "--out", png.toString());
        assertEquals(0, s.exitCode(), s.err());
        BufferedImage grid = ImageIO.read(png.toFile());
        assertTrue(grid.getWidth() >= 4 * 28 && grid.getHeight() >= 4 * 28, grid.getWidth() + "x" + grid.getHeight());
        CliRun q = CliRun.of("evaluate", run.toString(), "--quality", "--quality-samples", "300", "--json");
        assertEquals(0, q.exitCode(), q.err());
        JsonNode g = Json.mapper().readTree(q.out()).get("samplers").get("generator");
        assertTrue(g.get("frechet_classifier_features").asDouble() > 0, q.out());
        assertEquals(300, g.get("samples").asInt());
        assertEquals(10, g.get("class_histogram").size());
    }

    @Test
    void badArchitecturesAreUsageErrorsNamingTheOption() {
        CliRun ring = CliRun.of("train", "wgan", "--data", "ring8", "--arch", "conv", "--out", dir.resolve("a").toString());
        assertEquals(2, ring.exitCode());
        assertTrue(ring.err().contains("--arch conv needs image data"), ring.err());
        CliRun bogus = CliRun.of("train", "wgan", "--data", DATA, "--arch", "resnet", "--out", dir.resolve("b").toString());
        assertEquals(2, bogus.exitCode());
        assertTrue(bogus.err().contains("--arch") && bogus.err().contains("mlp or conv"), bogus.err());
        CliRun channels = CliRun.of("train", "wgan", "--data", DATA, "--channels", "0", "--out", dir.resolve("c").toString());
        assertEquals(2, channels.exitCode());
        assertTrue(channels.err().contains("--channels"), channels.err());
        assertTrue(Files.notExists(dir.resolve("a")) && Files.notExists(dir.resolve("b")) && Files.notExists(dir.resolve("c")));
    }
}
