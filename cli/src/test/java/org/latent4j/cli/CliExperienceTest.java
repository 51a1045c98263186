package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.Json;
import picocli.CommandLine;

/** Exit codes, one-line errors, --quiet, --json, progress and --help across the commands. */
class CliExperienceTest {
    static final String[] TINY = {"--data", "fashion-mnist-small", "--limit", "256", "--epochs", "1", "--hidden", "32",
            "--latent", "2", "--batch", "64", "--eval-samples", "0", "--seed", "5"};
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainOne() {
        model = dir.resolve("model-run");
        CliRun r = train(model, "--quiet");
        assertEquals(0, r.exitCode(), r.err());
    }

    static CliRun train(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "vae"));
        args.addAll(List.of(TINY));
        args.addAll(List.of("--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    static void assertOneLine(String err, String prefix) {
        assertEquals(1, err.lines().count(), "one line expected:\n" + err);
        assertTrue(err.startsWith(prefix), err);
        assertFalse(err.contains("\tat "), err);
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        CliRun r = CliRun.of("train", "vae", "--data", "fashion-mnist-small", "--out", dir.resolve("x").toString(), "--epoch", "3");
        assertEquals(2, r.exitCode());
        assertOneLine(r.err(), "latent4j train vae: unknown option '--epoch' (did you mean --epochs?)");
        CliRun bare = CliRun.of("train");
        assertEquals(2, bare.exitCode());
        assertTrue(bare.err().startsWith("Usage: latent4j train") && bare.err().contains("Commands:"), bare.err());
        CliRun extra = CliRun.of("info", "now");
        assertEquals(2, extra.exitCode());
        assertOneLine(extra.err(), "latent4j info: unexpected argument 'now'");
        assertTrue(r.err().contains("--epochs"), "suggests the near name: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void badValuesAreUsageErrors() {
        CliRun notANumber = CliRun.of("train", "vae", "--data", "fashion-mnist-small", "--out", dir.resolve("x").toString(),
                "--epochs", "ten");
        assertEquals(2, notANumber.exitCode());
        assertOneLine(notANumber.err(), "latent4j train vae: Invalid value for option '--epochs'");
        CliRun likelihood = train(dir.resolve("bad-likelihood"), "--likelihood", "poisson");
        assertEquals(2, likelihood.exitCode(), likelihood.err());
        assertOneLine(likelihood.err(), "latent4j train vae: --likelihood: ");
        assertTrue(likelihood.err().contains("poisson") && likelihood.err().contains("bernoulli"), likelihood.err());
        CliRun k = CliRun.of("train", "gmm", "--data", "fashion-mnist-small", "--k", "0", "--out", dir.resolve("g").toString());
        assertEquals(2, k.exitCode(), k.err());
        assertOneLine(k.err(), "latent4j train gmm: --k 0");
        CliRun latent = train(dir.resolve("latent0"), "--latent", "0");
        assertEquals(2, latent.exitCode(), latent.err());
        assertOneLine(latent.err(), "latent4j train vae: --latent: expected a count >= 1, got 0");
        CliRun threads = CliRun.of("info", "--threads", "0");
        assertEquals(2, threads.exitCode(), threads.err());
        assertTrue(threads.err().contains("--threads: expected a thread count from 1 to "), threads.err());
        CliRun missing = CliRun.of("evaluate");
        assertEquals(2, missing.exitCode());
        assertOneLine(missing.err(), "latent4j evaluate: Missing required parameter: 'DIR'");
    }

    @Test
    void aMissingDataFileIsAFailureWithTheStackTraceOnlyUnderDebug() {
        Path absent = dir.resolve("absent.csv");
        CliRun r = CliRun.of("train", "vae", "--data", "csv:" + absent, "--out", dir.resolve("y").toString());
        assertEquals(1, r.exitCode(), r.err());
        assertOneLine(r.err(), "latent4j train vae: ");
        assertTrue(r.err().contains(absent.toString()), r.err());
        CliRun debug = CliRun.of("--debug", "train", "vae", "--data", "csv:" + absent, "--out", dir.resolve("y").toString());
        assertEquals(1, debug.exitCode());
        assertTrue(debug.err().contains("\tat "), debug.err());
        CliRun noModel = CliRun.of("evaluate", dir.resolve("no-such-model").toString(), "--data", "fashion-mnist-small");
        assertEquals(1, noModel.exitCode());
        assertOneLine(noModel.err(), "latent4j evaluate: ");
    }

    @Test
    void quietTrainingPrintsNothing() {
        CliRun r = train(dir.resolve("quiet"), "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals("", r.err());
        assertTrue(Files.isRegularFile(dir.resolve("quiet").resolve("summary.json")));
    }

    @Test
    void jsonTrainingPrintsOneObjectOnStandardOutput() throws Exception {
        Path out = dir.resolve("json");
        CliRun r = train(out, "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1, r.out().lines().count(), r.out());
        JsonNode s = Json.mapper().readTree(r.out());
        assertEquals(out.toString(), s.get("out").asText());
        assertEquals(Json.read(out.resolve("summary.json")).get("test_loss").asDouble(), s.get("test_loss").asDouble());
        assertTrue(r.err().contains("train_loss"), "the table goes to standard error in JSON mode: " + r.err());
    }

    @Test
    void quietKeepsTheOutputThatWasAskedFor() throws Exception {
        Path csv = dir.resolve("pts.csv");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            sb.append(i % 2 == 0 ? 0.1 * i : 10 + 0.1 * i).append(',').append(i % 3).append('\n');
        }
        Files.writeString(csv, sb.toString());
        Path gmm = dir.resolve("gmm-quiet");
        CliRun train = CliRun.of("-q", "train", "gmm", "--data", "csv:" + csv + "?header=no", "--k", "2", "--out", gmm.toString());
        assertEquals(0, train.exitCode(), train.err());
        assertEquals("", train.out() + train.err());
        CliRun json = CliRun.of("train", "gmm", "--data", "csv:" + csv + "?header=no", "--k", "2", "--json", "-q",
                "--out", dir.resolve("gmm-json").toString());
        assertEquals(0, json.exitCode(), json.err());
        assertEquals(2, Json.mapper().readTree(json.out()).get("k").asInt());
        CliRun predict = CliRun.of("predict", "--model", gmm.toString(), "--data", "csv:" + csv + "?header=no", "--quiet");
        assertEquals(0, predict.exitCode(), predict.err());
        assertEquals(61, predict.out().lines().count(), "the CSV asked for on standard output: " + predict.out());
        CliRun labels = CliRun.of("predict", "--model", gmm.toString(), "--data", "csv:" + csv + "?header=no", "--json");
        assertEquals(0, labels.exitCode(), labels.err());
        JsonNode p = Json.mapper().readTree(labels.out());
        assertEquals(60, p.get("labels").size());
        assertEquals(60, p.get("counts").get(0).asInt() + p.get("counts").get(1).asInt());
        CliRun scores = CliRun.of("score", "--model", gmm.toString(), "--data", "csv:" + csv + "?header=no", "--json");
        assertEquals(0, scores.exitCode(), scores.err());
        JsonNode ll = Json.mapper().readTree(scores.out());
        assertEquals(60, ll.get("loglik").size());
        assertEquals(ll.get("mean_loglik").asDouble(), java.util.stream.StreamSupport.stream(ll.get("loglik").spliterator(), false)
                .mapToDouble(JsonNode::asDouble).average().orElseThrow(), 1e-9);
        CliRun bench = CliRun.of("bench", "gmm", "--csv", csv.toString(), "--k", "2", "--iterations", "2", "--json");
        assertEquals(0, bench.exitCode(), bench.err());
        assertEquals(2, Json.mapper().readTree(bench.out()).get("iterations").asInt());
        CliRun evaluate = CliRun.of("evaluate", model.toString(), "--data", "fashion-mnist-small", "--limit", "20", "-k", "2", "-q");
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertEquals("", evaluate.out() + evaluate.err());
    }

    @Test
    void theDataDefaultsToWhatTheModelWasTrainedOn() throws Exception {
        CliRun r = CliRun.of("evaluate", model.toString(), "--limit", "10", "-k", "2", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(10, Json.mapper().readTree(r.out()).get("examples").asInt());
    }

    @Test
    void jsonOutputsParse() throws Exception {
        for (String[] args : new String[][] {
                {"evaluate", model.toString(), "--data", "fashion-mnist-small", "--limit", "40", "-k", "3", "--json"},
                {"score", model.toString(), "--data", "fashion-mnist-small", "--limit", "40", "-k", "3", "--json",
                        "--out", dir.resolve("scores.csv").toString()},
                {"info", "--json"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertTrue(Json.mapper().readTree(r.out()).isObject(), r.out());
            assertFalse(r.err().contains("\r"), "no bars when standard error is not a terminal: " + r.err());
        }
    }

    @Test
    void forcedProgressDrawsBarsOnStandardErrorOnly() throws Exception {
        CliRun r = CliRun.of("evaluate", model.toString(), "--data", "fashion-mnist-small", "--limit", "300", "-k", "5",
                "--json", "--progress");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("\r") && r.err().contains("300/300"), r.err());
        assertTrue(Json.mapper().readTree(r.out()).has("log_likelihood"));
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new Main()), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 15, paths.toString());
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), path + ": " + r.err());
            // a lone % in a description is a format error picocli only warns about, printing the raw text
            assertFalse(r.err().contains("picocli WARN"), path + ": " + r.err());
            assertTrue(r.out().contains("Examples:\n  latent4j "), path + " has no examples:\n" + r.out());
        }
        for (Object forwarded : new Object[] {new org.latent4j.cli.vae.SampleCommand(), new org.latent4j.cli.vae.ScoreCommand(),
                new GmmModelCommands.Sample(), new GmmModelCommands.Score()}) {
            String help = new CommandLine(forwarded).getUsageMessage();
            assertTrue(help.contains("Examples:"), help);
        }
    }

    /** Every command path below {@code cl}. */
    private static void collect(CommandLine cl, List<String> prefix, List<List<String>> out) {
        for (var e : cl.getSubcommands().entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            out.add(path);
            collect(e.getValue(), path, out);
        }
    }
}
