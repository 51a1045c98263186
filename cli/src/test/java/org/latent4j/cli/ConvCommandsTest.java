package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.Json;
import org.latent4j.io.SafeTensors;

/** A tiny convolutional VAE and autoencoder trained from the command line, then used by every command. */
class ConvCommandsTest {
    static final String DATA = "fashion-mnist-small";
    @TempDir
    static Path dir;
    static Path run;
    static CliRun trained;

    @BeforeAll
    static void train() {
        run = dir.resolve("conv");
        trained = CliRun.of("train", "vae", "--arch", "conv", "--channels", "4,8", "--data", DATA, "--epochs", "1",
                "--limit", "300", "--latent", "4", "--batch", "50", "--eval-samples", "5", "--seed", "3", "--no-plots",
                "--out", run.toString());
    }

    @Test
    void trainWritesWhatAnMlpRunWrites() throws Exception {
        assertEquals(0, trained.exitCode(), trained.err() + trained.out());
        assertTrue(trained.out().contains("conv 1×28×28 →4 →8 (k4 s2 p1)"), trained.out());
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(1, lines.size());
        JsonNode m = Json.mapper().readTree(lines.get(0));
        for (String key : new String[] {"epoch", "seconds", "train_loss", "train_recon", "train_kl", "test_loss", "test_recon", "test_kl"}) {
            assertTrue(m.has(key), key + " missing in " + lines.get(0));
        }
        JsonNode config = Json.read(run.resolve("model").resolve("config.json"));
        assertEquals("conv", config.get("architecture").asText());
        assertEquals("[4,8]", config.get("conv").get("channels").toString());
        assertEquals("[1,28,28]", config.get("conv").get("image_shape").toString());
        var weights = SafeTensors.read(run.resolve("model").resolve("model.safetensors")).arrays();
        assertEquals(List.of(4, 1, 4, 4), asList(weights.get("encoder.body.1.weight").shape()));
        assertEquals(List.of(8, 4, 4, 4), asList(weights.get("decoder.3.weight").shape()));
        JsonNode runJson = Json.read(run.resolve("run.json"));
        assertEquals("conv", runJson.get("options").get("arch").asText());
        assertEquals("[4,8]", runJson.get("options").get("channels").toString());
    }

    @Test
    void evaluateSampleReconstructEncodeAndScoreWorkOnTheConvModel() throws Exception {
        CliRun e = CliRun.of("evaluate", run.toString(), "--data", DATA, "--importance-samples", "20", "--limit", "50", "--json");
        assertEquals(0, e.exitCode(), e.err());
        JsonNode ev = Json.mapper().readTree(e.out());
        assertTrue(ev.get("log_likelihood").asDouble() >= ev.get("elbo").asDouble(), e.out());
        assertEquals(4, ev.get("kl_per_dim").size());

        Path samples = dir.resolve("samples.png");
        CliRun s = CliRun.of("sample", run.toString(), "--n", "16", "--out", samples.toString());
        assertEquals(0, s.exitCode(), s.err());
        BufferedImage img = ImageIO.read(samples.toFile());
        assertEquals(2 + 8 * (56 + 2), img.getWidth());
        Path rec = dir.resolve("rec.png");
        CliRun r = CliRun.of("reconstruct", run.toString(), "--data", DATA, "--n", "8", "--out", rec.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path codes = dir.resolve("codes.csv");
        CliRun c = CliRun.of("encode", run.toString(), "--data", DATA, "--limit", "10", "--out", codes.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertEquals(11, Files.readAllLines(codes).size());
        Path scores = dir.resolve("scores.csv");
        CliRun sc = CliRun.of("score", run.toString(), "--data", DATA, "--limit", "10", "-k", "5", "--out", scores.toString());
        assertEquals(0, sc.exitCode(), sc.err());
        assertEquals(11, Files.readAllLines(scores).size());
    }

    @Test
    void plotDrawsTheConvRun() throws Exception {
        CliRun p = CliRun.of("plot", run.toString());
        assertEquals(0, p.exitCode(), p.err());
        assertTrue(Files.isRegularFile(run.resolve("report.html")));
    }

    @Test
    void anArchitectureThatDoesNotFitIsAUsageErrorNamingTheLayer() {
        // 28 → 14 → 7 → 3 → 1 → 0: the fifth convolution leaves no pixel
        CliRun r = CliRun.of("train", "vae", "--arch", "conv", "--channels", "4,4,4,4,4", "--data", DATA, "--limit", "10",
                "--out", dir.resolve("bad").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("encoder.body.9 (Conv2d 4→4, kernel 4, stride 2, padding 1) gets 4×1×1"), r.err());
        assertFalse(Files.exists(dir.resolve("bad").resolve("metrics.jsonl")));
        CliRun shape = CliRun.of("train", "vae", "--arch", "conv", "--image-shape", "3,28,28", "--data", DATA, "--limit", "10",
                "--out", dir.resolve("bad2").toString());
        assertEquals(2, shape.exitCode(), shape.err());
        assertTrue(shape.err().contains("--image-shape: 3×28×28 holds 2352 values, but the rows of"), shape.err());
        CliRun arch = CliRun.of("train", "vae", "--arch", "cnn", "--data", DATA, "--out", dir.resolve("bad3").toString());
        assertEquals(2, arch.exitCode(), arch.err());
        assertTrue(arch.err().contains("--arch: expected mlp, conv, lstm or gru, got 'cnn'"), arch.err());
        CliRun pad = CliRun.of("train", "vae", "--arch", "conv", "--padding", "3", "--data", DATA, "--limit", "10",
                "--out", dir.resolve("bad4").toString());
        assertEquals(2, pad.exitCode(), pad.err());
        assertTrue(pad.err().contains("padding must be between 0 and kernel/2 = 2"), pad.err());
    }

    @Test
    void trainAutoencoderConvAndMlp() throws Exception {
        for (String arch : new String[] {"conv", "mlp"}) {
            Path out = dir.resolve("ae-" + arch);
            CliRun r = CliRun.of("train", "autoencoder", "--arch", arch, "--channels", "4,8", "--hidden", "32",
                    "--data", DATA, "--epochs", "2", "--limit", "300", "--latent", "6", "--batch", "50", "--out", out.toString());
            assertEquals(0, r.exitCode(), r.err() + r.out());
            List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
            assertEquals(2, lines.size());
            JsonNode last = Json.mapper().readTree(lines.get(1));
            assertTrue(last.get("test_loss").asDouble() < Json.mapper().readTree(lines.get(0)).get("test_loss").asDouble(),
                    lines.toString());
            JsonNode config = Json.read(out.resolve("model").resolve("config.json"));
            assertEquals(arch, config.get("architecture").asText());
            assertEquals("autoencoder", Json.read(out.resolve("model").resolve("metadata.json")).get("kind").asText());
            assertTrue(Files.isRegularFile(out.resolve("summary.json")) && Files.isRegularFile(out.resolve("run.json")));
        }
    }

    @Test
    void benchVaeConvPrintsEpochLines() {
        CliRun r = CliRun.of("bench", "vae", "--arch", "conv", "--data", DATA, "--epochs", "1", "--latent", "4");
        assertEquals(0, r.exitCode(), r.err());
        String all = r.out() + r.err();
        assertTrue(all.matches("(?s).*epoch 1 seconds [0-9.]+ train [0-9.]+ test [0-9.]+.*"), all);
        assertTrue(all.contains("median epoch seconds"), all);
    }

    private static List<Integer> asList(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
