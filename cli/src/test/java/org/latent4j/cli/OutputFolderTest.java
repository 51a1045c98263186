package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.Json;

/**
 * A user's files are never destroyed: output folders are new, empty or latent4j's own (reused only with
 * --overwrite), a folder being written is locked, a failed run tidies what it made, stale temporaries of a
 * crashed run go at the next run, and an existing output file is replaced only with --overwrite.
 */
class OutputFolderTest {
    @TempDir
    static Path dir;
    static String data;
    static Path csv;

    @BeforeAll
    static void data() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            double a = (i % 2 == 0 ? 0 : 8) + Math.sin(i * 1.7);
            double b = (i % 2 == 0 ? 0 : 8) + Math.cos(i * 2.3);
            sb.append(a).append(',').append(b).append('\n');
        }
        csv = dir.resolve("points.csv");
        Files.writeString(csv, sb.toString());
        data = "csv:" + csv + "?header=no";
    }

    private static CliRun gmm(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("-q", "train", "gmm", "--data", data, "--k", "2", "--no-plots",
                "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void anEmptyOutPathIsRefusedNamingTheOption() {
        for (String[] args : new String[][] {
                {"train", "gmm", "--data", "x", "--out", ""},
                {"train", "vae", "--data", "x", "--out", ""},
                {"demo", "--out", ""},
                {"demo", "vae", "--out", ""},
                {"plot", ""}}) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("the path is empty"), r.err());
            assertTrue(r.err().contains(args[args.length - 2].startsWith("--") ? "--out" : "DIR"), r.err());
        }
    }

    @Test
    void aFolderLatent4jDidNotWriteIsRefusedAndKept() throws IOException {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("thesis.tex"), "my work");
        Files.createDirectories(mine.resolve("model"));
        Files.writeString(mine.resolve("model").resolve("notes.txt"), "mine too");
        for (boolean overwrite : new boolean[] {false, true}) {
            CliRun r = overwrite ? gmm(mine, "--overwrite") : gmm(mine);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("holds files latent4j did not write") && r.err().contains("thesis.tex"), r.err());
        }
        assertEquals("my work", Files.readString(mine.resolve("thesis.tex")));
        assertEquals("mine too", Files.readString(mine.resolve("model").resolve("notes.txt")));
        assertFalse(Files.exists(mine.resolve("summary.json")));
        try (Stream<Path> left = Files.list(mine)) {
            assertEquals(List.of(mine.resolve("model"), mine.resolve("thesis.tex")), left.sorted().toList(),
                    "a refused run adds nothing, not even its lock file");
        }

        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun r = gmm(file);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("is not a folder"), r.err());
    }

    @Test
    void anEmptyFolderIsUsedAndAnEarlierRunIsReplacedOnlyWithOverwrite() throws IOException {
        Path out = Files.createDirectories(dir.resolve("empty"));
        assertEquals(0, gmm(out).exitCode());
        JsonNode marker = Json.read(out.resolve(OutputFolder.MARKER));
        assertEquals("latent4j train gmm", marker.get("command").asText());
        assertTrue(marker.get("outputs").toString().contains("summary.json"), marker.toString());

        byte[] weights = Files.readAllBytes(out.resolve("model").resolve("model.safetensors"));
        CliRun again = gmm(out, "--k", "3");
        assertEquals(2, again.exitCode(), again.err());
        assertTrue(again.err().contains("holds the output of an earlier 'latent4j train gmm'") && again.err().contains("--overwrite"), again.err());
        assertArrayEquals(weights, Files.readAllBytes(out.resolve("model").resolve("model.safetensors")));

        Files.writeString(out.resolve("notes.txt"), "beside the run");
        CliRun overwrite = gmm(out, "--k", "3", "--overwrite");
        assertEquals(0, overwrite.exitCode(), overwrite.err());
        assertEquals(3, Json.read(out.resolve("summary.json")).get("k").asInt());
        assertEquals("beside the run", Files.readString(out.resolve("notes.txt")));

        // a failed run into a reused folder leaves the earlier run whole, its run.json included
        String record = Files.readString(out.resolve("run.json"));
        CliRun failed = gmm(out, "--k", "500", "--overwrite");
        assertEquals(1, failed.exitCode(), failed.err());
        assertTrue(failed.err().contains(out + " is as it was"), failed.err());
        assertEquals(record, Files.readString(out.resolve("run.json")));

        // a file of the user's inside the model folder: replacing model/ as a whole would lose it, so the run is refused
        Files.writeString(out.resolve("model").resolve("notes.txt"), "inside the model");
        weights = Files.readAllBytes(out.resolve("model").resolve("model.safetensors"));
        CliRun refused = gmm(out, "--k", "2", "--overwrite");
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("notes.txt") && refused.err().contains("move that file out"), refused.err());
        assertEquals("inside the model", Files.readString(out.resolve("model").resolve("notes.txt")));
        assertArrayEquals(weights, Files.readAllBytes(out.resolve("model").resolve("model.safetensors")));
        assertEquals(3, Json.read(out.resolve("summary.json")).get("k").asInt());
    }

    @Test
    void aSecondRunIntoAFolderBeingWrittenIsRefusedAndAStaleLockDoesNotBlock() throws IOException {
        Path out = Files.createDirectories(dir.resolve("busy"));
        try (FileChannel ch = FileChannel.open(out.resolve(OutputFolder.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = ch.tryLock()) {
            assertTrue(held != null);
            CliRun r = gmm(out);
            assertEquals(1, r.exitCode(), r.err());
            assertTrue(r.err().contains("another latent4j run is writing into this folder"), r.err());
            assertFalse(Files.exists(out.resolve("run.json")));
            assertFalse(Files.exists(out.resolve(OutputFolder.MARKER)));
        }
        // the lock file stays behind, as after a crash; without a process holding it, it does not block
        assertTrue(Files.exists(out.resolve(OutputFolder.LOCK)));
        CliRun r = gmm(out);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("summary.json")));
    }

    @Test
    void aFailedRunRemovesTheFolderItCreatedWhenNothingInItIsWorthKeeping() throws IOException {
        Path out = dir.resolve("new-parent").resolve("k-too-large");
        CliRun r = gmm(out, "--k", "500");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("larger than the number of rows"), r.err());
        assertTrue(r.err().contains("nothing was kept") && r.err().contains("is removed"), r.err());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("new-parent")));

        Path empty = Files.createDirectories(dir.resolve("empty-before"));
        CliRun e = gmm(empty, "--k", "500");
        assertEquals(1, e.exitCode(), e.err());
        assertTrue(e.err().contains("nothing was kept in " + empty), e.err());
        assertTrue(Files.isDirectory(empty));
        try (Stream<Path> left = Files.list(empty)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aDivergedVaeRunKeepsTheLastFiniteParametersMarkedAsSuch() throws IOException {
        Path out = dir.resolve("diverged");
        CliRun r = CliRun.of("-q", "train", "vae", "--data", "fashion-mnist-small", "--limit", "200", "--hidden", "16",
                "--latent", "2", "--batch", "50", "--epochs", "2", "--optimizer", "sgd", "--lr", "1e30", "--eval-samples", "0",
                "--no-plots", "--out", out.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("training diverged") && r.err().contains("they are saved in " + out.resolve("model")),
                r.err());
        assertTrue(r.err().contains(out + " keeps what this run wrote"), r.err());
        JsonNode meta = Json.read(out.resolve("model").resolve("metadata.json"));
        assertEquals("diverged", meta.get("status").asText());
        assertTrue(meta.get("diverged_at").get("epoch").asInt() >= 1, meta.toString());
        assertTrue(Files.isRegularFile(out.resolve("model").resolve("model.safetensors")));
        assertTrue(Files.isRegularFile(out.resolve(OutputFolder.MARKER)));
    }

    @Test
    void staleTemporariesOfACrashedRunGoAtTheNextRunAndNothingElse() throws IOException {
        Path out = dir.resolve("crashed");
        assertEquals(0, gmm(out).exitCode());
        Path modelTmp = Files.createDirectories(out.resolve(".model.tmp-1a2b3c4d"));
        Files.write(modelTmp.resolve("model.safetensors"), new byte[1000]);
        Path metricsTmp = Files.writeString(out.resolve(".metrics.jsonl.tmp-abc"), "{");
        Path figureTmp = Files.writeString(Files.createDirectories(out.resolve("figures")).resolve(".density.png.tmp-12"), "");
        Path usersHidden = Files.writeString(out.resolve(".notes.tmp-12"), "not latent4j's name");
        Path usersOther = Files.writeString(out.resolve("summary.json.tmp-12"), "not latent4j's pattern");

        CliRun refused = gmm(out);
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(Files.exists(modelTmp), "a refused run touches nothing");

        CliRun r = gmm(out, "--overwrite");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(Files.exists(modelTmp));
        assertFalse(Files.exists(metricsTmp));
        assertFalse(Files.exists(figureTmp));
        assertTrue(Files.exists(usersHidden));
        assertTrue(Files.exists(usersOther));
    }

    @Test
    void aResumedVaeRunRemovesTheTemporariesTheKilledRunLeft() throws IOException {
        Path out = dir.resolve("killed");
        String[] common = {"-q", "train", "vae", "--data", "fashion-mnist-small", "--limit", "200", "--hidden", "16",
                "--latent", "2", "--batch", "50", "--eval-samples", "0", "--no-plots", "--checkpoint", "--out", out.toString()};
        CliRun first = CliRun.of(concat(common, "--epochs", "1"));
        assertEquals(0, first.exitCode(), first.err());
        // what kill -9 during the next checkpoint and model writes leaves: half-built folders beside the real ones
        Path checkpointTmp = Files.createDirectories(out.resolve(".checkpoint.tmp-5e1f00d"));
        Files.write(checkpointTmp.resolve("state.safetensors"), new byte[4096]);
        Path checkpointOld = Files.createDirectories(out.resolve(".checkpoint.old-ab12"));
        Files.write(checkpointOld.resolve("trainer.json"), new byte[10]);
        Path modelTmp = Files.createDirectories(out.resolve(".model.tmp-77"));
        Path mine = Files.createDirectories(out.resolve(".drafts.tmp-77"));

        CliRun resumed = CliRun.of(concat(common, "--epochs", "2", "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(2, Files.readAllLines(out.resolve("metrics.jsonl")).size());
        assertFalse(Files.exists(checkpointTmp));
        assertFalse(Files.exists(checkpointOld));
        assertFalse(Files.exists(modelTmp));
        assertTrue(Files.exists(mine), "a name latent4j does not write is not latent4j's temporary");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void anExistingOutputFileIsReplacedOnlyWithOverwrite() throws IOException {
        Path run = dir.resolve("for-files");
        assertEquals(0, gmm(run).exitCode());
        Path samples = Files.writeString(dir.resolve("samples.csv"), "the user's own table\n");
        CliRun r = CliRun.of("-q", "sample", "--model", run.toString(), "--n", "5", "--out", samples.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("the file exists; add --overwrite"), r.err());
        assertEquals("the user's own table\n", Files.readString(samples));

        CliRun p = CliRun.of("-q", "predict", "--model", run.toString(), "--data", data, "--out", samples.toString());
        assertEquals(2, p.exitCode(), p.err());
        assertEquals("the user's own table\n", Files.readString(samples));

        CliRun o = CliRun.of("-q", "sample", "--model", run.toString(), "--n", "5", "--out", samples.toString(), "--overwrite");
        assertEquals(0, o.exitCode(), o.err());
        assertEquals(6, Files.readAllLines(samples).size());

        CliRun empty = CliRun.of("-q", "score", "--model", run.toString(), "--data", data, "--out", "");
        assertEquals(2, empty.exitCode(), empty.err());
        assertTrue(empty.err().contains("--out: the path is empty"), empty.err());

        CliRun bench = CliRun.of("-q", "bench", "gmm", "--csv", csv.toString(), "--k", "2", "--iterations", "2",
                "--write-init", samples.toString());
        assertEquals(2, bench.exitCode(), bench.err());
        assertTrue(bench.err().contains("--write-init " + samples + ": the file exists"), bench.err());

        CliRun folder = CliRun.of("-q", "score", "--model", run.toString(), "--data", data, "--out", dir.toString());
        assertEquals(2, folder.exitCode(), folder.err());
        assertTrue(folder.err().contains("is a folder"), folder.err());
    }

    @Test
    void plotRewritesOnlyInAFolderLatent4jWrote() throws IOException {
        Path run = dir.resolve("to-plot");
        assertEquals(0, gmm(run).exitCode());
        assertEquals(0, CliRun.of("-q", "plot", run.toString()).exitCode());
        assertTrue(Files.isRegularFile(run.resolve("report.html")));
        assertEquals(0, CliRun.of("-q", "plot", run.toString()).exitCode(), "plot may redraw a run latent4j wrote");

        // the same run folder without latent4j's marker: its report.html may be anyone's
        Files.delete(run.resolve(OutputFolder.MARKER));
        Files.writeString(run.resolve("report.html"), "my own page");
        CliRun r = CliRun.of("-q", "plot", run.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("report.html") && r.err().contains(OutputFolder.MARKER), r.err());
        assertEquals("my own page", Files.readString(run.resolve("report.html")));
    }
}
