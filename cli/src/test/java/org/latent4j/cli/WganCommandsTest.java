package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.Json;
import org.latent4j.models.wgan.Lipschitz;
import org.latent4j.models.wgan.WganToyDefaults;

class WganCommandsTest {
    @TempDir
    static Path tmp;
    static Path run;
    static CliRun trained;
    static final String[] SMALL = {"--width", "16", "--batch", "32", "--steps", "6", "--log-every", "3", "--seed", "4"};

    static String[] args(String[] head, String... tail) {
        String[] out = new String[head.length + SMALL.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(SMALL, 0, out, head.length, SMALL.length);
        System.arraycopy(tail, 0, out, head.length + SMALL.length, tail.length);
        return out;
    }

    @BeforeAll
    static void train() {
        run = tmp.resolve("ring");
        trained = CliRun.of(args(new String[] {"train", "wgan", "--data", "ring8", "--lipschitz", "sn", "--betas", "0.2,0.95"}, "--out",
                run.toString()));
    }

    @Test
    void trainWritesModelMetricsEveryLogPeriodAndSummary() throws Exception {
        assertEquals(0, trained.exitCode(), trained.err());
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(2, lines.size());
        JsonNode last = Json.mapper().readTree(lines.get(1));
        for (String k : List.of("train_loss", "train_wasserstein", "train_generator_loss", "test_wasserstein",
                "test_grad_norm_mean", "test_modes", "test_high_quality", "test_reverse_kl")) {
            assertTrue(last.has(k), k + " in " + last);
        }
        JsonNode summary = Json.read(run.resolve("summary.json"));
        assertEquals(6, summary.get("generator_steps").asInt());
        assertTrue(Files.isRegularFile(run.resolve("model/model.safetensors")));
        // on 2-D data the defaults are WganToyDefaults': Adam's larger rate, decayed linearly to 0 over the run
        JsonNode training = Json.read(run.resolve("model/metadata.json")).get("training");
        assertEquals("linear", training.get("schedule").asText(), training.toString());
        assertEquals(WganToyDefaults.learningRate(Lipschitz.SN), training.get("learning_rate").asDouble(), 0);
        double base = WganToyDefaults.learningRate(Lipschitz.SN);
        assertEquals(base, Json.mapper().readTree(lines.get(0)).get("lr").asDouble(), 1e-15);
        assertEquals(base / 2, last.get("lr").asDouble(), 1e-15);
        JsonNode config = Json.read(run.resolve("model/config.json"));
        assertEquals(0.2, config.get("beta1").asDouble(), 0, config.toString());
        assertEquals(0.95, config.get("beta2").asDouble(), 0, config.toString());
        assertTrue(trained.err().contains("6/6") || trained.out().contains("6/6"), trained.out() + trained.err());
    }

    @Test
    void trainWritesSnapshotsFiguresAndTheReportAndPlotDrawsThemAgain() throws Exception {
        assertEquals(0, trained.exitCode(), trained.err());
        for (String f : List.of("snapshots/real.safetensors", "snapshots/step-000003.safetensors",
                "snapshots/step-000006.safetensors", "figures/points-step-3.png", "figures/points-step-6.png",
                "figures/training-wasserstein.png", "figures/training-modes.png", "report.html")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("Generated points and the critic over training") && html.contains("spectral normalization"),
                "the run's report");
        Files.delete(run.resolve("report.html"));
        Files.delete(run.resolve("figures/points-step-6.png"));
        CliRun plot = CliRun.of("plot", run.toString());
        assertEquals(0, plot.exitCode(), plot.err());
        assertTrue(Files.isRegularFile(run.resolve("report.html")) && Files.isRegularFile(run.resolve("figures/points-step-6.png")));

        Path quiet = tmp.resolve("quiet");
        CliRun q = CliRun.of(args(new String[] {"train", "wgan", "--data", "swissroll", "--lipschitz", "clip"}, "--no-plots",
                "--out", quiet.toString()));
        assertEquals(0, q.exitCode(), q.err());
        assertTrue(Files.notExists(quiet.resolve("report.html")) && Files.notExists(quiet.resolve("figures")));
        assertTrue(Files.isRegularFile(quiet.resolve("snapshots/step-000006.safetensors")), "snapshots are written anyway");
        CliRun later = CliRun.of("plot", quiet.toString());
        assertEquals(0, later.exitCode(), later.err());
        assertTrue(Files.isRegularFile(quiet.resolve("figures/points-step-6.png")));
        assertTrue(Files.notExists(quiet.resolve("figures/training-modes.png")), "a Swiss roll has no modes to count");
    }

    @Test
    void sampleWritesCsvAndEvaluatePrintsTheModeMeasures() throws Exception {
        Path csv = tmp.resolve("s.csv");
        CliRun s = CliRun.of("sample", run.toString(), "--n", "5", "--out", csv.toString());
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(6, Files.readAllLines(csv).size());
        assertEquals("x0,x1", Files.readAllLines(csv).get(0));
        CliRun e = CliRun.of("evaluate", run.toString(), "--json");
        assertEquals(0, e.exitCode(), e.err());
        JsonNode j = Json.mapper().readTree(e.out());
        assertEquals(2500, j.get("examples").asInt());
        assertTrue(j.get("modes").asInt() >= 0 && j.get("modes").asInt() <= 8, j.toString());
        CliRun text = CliRun.of("evaluate", run.toString());
        assertTrue(text.out().contains("high_quality") || text.err().contains("high_quality"), text.out() + text.err());
        CliRun png = CliRun.of("sample", run.toString(), "--n", "5", "--out", tmp.resolve("s.png").toString());
        assertEquals(1, png.exitCode());
        assertTrue(png.err().contains("use a .csv file"), png.err());
    }

    @Test
    void resumeGivesTheNumbersOfAnUninterruptedRun() throws Exception {
        Path straight = tmp.resolve("straight"), cut = tmp.resolve("cut");
        String[] head = {"train", "wgan", "--data", "grid25", "--lipschitz", "gp"};
        assertEquals(0, CliRun.of(args(head, "--out", straight.toString())).exitCode());
        String[] half = args(head, "--out", cut.toString(), "--checkpoint");
        half[java.util.Arrays.asList(half).indexOf("--steps") + 1] = "3";
        assertEquals(0, CliRun.of(half).exitCode());
        CliRun r = CliRun.of(args(head, "--out", cut.toString(), "--resume"));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(Files.readAllLines(straight.resolve("metrics.jsonl")).stream().map(WganCommandsTest::withoutSeconds).toList(),
                Files.readAllLines(cut.resolve("metrics.jsonl")).stream().map(WganCommandsTest::withoutSeconds).toList());
        assertEquals(-1, Files.mismatch(straight.resolve("model/model.safetensors"), cut.resolve("model/model.safetensors")));
        // the resumed run's snapshots: the one before the cut kept, the rest as the uninterrupted run's
        for (String f : List.of("real.safetensors", "step-000003.safetensors", "step-000006.safetensors")) {
            assertEquals(-1, Files.mismatch(straight.resolve("snapshots").resolve(f), cut.resolve("snapshots").resolve(f)), f);
        }
        assertTrue(Files.readString(cut.resolve("report.html")).contains("step 6: "), "the resumed run's report shows its last snapshot");
    }

    static String withoutSeconds(String line) {
        return line.replaceAll("\"seconds\":[0-9.eE-]+,", "");
    }

    @Test
    void badInputsAreUsageErrorsNamingTheOption() {
        CliRun l = CliRun.of("train", "wgan", "--data", "ring8", "--lipschitz", "weights", "--out", tmp.resolve("x").toString());
        assertEquals(2, l.exitCode());
        assertTrue(l.err().contains("--lipschitz") && l.err().contains("clip, gp or sn"), l.err());
        CliRun d = CliRun.of("train", "wgan", "--data", "ring9", "--out", tmp.resolve("y").toString());
        assertEquals(2, d.exitCode());
        assertTrue(d.err().contains("ring9") && d.err().contains("ring8|grid25|swissroll"), d.err());
        CliRun s = CliRun.of("train", "wgan", "--data", "ring8", "--critic-steps", "0", "--out", tmp.resolve("z").toString());
        assertEquals(2, s.exitCode());
        assertTrue(s.err().contains("--critic-steps"), s.err());
        CliRun r = CliRun.of("train", "wgan", "--data", "ring8?rows=-3", "--out", tmp.resolve("w").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("rows must be an integer"), r.err());
        for (String betas : new String[] {"0.5", "1,0.9", "0.5;0.9", "a,b", "0.5,0.9,0.99"}) {
            CliRun b = CliRun.of("train", "wgan", "--data", "ring8", "--betas", betas, "--out", tmp.resolve("v").toString());
            assertEquals(2, b.exitCode(), betas);
            assertTrue(b.err().contains("--betas") && b.err().contains("'" + betas + "'"), b.err());
        }
        assertTrue(Files.notExists(tmp.resolve("v")));
        assertTrue(Files.notExists(tmp.resolve("x")) && Files.notExists(tmp.resolve("y")));
    }
}
