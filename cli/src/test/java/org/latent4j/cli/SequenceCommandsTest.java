package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.Json;

/** A tiny sequence VAE trained from the command line on a small series CSV, then used by every command. */
class SequenceCommandsTest {
    @TempDir
    static Path dir;
    static Path run;
    static String data;
    static CliRun trained;

    /** 640 days of two sensors: a slow wave around 400 and a faster one around -5, in their own units. */
    @BeforeAll
    static void train() throws Exception {
        StringBuilder csv = new StringBuilder("date,temperature,pressure\n");
        LocalDate day = LocalDate.of(2020, 1, 1);
        for (int t = 0; t < 640; t++) {
            csv.append(day.plusDays(t)).append(',').append(400 + 20 * Math.sin(2 * Math.PI * t / 30.0)).append(',')
                    .append(-5 + 2 * Math.cos(2 * Math.PI * t / 7.0)).append('\n');
        }
        Path file = dir.resolve("sensors.csv");
        Files.writeString(file, csv);
        data = "series:" + file + "?time=date&columns=temperature,pressure&window=10&stride=2&test=0.25";
        run = dir.resolve("gru");
        trained = CliRun.of("train", "vae", "--arch", "gru", "--hidden", "8", "--likelihood", "gaussian-learned",
                "--data", data, "--epochs", "2", "--latent", "3", "--batch", "16", "--eval-samples", "5", "--seed", "3",
                "--no-plots", "--out", run.toString());
    }

    @Test
    void trainWritesTheRecurrentArchitectureAndTheScaler() throws Exception {
        assertEquals(0, trained.exitCode(), trained.err() + trained.out());
        assertTrue(trained.out().contains("gru 10×2 →8"), trained.out());
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(2, lines.size());
        JsonNode m = Json.mapper().readTree(lines.get(0));
        for (String key : new String[] {"epoch", "seconds", "train_loss", "train_recon", "train_kl", "test_loss", "test_recon", "test_kl"}) {
            assertTrue(m.has(key), key + " missing in " + lines.get(0));
        }
        JsonNode config = Json.read(run.resolve("model").resolve("config.json"));
        assertEquals("gru", config.get("architecture").asText());
        assertEquals(10, config.get("recurrent").get("steps").asInt());
        assertEquals(2, config.get("recurrent").get("features").asInt());
        JsonNode meta = Json.read(run.resolve("model").resolve("metadata.json"));
        assertEquals("standard", meta.get("series_scaler").get("kind").asText());
    }

