package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** End to end on the shipped Fashion-MNIST subset: train one short epoch, then use the model from every command. */
class VaeCommandsTest {
    static final String DATA = "fashion-mnist-small";
    @TempDir
    static Path dir;
    static Path run;
    static CliRun trained;

    @BeforeAll
    static void train() {
        run = dir.resolve("run");
        trained = CliRun.of("train", "vae", "--data", DATA, "--epochs", "1", "--limit", "400", "--hidden", "64",
                "--latent", "5", "--batch", "50", "--eval-samples", "5", "--seed", "3", "--out", run.toString());
    }

    @Test
    void trainWritesModelMetricsAndSummary() throws Exception {
        assertEquals(0, trained.exitCode(), trained.err() + trained.out());
        assertTrue(trained.out().contains("train_loss") && trained.out().contains("    1/1"), trained.out());
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(1, lines.size());
        JsonNode m = Json.mapper().readTree(lines.get(0));
        for (String key : new String[] {"epoch", "seconds", "train_loss", "train_recon", "train_kl", "test_loss", "test_recon", "test_kl"}) {
            assertTrue(m.has(key), key + " missing in " + lines.get(0));
        }
        assertEquals(m.get("test_loss").asDouble(), m.get("test_recon").asDouble() + m.get("test_kl").asDouble(), 1e-6);
        JsonNode summary = Json.read(run.resolve("summary.json"));
        assertEquals(m.get("test_loss").asDouble(), summary.get("test_loss").asDouble(), 1e-9);
        assertTrue(summary.get("evaluation").get("log_likelihood").asDouble() < 0);
        JsonNode meta = Json.read(run.resolve("model").resolve("metadata.json"));
        assertEquals(28, meta.get("image_height").asInt());
        assertEquals(3, meta.get("seed").asInt());
        assertTrue(meta.get("metrics").has("test_loss"));
        var weights = SafeTensors.read(run.resolve("model").resolve("model.safetensors"));
        assertEquals(2, weights.arrays().get("encoder.body.layers.0.weight").shape().length);
    }

    @Test
    void benchVaeTimeSplitPrintsAndRecordsWhereEachEpochWent() throws Exception {
        CliRun r = CliRun.of("bench", "vae", "--data", DATA, "--epochs", "2", "--hidden", "32", "--latent", "4",
                "--time-split", "--json");
        assertEquals(0, r.exitCode(), r.err());
        for (int epoch = 1; epoch <= 2; epoch++) {
            assertTrue(r.err().matches("(?s).*time split epoch " + epoch + ": batches [0-9.]+ forward [0-9.]+ backward [0-9.]+"
                    + " gradient-check [0-9.]+ update [0-9.]+ other [0-9.]+ s; parallel loops [0-9]+: computing [0-9.]+ s,"
                    + " waiting [0-9.]+ s; alone [0-9.]+ s.*"), r.err());
        }
        JsonNode m = Json.mapper().readTree(r.out());
        JsonNode splits = m.get("time_split");
        assertEquals(2, splits.size(), r.out());
        for (int i = 0; i < 2; i++) {
            JsonNode split = splits.get(i);
            assertEquals(i + 1, split.get("epoch").asInt());
            double phases = 0;
            for (String phase : new String[] {"batches", "forward", "backward", "gradient_check", "update", "other"}) {
                phases += split.get(phase + "_seconds").asDouble();
            }
            double epochSeconds = m.get("epoch_seconds").get(i).asDouble();
            assertEquals(epochSeconds, phases, 0.02 * epochSeconds + 0.005, split.toString());
            assertEquals(phases, split.get("parallel_seconds").asDouble() + split.get("waiting_seconds").asDouble()
                    + split.get("alone_seconds").asDouble(), 1e-3, split.toString());
        }
        CliRun plain = CliRun.of("bench", "vae", "--data", DATA, "--epochs", "1", "--hidden", "32", "--latent", "4");
        assertEquals(0, plain.exitCode(), plain.err());
        assertTrue(!(plain.out() + plain.err()).contains("time split"), "only on request");
    }

