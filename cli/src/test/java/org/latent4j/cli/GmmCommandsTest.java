package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.Json;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.GaussianMixtureFiles;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.random.RandomSource;

class GmmCommandsTest {
    @TempDir
    static Path dir;
    static Path csv;

    @BeforeAll
    static void data() throws IOException {
        MixtureParameters truth = new MixtureParameters(CovarianceType.DIAG, 3, 2, new double[] {0.3, 0.3, 0.4},
                new double[] {0, 0, 10, 0, 0, 10}, new double[] {1, 1, 1, 2, 2, 1});
        double[] x = GaussianMixture.of(truth).sample(900, new RandomSource(3)).x();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 900; i++) {
            sb.append(x[2 * i]).append(',').append(x[2 * i + 1]).append('\n');
        }
        csv = dir.resolve("points.csv");
        Files.writeString(csv, sb.toString());
    }

    @Test
    void trainWritesModelMetricsAndSummaryThenPredictScoreSample() throws IOException {
        Path out = dir.resolve("run");
        CliRun r = CliRun.of("train", "gmm", "--data", "csv:" + csv + "?header=no", "--k", "3", "--covariance", "full",
                "--max-iter", "200", "--tol", "1e-6", "--n-init", "2", "--seed", "4", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode summary = Json.read(out.resolve("summary.json"));
        for (String key : List.of("seconds", "iterations", "converged", "mean_loglik", "bic", "aic")) {
            assertTrue(summary.has(key), "summary.json lacks " + key);
        }
        assertTrue(summary.get("converged").asBoolean());
        List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertEquals(summary.get("iterations").asInt(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = Json.mapper().readTree(lines.get(i));
            assertEquals(i + 1, line.get("iteration").asInt());
            assertTrue(Double.isFinite(line.get("mean_loglik").asDouble()));
        }
        GaussianMixtureFiles.Stored stored = GaussianMixtureFiles.load(out.resolve("model"));
        assertEquals(3, stored.mixture().parameters().k());
        assertTrue(Files.isRegularFile(out.resolve("model/metadata.json")));

        Path scores = dir.resolve("scores.csv");
        CliRun s = CliRun.of("score", "--model", out.toString(), "--data", "csv:" + csv + "?header=no", "--out", scores.toString());
        assertEquals(0, s.exitCode(), s.err());
        List<String> rows = Files.readAllLines(scores);
        assertEquals("loglik", rows.get(0));
        assertEquals(901, rows.size());
        double mean = rows.stream().skip(1).mapToDouble(Double::parseDouble).average().orElseThrow();
        assertEquals(summary.get("mean_loglik").asDouble(), mean, 1e-9);
        assertTrue(s.out().contains("mean_loglik"), s.out());

        CliRun p = CliRun.of("predict", "--model", out.resolve("model").toString(), "--data", "csv:" + csv + "?header=no");
        assertEquals(0, p.exitCode(), p.err());
        List<String> labels = p.out().lines().toList();
        assertEquals("label", labels.get(0));
        assertEquals(901, labels.size());
        CliRun pp = CliRun.of("predict", "--proba", "--model", out.toString(), "--data", "csv:" + csv + "?header=no");
        assertEquals("p0,p1,p2", pp.out().lines().findFirst().orElseThrow());

        Path samples = dir.resolve("samples.csv");
        CliRun sa = CliRun.of("sample", "--model", out.toString(), "--n", "50", "--seed", "2", "--out", samples.toString());
        assertEquals(0, sa.exitCode(), sa.err());
        List<String> drawn = Files.readAllLines(samples);
        assertEquals("x0,x1,label", drawn.get(0));
        assertEquals(51, drawn.size());
    }

    @Test
    void kRangeChoosesByBicAndInitFileStartsEm() throws IOException {
        Path out = dir.resolve("bic");
        CliRun r = CliRun.of("train", "gmm", "--data", "csv:" + csv + "?header=no", "--k", "1..5", "--covariance", "diag",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode summary = Json.read(out.resolve("summary.json"));
        assertEquals(3, summary.get("k").asInt());
        assertEquals(5, summary.get("bic_by_k").size());

        Path init = dir.resolve("init.json");
        Files.writeString(init, "{\"weights\":[0.5,0.5],\"means\":[[0,0],[5,5]],"
                + "\"covariances\":[[[1,0],[0,1]],[[1,0],[0,1]]]}");
        Path out2 = dir.resolve("init-run");
        CliRun r2 = CliRun.of("train", "gmm", "--data", "csv:" + csv + "?header=no", "--init", init.toString(),
                "--max-iter", "5", "--tol", "0", "--out", out2.toString());
        assertEquals(0, r2.exitCode(), r2.err());
        JsonNode s2 = Json.read(out2.resolve("summary.json"));
        assertEquals(2, s2.get("k").asInt());
        assertEquals(5, s2.get("iterations").asInt());
        assertEquals(false, s2.get("converged").asBoolean());
    }

    @Test
    void badInputGivesClearErrors() throws IOException {
        Path bad = dir.resolve("bad-init.json");
        Files.writeString(bad, "{\"weights\":[1.0],\"means\":[[0,0,0]],\"covariances\":[[[1,0],[0,1]]]}");
        CliRun r = CliRun.of("train", "gmm", "--data", "csv:" + csv + "?header=no", "--init", bad.toString(),
                "--out", dir.resolve("x").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("bad-init.json") && r.err().contains("covariances[0]"), r.err());

        CliRun k = CliRun.of("train", "gmm", "--data", "csv:" + csv + "?header=no", "--k", "2000", "--out", dir.resolve("y").toString());
        assertEquals(2, k.exitCode(), "a count above the data's size is a usage error");
        assertTrue(k.err().contains("--k 2000: more components than the 900 rows of"), k.err());

        CliRun cov = CliRun.of("train", "gmm", "--data", "csv:" + csv + "?header=no", "--covariance", "round", "--out", dir.resolve("z").toString());
        assertEquals(2, cov.exitCode());
        assertTrue(cov.err().contains("expected full, tied, diag or spherical"), cov.err());

        Path nan = dir.resolve("nan.csv");
        Files.writeString(nan, "1,2\n3,nan\n");
        CliRun n = CliRun.of("train", "gmm", "--data", "csv:" + nan + "?header=no", "--out", dir.resolve("w").toString());
        assertEquals(1, n.exitCode());
        assertTrue(n.err().contains("nan.csv"), n.err());

        Path three = dir.resolve("three.csv");
        Files.writeString(three, "1,2,3\n4,5,6\n");
        Files.createDirectories(dir.resolve("m"));
        CliRun t = CliRun.of("train", "gmm", "--data", "csv:" + csv + "?header=no", "--k", "2", "--out", dir.resolve("m").toString());
        assertEquals(0, t.exitCode(), t.err());
        CliRun wrong = CliRun.of("predict", "--model", dir.resolve("m").toString(), "--data", "csv:" + three + "?header=no");
        assertEquals(1, wrong.exitCode());
        assertTrue(wrong.err().contains("has 3 columns but the model expects 2"), wrong.err());
    }

    @Test
    void benchAndDemoPrintTheirFigures() throws IOException {
        Path init = dir.resolve("bench-init.json");
        CliRun b = CliRun.of("bench", "gmm", "--csv", csv.toString(), "--k", "3", "--iterations", "4", "--write-init", init.toString());
        assertEquals(0, b.exitCode(), b.err());
        assertTrue(b.out().contains("iterations 4") && b.out().contains("mean_loglik"), b.out());
        CliRun again = CliRun.of("bench", "gmm", "--csv", csv.toString(), "--init", init.toString(), "--iterations", "4");
        assertEquals(0, again.exitCode(), again.err());
        // Same start, same iterations: the same mean log-likelihood.
        String ll = b.out().replaceAll("(?s).*mean_loglik (\\S+).*", "$1");
        assertTrue(again.out().contains("mean_loglik " + ll), again.out() + " vs " + ll);

        CliRun d = CliRun.of("demo", "crabs", "--n", "300");
        assertEquals(0, d.exitCode(), d.err());
        assertTrue(d.out().contains("EM on the histogram") && d.out().contains("never decreased: yes"), d.out());
    }
}