    @Test
    void scoreSampleEncodeAndEvaluateWorkOnTheSequenceModel() throws Exception {
        Path scores = dir.resolve("scores.csv");
        CliRun sc = CliRun.of("score", run.toString(), "-k", "5", "--out", scores.toString());
        assertEquals(0, sc.exitCode(), sc.err());
        List<String> windows = Files.readAllLines(scores);
        List<String> steps = Files.readAllLines(dir.resolve("scores-steps.csv"));
        assertEquals("index,step,step_neg_log_likelihood", steps.get(0));
        assertEquals((windows.size() - 1) * 10 + 1, steps.size());
        // a window's steps add up to its neg_log_likelihood
        double sum = 0;
        for (int t = 1; t <= 10; t++) {
            sum += Double.parseDouble(steps.get(t).split(",")[2]);
        }
        double nll = Double.parseDouble(windows.get(1).split(",")[1]);
        assertEquals(nll, sum, 1e-6 * Math.abs(nll) + 1e-9);

        Path samples = dir.resolve("synthetic.csv");
        CliRun s = CliRun.of("sample", run.toString(), "--n", "50", "--draw", "--out", samples.toString());
        assertEquals(0, s.exitCode(), s.err());
        List<String> rows = Files.readAllLines(samples);
        assertEquals(51, rows.size());
        assertEquals(20, rows.get(0).split(",").length);
        assertTrue(rows.get(0).startsWith("temperature"), rows.get(0));
        // back in the data's units: temperatures near 400, pressures near -5, not standardized values near 0
        double temperature = 0;
        double pressure = 0;
        for (int i = 1; i <= 50; i++) {
            String[] v = rows.get(i).split(",");
            temperature += Double.parseDouble(v[0]) / 50;
            pressure += Double.parseDouble(v[1]) / 50;
        }
        assertEquals(400, temperature, 30);
        assertEquals(-5, pressure, 4);

        Path codes = dir.resolve("codes.csv");
        CliRun c = CliRun.of("encode", run.toString(), "--out", codes.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertEquals(windows.size(), Files.readAllLines(codes).size());
        CliRun e = CliRun.of("evaluate", run.toString(), "--importance-samples", "10", "--json");
        assertEquals(0, e.exitCode(), e.err());
        JsonNode ev = Json.mapper().readTree(e.out());
        assertTrue(ev.get("log_likelihood").asDouble() >= ev.get("elbo").asDouble(), e.out());
    }

    @Test
    void newDataAreScaledWithTheModelsScaler() throws Exception {
        // The second half of the training file on its own: a scaler fitted on its own training part would
        // shift and stretch it differently; with the model's scaler its first window is the original window
        // that starts at the same day, so the encoder gives it the same mean.
        List<String> lines = Files.readAllLines(dir.resolve("sensors.csv"));
        Path half = dir.resolve("second-half.csv");
        Files.write(half, java.util.stream.Stream.concat(lines.stream().limit(1), lines.stream().skip(321)).toList());
        String halfData = "series:" + half + "?time=date&columns=temperature,pressure&window=10&stride=2&test=0.25";
        Path all = dir.resolve("codes-all.csv");
        Path mine = dir.resolve("codes-half.csv");
        CliRun a = CliRun.of("encode", run.toString(), "--split", "train", "--out", all.toString());
        assertEquals(0, a.exitCode(), a.err());
        CliRun b = CliRun.of("encode", run.toString(), "--data", halfData, "--split", "train", "--out", mine.toString());
        assertEquals(0, b.exitCode(), b.err());
        // original training window 160 starts at day 320, as the half's window 0 (line 0 is the header); equal up
        // to float rounding (the windows are encoded in batches of other sizes)
        String[] expected = Files.readAllLines(all).get(161).split(",");
        String[] actual = Files.readAllLines(mine).get(1).split(",");
        assertEquals(expected.length, actual.length);
        for (int c = 1; c < expected.length; c++) {
            assertEquals(Double.parseDouble(expected[c]), Double.parseDouble(actual[c]), 1e-5, "column " + c);
        }
        // data whose columns are not the model's are refused, naming both
        CliRun c = CliRun.of("encode", run.toString(), "--data", "series:" + half + "?time=date&columns=temperature&window=10",
                "--out", dir.resolve("codes-bad.csv").toString());
        assertTrue(c.exitCode() != 0 && c.err().contains("trained on the columns [temperature, pressure]"), c.err());
    }

    @Test
    void plotAddsTheSeriesMeasuresAndFigures() throws Exception {
        CliRun p = CliRun.of("plot", run.toString());
        assertEquals(0, p.exitCode(), p.err());
        String html = Files.readString(run.resolve("report.html"));
        for (String s : new String[] {"anomaly ROC AUC (per step)", "discriminative score", "predictive score",
                "Series, reconstruction and per-step anomaly score", "Real and generated windows", "Latent means coloured by time"}) {
            assertTrue(html.contains(s), s + " missing in the report");
        }
        for (String f : new String[] {"series_reconstruction.png", "series_step_scores.png", "series_real_windows.png",
                "series_generated_windows.png", "series_latent_by_time.png"}) {
            assertTrue(Files.size(run.resolve("figures").resolve(f)) > 1000, f);
        }
    }

    @Test
    void badRecurrentOptionsAreUsageErrorsNamingTheOption() throws Exception {
        CliRun dropout = CliRun.of("train", "vae", "--arch", "lstm", "--input-dropout", "0.3", "--data", data, "--epochs", "1",
                "--no-plots", "--out", dir.resolve("bad1").toString());
        assertNotEquals(0, dropout.exitCode());
        assertTrue(dropout.err().contains("--input-dropout needs --autoregressive"), dropout.err());
        CliRun hidden = CliRun.of("train", "vae", "--arch", "lstm", "--hidden", "8,8", "--data", data, "--epochs", "1",
                "--no-plots", "--out", dir.resolve("bad2").toString());
        assertNotEquals(0, hidden.exitCode());
        assertTrue(hidden.err().contains("--hidden: --arch lstm takes one hidden size"), hidden.err());
        CliRun notSequences = CliRun.of("train", "vae", "--arch", "gru", "--data", "iris", "--epochs", "1",
                "--no-plots", "--out", dir.resolve("bad3").toString());
        assertNotEquals(0, notSequences.exitCode());
        assertTrue(notSequences.err().contains("not images, so they have no order of steps"), notSequences.err());
        CliRun steps = CliRun.of("train", "vae", "--arch", "gru", "--steps", "3", "--data", "iris", "--epochs", "1",
                "--no-plots", "--out", dir.resolve("bad4").toString());
        assertNotEquals(0, steps.exitCode());
        assertTrue(steps.err().contains("--steps: the rows of iris"), steps.err());
        CliRun ae = CliRun.of("train", "autoencoder", "--arch", "gru", "--data", data, "--epochs", "1", "--out", dir.resolve("bad5").toString());
        assertNotEquals(0, ae.exitCode());
        assertTrue(ae.err().contains("recurrent networks are for 'train vae'"), ae.err());
    }
}
