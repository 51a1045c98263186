package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.Json;

/** The gmm latent sampler and evaluate --quality, end to end on the shipped Fashion-MNIST subset. */
class QualityCommandsTest {
    static final String DATA = "fashion-mnist-small";
    @TempDir
    static Path dir;
    static Path run;
    static String before;

    @BeforeAll
    static void train() {
        before = System.getProperty("latent4j.cache");
        System.setProperty("latent4j.cache", dir.resolve("cache").toString());
        run = dir.resolve("run");
        CliRun trained = CliRun.of("train", "vae", "--data", DATA, "--epochs", "1", "--limit", "400", "--hidden", "64",
                "--latent", "5", "--batch", "50", "--eval-samples", "5", "--seed", "3", "--no-plots", "--out", run.toString());
        assertEquals(0, trained.exitCode(), trained.err());
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
    void gmmSamplerIsFittedOnceAndKeptInTheRunFolder() throws Exception {
        Path png = dir.resolve("gmm.png");
        CliRun first = CliRun.of("sample", run.toString(), "--latent-sampler", "gmm", "--gmm-k", "3", "--n", "16",
                "--out", png.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("fitting a Gaussian mixture of 3 components"), first.out());
        Path saved = run.resolve("latent-gmm-k3");
        assertTrue(Files.isRegularFile(saved.resolve("model.safetensors")));
        JsonNode config = Json.read(saved.resolve("config.json"));
        assertEquals(3, config.get("k").asInt());
        assertEquals(5, config.get("d").asInt());
        assertTrue(Json.read(run.resolve(OutputFolder.MARKER)).toString().contains("latent-gmm-k3"));
        byte[] image = Files.readAllBytes(png);

        Path again = dir.resolve("gmm-again.png");
        CliRun second = CliRun.of("sample", run.toString(), "--latent-sampler", "gmm", "--gmm-k", "3", "--n", "16",
                "--out", again.toString());
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("read from"), second.out());
        // the same mixture and seed give the same samples
        assertTrue(java.util.Arrays.equals(image, Files.readAllBytes(again)));

        CliRun bad = CliRun.of("sample", run.toString(), "--latent-sampler", "flow", "--out", dir.resolve("x.png").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--latent-sampler must be prior or gmm, got 'flow'"), bad.err());
    }

    @Test
    void evaluateQualityPrintsTheMeasuresOfBothSamplers() throws Exception {
        CliRun r = CliRun.of("evaluate", run.toString(), "--quality", "--quality-samples", "300", "--gmm-k", "2", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode out = Json.mapper().readTree(r.out());
        assertTrue(out.get("classifier_test_accuracy").asDouble() > 0.5, r.out());
        for (String sampler : new String[] {"prior", "gmm"}) {
            JsonNode q = out.get("samplers").get(sampler);
            assertTrue(q.get("frechet_classifier_features").asDouble() > 0, r.out());
            assertTrue(q.get("one_nn_accuracy").asDouble() >= 0.5 - 0.1, r.out());
            assertEquals(300, q.get("samples").asInt());
            assertEquals(10, q.get("class_histogram").size());
        }
        assertTrue(Files.isDirectory(run.resolve("latent-gmm-k2")));
        // the classifier is trained once: a second evaluation reads it from the cache
        CliRun cached = CliRun.of("evaluate", run.toString(), "--quality", "--quality-samples", "300", "--latent-sampler",
                "prior", "--json");
        assertEquals(0, cached.exitCode(), cached.err());
        assertTrue(!cached.err().contains("training the quality classifier"), cached.err());
        assertEquals(out.get("samplers").get("prior").get("frechet_classifier_features").asDouble(),
                Json.mapper().readTree(cached.out()).get("samplers").get("prior").get("frechet_classifier_features").asDouble());
    }
}
