package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.ArrayData;
import org.latent4j.io.Json;
import org.latent4j.io.ModelFiles;
import org.latent4j.io.SafeTensors;
import org.latent4j.runtime.Threads;

/**
 * What the hostile trials of issue 9 found: empty data, non-finite weights and results, the thread count,
 * resuming on other data, run.json of a resumed run, counts at their edges, and messages that leaked
 * Jackson's and the code's internals. Each test fails on the code before the fix.
 */
class ChecksTest {
    static final String[] TINY = {"train", "vae", "--data", "fashion-mnist-small", "--limit", "120", "--epochs", "1",
            "--hidden", "8", "--latent", "2", "--batch", "40", "--eval-samples", "0", "--seed", "3", "--no-plots", "-q"};
    @TempDir
    static Path dir;
    static Path run;

    @BeforeAll
    static void trainOne() {
        run = dir.resolve("run");
        CliRun r = CliRun.of(concat(TINY, "--out", run.toString()));
        assertEquals(0, r.exitCode(), r.err());
    }

    static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static void assertFails(CliRun r, int code, String expected) {
        assertEquals(code, r.exitCode(), r.err() + r.out());
        assertEquals(1, r.err().lines().count(), "one line:\n" + r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in:\n" + r.err());
        assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), r.out());
    }

    /** An IDX image file of n images of 28×28, all zero. */
    static Path idx(String name, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16 + n * 784).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0x803).putInt(n).putInt(28).putInt(28);
        Path file = dir.resolve(name);
        Files.write(file, b.array());
        return file;
    }

    /** A copy of the trained run whose tensor {@code name} is overwritten with {@code value}. */
    static Path runWith(String copy, String name, float value) throws IOException {
        Path to = dir.resolve(copy);
        Files.createDirectories(to.resolve("model"));
        for (String f : new String[] {ModelFiles.CONFIG, ModelFiles.METADATA}) {
            Files.copy(run.resolve("model").resolve(f), to.resolve("model").resolve(f));
        }
        Map<String, ArrayData> arrays = new LinkedHashMap<>(SafeTensors.read(run.resolve("model").resolve(ModelFiles.WEIGHTS)).arrays());
        ArrayData.F32 t = (ArrayData.F32) arrays.get(name);
        float[] data = t.data().clone();
        Arrays.fill(data, value);
        arrays.put(name, new ArrayData.F32(t.shape(), data));
        SafeTensors.write(to.resolve("model").resolve(ModelFiles.WEIGHTS), arrays, Map.of());
        return to;
    }

    @Test
    void emptyDataAreRefusedBeforeAnythingIsWritten() throws IOException {
        Path empty = idx("empty.idx", 0);
        Path out = dir.resolve("empty-run");
        CliRun r = CliRun.of("train", "vae", "--data", "idx:" + empty, "--epochs", "1", "--out", out.toString());
        assertFails(r, 1, "latent4j train vae: empty.idx/train (");
        assertTrue(r.err().contains("empty.idx) has no rows (0 examples)"), r.err());
        assertFalse(Files.exists(out), "no run folder, no untrained model");

        Path some = idx("some.idx", 30);
        r = CliRun.of("train", "vae", "--data", "idx:" + some + "?test=" + empty, "--epochs", "1", "--out", out.toString());
        assertFails(r, 1, "empty.idx/test");
        assertFalse(Files.exists(out));

        r = CliRun.of("train", "gmm", "--data", "idx:" + empty, "--out", out.toString());
        assertFails(r, 1, "--data idx:" + empty + ": ");
        assertTrue(r.err().contains("has no rows (0 examples)"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aModelWithANonFiniteWeightIsRefusedByEveryCommand() throws IOException {
        Path bad = runWith("nan-bias", "decoder.layers.0.bias", Float.NaN);
        String expected = bad.resolve("model").resolve(ModelFiles.WEIGHTS) + ": tensor 'decoder.layers.0.bias' holds NaN at index 0";
        Path out = dir.resolve("nan-out");
        String[][] commands = {
                {"evaluate", bad.toString(), "-k", "2", "--limit", "5"},
                {"score", bad.toString(), "-k", "2", "--limit", "5", "--out", out + ".csv"},
                {"sample", bad.toString(), "--n", "2", "--out", out + ".png"},
                {"encode", bad.toString(), "--limit", "5", "--out", out + ".csv"},
                {"reconstruct", bad.toString(), "--n", "2", "--out", out + ".png"},
        };
        for (String[] c : commands) {
            assertFails(CliRun.of(c), 1, expected);
        }
        assertFalse(Files.exists(Path.of(out + ".csv")) || Files.exists(Path.of(out + ".png")));
    }

    @Test
    void aResultThatIsNotFiniteIsNeverPrintedOrWritten() throws IOException {
        // Finite weights whose figures overflow: σ = exp(½ log σ²) is infinite, the KL too.
        Path big = runWith("huge-log-var", "encoder.log_var.bias", 3e38f);
        CliRun e = CliRun.of("evaluate", big.toString(), "-k", "2", "--limit", "5", "--json");
        assertFails(e, 1, ": not a finite number, so it is not reported");
        assertTrue(e.err().startsWith("latent4j evaluate: "), e.err());
        assertEquals("", e.out());
        Path codes = dir.resolve("codes.csv");
        CliRun c = CliRun.of("encode", big.toString(), "--limit", "5", "--out", codes.toString());
        assertFails(c, 1, "sigma of row 0, column 0 is Infinity: not a finite number, so it is not reported");
        assertFalse(Files.exists(codes));
        Path scores = dir.resolve("scores.csv");
        assertFails(CliRun.of("score", big.toString(), "-k", "2", "--limit", "5", "--out", scores.toString()), 1,
                "not a finite number, so it is not reported");
        assertFalse(Files.exists(scores));
    }

    @Test
    void mixtureCommandsRefuseRowsOfDensityZero() throws IOException {
        Path model = dir.resolve("iris-gmm");
        assertEquals(0, CliRun.of("train", "gmm", "--data", "iris", "--k", "2", "--out", model.toString(), "--no-plots", "-q")
                .exitCode());
        Path far = dir.resolve("far.csv");
        Files.writeString(far, "a,b,c,d\n5,3,1,0.2\n1e200,1e200,1e200,1e200\n");
        CliRun score = CliRun.of("score", "--model", model.toString(), "--data", "csv:" + far);
        assertFails(score, 1, "loglik of row 1 is -Infinity: not a finite number, so it is not reported");
        assertEquals("", score.out());
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", "csv:" + far, "--proba");
        assertFails(predict, 1, "loglik of row 1 is -Infinity: not a finite number, so it is not reported");
        assertEquals("", predict.out(), "no rows of zeros");
    }

    @Test
    void theThreadCountIsCappedWithAUsageError() {
        for (String n : new String[] {"100000", Integer.toString(Threads.max() + 1)}) {
            CliRun r = CliRun.of("info", "--threads", n);
            assertFails(r, 2, "--threads: expected a thread count from 1 to " + Threads.max() + " (16 × the "
                    + Runtime.getRuntime().availableProcessors() + " available processors), got " + n);
        }
    }

    @Test
    void aBadThreadCountInTheEnvironmentIsAUsageErrorNotAStackTrace() throws Exception {
        for (String value : new String[] {"abc", "0", "100000"}) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                    "org.latent4j.cli.Main", "info");
            pb.environment().put("LATENT4J_THREADS", value);
            Process p = pb.start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            p.getErrorStream().transferTo(err);
            p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String text = err.toString().lines().filter(l -> !l.startsWith("WARNING: Using incubator")).reduce("", (a, b) -> a + b + "\n");
            assertEquals(2, p.exitValue(), text);
            assertTrue(text.startsWith("latent4j info: environment variable LATENT4J_THREADS: expected a thread count from 1 to "),
                    text);
            assertTrue(text.contains(value) && !text.contains("\tat "), text);
        }
    }

    @Test
    void withoutTheVectorApiModuleTrainingRunsOnScalarKernelsAfterOneNotice() throws Exception {
        // No --add-modules jdk.incubator.vector: the classes that use FloatVector cannot load; the kernels must
        // not be reached (a NoClassDefFoundError) but replaced by their scalar twins, with one line saying so.
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.latent4j.cli.Main",
                "train", "vae", "--data", "fashion-mnist-small", "--limit", "100", "--hidden", "8", "--latent", "2",
                "--batch", "50", "--epochs", "1", "--eval-samples", "0", "--no-plots", "--out", dir.resolve("scalar").toString());
        pb.environment().put("LATENT4J_BLAS", "java");
        Process p = pb.start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        p.getErrorStream().transferTo(err);
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String text = err.toString();
        assertEquals(0, p.exitValue(), text);
        assertFalse(text.contains("NoClassDefFoundError") || text.contains("Using incubator modules"), text);
        assertEquals(1, text.lines().filter(l -> l.equals(org.latent4j.runtime.VectorSupport.NOTICE)).count(), text);
        assertTrue(Files.exists(dir.resolve("scalar").resolve("summary.json")), text);
    }

    @Test
    void resumingOnOtherDataIsRefusedAndRunJsonOfAResumedRunRepeatsIt() throws IOException {
        String[] common = {"train", "vae", "--data", "fashion-mnist-small", "--hidden", "8", "--latent", "2", "--batch", "40",
                "--eval-samples", "0", "--seed", "4", "--no-plots", "-q"};
        Path out = dir.resolve("resumable");
        assertEquals(0, CliRun.of(concat(common, "--limit", "100", "--epochs", "1", "--checkpoint", "--out", out.toString())).exitCode());
        CliRun other = CliRun.of(concat(common, "--limit", "120", "--epochs", "2", "--resume", "--out", out.toString()));
        assertFails(other, 1, "was made on the training data fashion-mnist-small/train");
        assertTrue(other.err().contains("(100×784, fingerprint ") && other.err().contains("(120×784, fingerprint "), other.err());
        assertEquals(1, Files.readAllLines(out.resolve("metrics.jsonl")).size(), "nothing trained on the wrong data");

        CliRun resumed = CliRun.of(concat(common, "--limit", "100", "--epochs", "2", "--resume", "--out", out.toString()));
        assertEquals(0, resumed.exitCode(), resumed.err());
        JsonNode options = Json.read(out.resolve("run.json")).get("options");
        assertFalse(options.has("resume"), options.toString());
        assertTrue(options.get("checkpoint").asBoolean(), options.toString());
        Path again = dir.resolve("resumable-again");
        CliRun repeat = CliRun.of("train", "vae", "--config", out.resolve("run.json").toString(), "--out", again.toString());
        assertEquals(0, repeat.exitCode(), repeat.err());
        assertEquals(losses(out), losses(again));
        assertEquals(2, losses(again).size());
    }

    /** metrics.jsonl without the timings. */
    static List<String> losses(Path run) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(line);
            node.remove("seconds");
            out.add(node.toString());
        }
        return out;
    }

    @Test
    void countsFollowOneRuleOnEveryCommand() {
        String r = run.toString();
        String csv = dir.resolve("any.csv").toString();
        Object[][] cases = {
                {new String[] {"evaluate", r, "--importance-samples", "0"}, "latent4j evaluate: --importance-samples: expected a count >= 1, got 0"},
                {new String[] {"score", r, "-k", "0", "--out", csv}, "latent4j score: --importance-samples: expected a count >= 1, got 0"},
                {new String[] {"evaluate", r, "--limit", "0"}, "latent4j evaluate: --limit: expected a count >= 1, got 0"},
                {new String[] {"evaluate", r, "--limit", "5000", "-k", "1"},
                        "latent4j evaluate: --limit 5000: fashion-mnist-small/test has only 1000 examples"},
                {new String[] {"encode", r, "--limit", "0", "--out", csv}, "latent4j encode: --limit: expected a count >= 1, got 0"},
                {new String[] {"reconstruct", r, "--n", "0", "--out", csv}, "latent4j reconstruct: --n: expected a count >= 1, got 0"},
                {new String[] {"reconstruct", r, "--n", "5000", "--out", csv},
                        "latent4j reconstruct: --n 5000: fashion-mnist-small/test has only 1000 examples"},
                {new String[] {"sample", r, "--n", "0", "--out", csv}, "latent4j sample: --n: expected a count >= 1, got 0"},
                {new String[] {"sample", r, "--columns", "0", "--out", csv}, "latent4j sample: --columns: expected a count >= 1, got 0"},
                {concat(TINY, "--limit", "0", "--out", csv), "latent4j train vae: --limit: expected a count >= 1, got 0"},
                {concat(TINY, "--limit", "6000", "--out", csv),
                        "latent4j train vae: --limit 6000: fashion-mnist-small/train has only 5000 examples"},
                {new String[] {"bench", "vae", "--epochs", "0"}, "latent4j bench vae: --epochs: expected a count >= 1, got 0"},
                {new String[] {"demo", "vae", "--epochs", "0", "--out", csv}, "latent4j demo vae: --epochs: expected a count >= 1, got 0"},
                {new String[] {"train", "gmm", "--data", "iris", "--k", "151", "--out", csv},
                        "latent4j train gmm: --k 151: more components than the 150 rows of "},
        };
        for (Object[] c : cases) {
            assertFails(CliRun.of((String[]) c[0]), 2, (String) c[1]);
        }
        assertFalse(Files.exists(Path.of(csv)));
    }

    @Test
    void reconstructTakesAllExamplesWhenTheDataHaveFewerThanItsDefault() throws IOException {
        Path few = dir.resolve("few.csv");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 784; j++) {
                sb.append(j == 0 ? "" : ",").append((i + j) % 2);
            }
            sb.append('\n');
        }
        Files.writeString(few, sb);
        Path out = dir.resolve("few-rec.csv");
        CliRun r = CliRun.of("reconstruct", run.toString(), "--data", "csv:" + few + "?header=no", "--split", "train",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(6, Files.readAllLines(out).size(), "a header and the 5 rows");
    }

    @Test
    void brokenFilesAreDescribedInWordsNamingTheFile() throws IOException {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("dup.json", "{\"epochs\": 1, \"epochs\": 2}");
        configs.put("dup.yaml", "epochs: 1\nepochs: 2\n");
        configs.put("trailing.json", "{\"epochs\": 1} {\"epochs\": 2}");
        configs.put("cut.json", "{\"epochs\": 1");
        List<String> messages = new ArrayList<>();
        for (var e : configs.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.writeString(f, e.getValue());
            CliRun r = CliRun.of("train", "vae", "--config", f.toString(), "--out", dir.resolve("never").toString());
            assertFails(r, 2, "config file " + f);
            messages.add(r.err());
        }
        assertTrue(messages.get(0).contains("key 'epochs' appears twice"), messages.get(0));
        assertTrue(messages.get(1).contains("key 'epochs' appears twice"), messages.get(1));
        assertTrue(messages.get(2).contains("more content after the end of the document"), messages.get(2));
        assertTrue(messages.get(3).contains("the document ends too early"), messages.get(3));

        Path broken = dir.resolve("broken-meta");
        Files.createDirectories(broken.resolve("model"));
        for (String f : new String[] {ModelFiles.CONFIG, ModelFiles.WEIGHTS}) {
            Files.copy(run.resolve("model").resolve(f), broken.resolve("model").resolve(f));
        }
        Path meta = broken.resolve("model").resolve(ModelFiles.METADATA);
        Files.writeString(meta, "{\"format_version\": 1, \"kind\": \"vae\"");
        CliRun r = CliRun.of("sample", broken.toString(), "--out", dir.resolve("never.png").toString());
        assertFails(r, 1, meta + ": invalid JSON at line 1, column ");
        messages.add(r.err());

        Path config = broken.resolve("model").resolve(ModelFiles.CONFIG);
        Files.copy(run.resolve("model").resolve(ModelFiles.METADATA), meta, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(config, Files.readString(config).replace("\"input_dim\" : 784", "\"input_dim\" : 0"));
        r = CliRun.of("sample", broken.toString(), "--out", dir.resolve("never.png").toString());
        assertFails(r, 1, "latent4j sample: " + config + ": field 'input_dim' should be an integer >= 1, got 0");
        assertEquals(1, r.err().split(java.util.regex.Pattern.quote(config.toString()), -1).length - 1, "the file once: " + r.err());
        messages.add(r.err());

        Files.writeString(config, Files.readString(run.resolve("model").resolve(ModelFiles.CONFIG)));
        Files.writeString(meta, Files.readString(meta).replaceFirst("\"data_spec\" : \"[^\"]*\"", "\"data_spec\" : 5"));
        r = CliRun.of("evaluate", broken.toString(), "-k", "1");
        assertFails(r, 1, "latent4j evaluate: " + meta + ": data_spec should be a data spec such as \"fashion-mnist\", got 5;"
                + " give the data with --data");
        messages.add(r.err());

        for (String m : messages) {
            for (String internal : new String[] {"REDACTED", "Feature", "`", "ObjectNode", "loadStateDict", "VaeConfig", "(code "}) {
                assertFalse(m.contains(internal), "'" + internal + "' in: " + m);
            }
        }
    }
}