    @Test
    void evaluatePrintsTheFiguresWithTheirNaturalSigns() throws Exception {
        CliRun r = CliRun.of("evaluate", run.toString(), "--data", DATA, "--split", "test", "--importance-samples", "20",
                "--limit", "100", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode e = Json.mapper().readTree(r.out());
        assertTrue(e.get("elbo").asDouble() < 0);
        assertTrue(e.get("log_likelihood").asDouble() >= e.get("elbo").asDouble(), r.out());
        assertEquals(5, e.get("kl_per_dim").size());
        assertTrue(e.get("active_units").asInt() <= 5);
        CliRun text = CliRun.of("evaluate", run.toString(), "--data", DATA, "-k", "5", "--limit", "50");
        assertEquals(0, text.exitCode(), text.err());
        for (String key : new String[] {"elbo", "log_likelihood", "active_units", "kl_per_dim"}) {
            assertTrue(text.out().contains(key), text.out());
        }
    }

    @Test
    void sampleAndReconstructWritePngGrids() throws Exception {
        Path samples = dir.resolve("samples.png");
        CliRun s = CliRun.of("sample", run.toString(), "--n", "16", "--out", samples.toString());
        assertEquals(0, s.exitCode(), s.err());
        BufferedImage img = ImageIO.read(samples.toFile());
        assertEquals(2 + 8 * (56 + 2), img.getWidth());
        assertEquals(2 + 2 * (56 + 2), img.getHeight());
        Path rec = dir.resolve("rec.png");
        CliRun r = CliRun.of("reconstruct", run.resolve("model").toString(), "--data", DATA, "--n", "8", "--out", rec.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(2 + 2 * (56 + 2), ImageIO.read(rec.toFile()).getHeight());
        Path csv = dir.resolve("samples.csv");
        assertEquals(0, CliRun.of("sample", run.toString(), "--n", "3", "--draw", "--out", csv.toString()).exitCode());
        assertEquals(4, Files.readAllLines(csv).size());
    }

    @Test
    void encodeAndScoreWriteCsv() throws Exception {
        Path codes = dir.resolve("codes.csv");
        CliRun e = CliRun.of("encode", run.toString(), "--data", DATA, "--limit", "30", "--out", codes.toString());
        assertEquals(0, e.exitCode(), e.err());
        List<String> lines = Files.readAllLines(codes);
        assertEquals(31, lines.size());
        assertTrue(lines.get(0).startsWith("index,label,mu_0"), lines.get(0));
        assertEquals(1 + 1 + 5 + 5, lines.get(1).split(",").length);
        Path scores = dir.resolve("scores.csv");
        CliRun s = CliRun.of("score", run.toString(), "--data", DATA, "--limit", "20", "-k", "10", "--out", scores.toString());
        assertEquals(0, s.exitCode(), s.err());
        List<String> rows = Files.readAllLines(scores);
        assertEquals(21, rows.size());
        assertEquals("index,label,neg_log_likelihood,log_reconstruction_probability,elbo", rows.get(0));
        assertTrue(Double.parseDouble(rows.get(1).split(",")[2]) > 0);
    }

    @Test
    void resumeFromACheckpointGivesTheNumbersOfAnUninterruptedRun() throws Exception {
        String[] common = {"train", "vae", "--data", DATA, "--limit", "200", "--hidden", "32", "--latent", "3",
                "--batch", "40", "--eval-samples", "0", "--seed", "5"};
        Path straight = dir.resolve("straight");
        Path interrupted = dir.resolve("interrupted");
        assertEquals(0, CliRun.of(concat(common, "--epochs", "2", "--out", straight.toString())).exitCode());
        assertEquals(0, CliRun.of(concat(common, "--epochs", "1", "--checkpoint", "--out", interrupted.toString())).exitCode());
        CliRun resumed = CliRun.of(concat(common, "--epochs", "2", "--resume", "--out", interrupted.toString()));
        assertEquals(0, resumed.exitCode(), resumed.err());
        List<String> a = Files.readAllLines(straight.resolve("metrics.jsonl"));
        List<String> b = Files.readAllLines(interrupted.resolve("metrics.jsonl"));
        assertEquals(2, b.size());
        for (int i = 0; i < 2; i++) {
            JsonNode x = Json.mapper().readTree(a.get(i));
            JsonNode y = Json.mapper().readTree(b.get(i));
            for (String key : new String[] {"train_loss", "train_recon", "train_kl", "test_loss", "test_recon", "test_kl"}) {
                assertEquals(x.get(key).asDouble(), y.get(key).asDouble(), 0.0, "epoch " + (i + 1) + " " + key);
            }
        }
        var wa = SafeTensors.read(straight.resolve("model").resolve("model.safetensors")).arrays();
        var wb = SafeTensors.read(interrupted.resolve("model").resolve("model.safetensors")).arrays();
        assertEquals(wa, wb);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void demoTrainsAndWritesPictures() throws Exception {
        Path out = dir.resolve("demo");
        CliRun r = CliRun.of("demo", "vae", "--data", DATA, "--out", out.toString(), "--epochs", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("train_loss") && r.out().contains("1/1"), r.out());
        assertTrue(ImageIO.read(out.resolve("samples.png").toFile()).getWidth() > 100);
        assertTrue(ImageIO.read(out.resolve("reconstructions.png").toFile()).getHeight() > 100);
        assertTrue(Files.isRegularFile(out.resolve("model").resolve("model.safetensors")));
    }

    @Test
    void trainWritesItsFiguresAndReportAndPlotDrawsThemAgain() throws Exception {
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(Files.isRegularFile(run.resolve("report.html")), trained.out());
        for (String f : new String[] {"samples", "reconstructions", "latent-space", "traversal", "training-loss",
                "training-recon", "training-kl", "kl-per-dimension"}) {
            assertTrue(Files.isRegularFile(run.resolve("figures").resolve(f + ".png")), f);
        }
        Files.delete(run.resolve("figures").resolve("samples.png"));
        CliRun plot = CliRun.of("plot", run.toString());
        assertEquals(0, plot.exitCode(), plot.err());
        assertTrue(plot.out().contains("report.html"), plot.out());
        assertTrue(ImageIO.read(run.resolve("figures").resolve("samples.png").toFile()).getWidth() > 100);
        assertTrue(Files.readString(run.resolve("report.html")).contains("Latent traversal"));
    }

    @Test
    void noPlotsMeansNoFigures() {
        Path quiet = dir.resolve("no-plots");
        CliRun r = CliRun.of("train", "vae", "--data", DATA, "--epochs", "1", "--limit", "100", "--hidden", "16",
                "--latent", "2", "--eval-samples", "0", "--no-plots", "--out", quiet.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(quiet.resolve("summary.json")));
        assertTrue(!Files.exists(quiet.resolve("report.html")) && !Files.exists(quiet.resolve("figures")));
    }

    @Test
    void plotFailsClearlyOnWhatIsNotARunFolder() throws Exception {
        CliRun missing = CliRun.of("plot", dir.resolve("nowhere").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("nowhere") && missing.err().contains("no such folder"), missing.err());
        Path empty = Files.createDirectories(dir.resolve("not-a-run"));
        CliRun notRun = CliRun.of("plot", empty.toString());
        assertEquals(1, notRun.exitCode());
        assertTrue(notRun.err().contains("not a training run folder") && notRun.err().contains("metadata.json"),
                notRun.err());
        CliRun noArg = CliRun.of("plot");
        assertEquals(2, noArg.exitCode());
        CliRun help = CliRun.of("plot", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("Examples:"), help.out());
    }

    @Test
    void clearErrorsForBadInput() {
        CliRun missing = CliRun.of("evaluate", dir.resolve("nothing").toString(), "--data", DATA);
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("nothing"), missing.err());
        CliRun badLikelihood = CliRun.of("train", "vae", "--data", DATA, "--likelihood", "poisson", "--out",
                dir.resolve("x").toString());
        assertEquals(2, badLikelihood.exitCode(), "a bad option value is a usage error");
        assertTrue(badLikelihood.err().contains("poisson") && badLikelihood.err().contains("continuous-bernoulli"),
                badLikelihood.err());
    }
}
