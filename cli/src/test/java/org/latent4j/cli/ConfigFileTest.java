package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.Json;

/** --config FILE (JSON or YAML) is equivalent to the flags, and OUT/run.json repeats a run exactly. */
class ConfigFileTest {
    @TempDir
    static Path dir;
    static Path first;

    @BeforeAll
    static void trainWithFlags() {
        first = dir.resolve("flags");
        CliRun r = CliRun.of("train", "vae", "--data", "fashion-mnist-small", "--limit", "256", "--epochs", "1", "--hidden", "32",
                "--latent", "2", "--batch", "64", "--eval-samples", "5", "--seed", "7", "--threads", "2", "--quiet",
                "--out", first.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    /** metrics.jsonl without the timings, and the summary's figures. */
    static List<String> figures(Path run) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(line);
            node.remove("seconds");
            out.add(node.toString());
        }
        JsonNode s = Json.read(run.resolve("summary.json"));
        out.add("test_loss " + s.get("test_loss").asDouble() + " ll " + s.get("evaluation").get("log_likelihood").asDouble());
        return out;
    }

    @Test
    void runJsonRecordsEveryOptionAndRepeatsTheRunExactly() throws IOException {
        JsonNode run = Json.read(first.resolve("run.json"));
        assertEquals("train vae", run.get("command").asText());
        JsonNode o = run.get("options");
        assertEquals(7, o.get("seed").asInt());
        assertEquals(2, o.get("threads").asInt());
        assertEquals("adam", o.get("optimizer").asText(), "defaults are recorded too");
        assertEquals(32, o.get("hidden").get(0).asInt());
        assertTrue(!o.has("quiet") && !o.has("config"), o.toString());

        Path again = dir.resolve("again");
        CliRun r = CliRun.of("train", "vae", "--config", first.resolve("run.json").toString(), "--out", again.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(figures(first), figures(again));
        assertEquals(again.toString(), Json.read(again.resolve("run.json")).get("options").get("out").asText(),
                "the flag wins over the file");
    }

    @Test
    void flatJsonAndYamlFilesEqualTheFlags() throws IOException {
        Path json = dir.resolve("run-flat.json");
        Files.writeString(json, """
                {"data": "fashion-mnist-small", "limit": 256, "epochs": 1, "hidden": [32], "latent": 2, "batch": 64,
                 "eval-samples": 5, "seed": 7, "threads": 2}
                """);
        Path yaml = dir.resolve("run.yaml");
        Files.writeString(yaml, """
                command: train vae
                data: fashion-mnist-small
                limit: 256
                epochs: 1
                hidden: "32"
                latent: 2
                batch: 64
                eval_samples: 5
                seed: 7
                lr: 1e-3
                threads: 2
                """);
        for (Path config : List.of(json, yaml)) {
            Path out = dir.resolve("from-" + config.getFileName());
            CliRun r = CliRun.of("train", "vae", "--config", config.toString(), "--out", out.toString(), "--quiet");
            assertEquals(0, r.exitCode(), config + ": " + r.err());
            assertEquals(figures(first), figures(out), config.toString());
        }
    }

    @Test
    void flagsOverrideTheFile() throws IOException {
        Path json = dir.resolve("gmm.json");
        Files.writeString(json, "{\"data\": \"fashion-mnist-small\", \"pca\": 3, \"k\": 4, \"max-iter\": 5}");
        Path out = dir.resolve("gmm");
        CliRun r = CliRun.of("train", "gmm", "--config", json.toString(), "--k", "2", "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode summary = Json.read(out.resolve("summary.json"));
        assertEquals(2, summary.get("k").asInt());
        assertEquals(3, summary.get("columns").asInt());
        assertEquals(5, Json.read(out.resolve("run.json")).get("options").get("max-iter").asInt());
    }

    @Test
    void globalOptionsComeFromTheFileToo() throws IOException {
        int before = org.latent4j.runtime.Threads.count();
        Path yaml = dir.resolve("threads.yml");
        Files.writeString(yaml, "threads: 1\njson: true\n");
        try {
            CliRun r = CliRun.of("info", "--config", yaml.toString());
            assertEquals(0, r.exitCode(), r.err());
            assertEquals(1, Json.mapper().readTree(r.out()).get("threads").asInt());
            r = CliRun.of("info", "--config", yaml.toString(), "--threads", "2");
            assertEquals(2, Json.mapper().readTree(r.out()).get("threads").asInt(), "the flag wins");
        } finally {
            org.latent4j.runtime.Threads.set(before);
        }
    }

    @Test
    void commandsThatHandTheirArgumentsOnReadConfigFilesToo() throws IOException {
        Path json = dir.resolve("score.json");
        Path csv = dir.resolve("scores.csv");
        Files.writeString(json, "{\"data\": \"fashion-mnist-small\", \"limit\": 7, \"importance-samples\": 2, \"out\": \""
                + csv.toString().replace("\\", "\\\\") + "\"}");
        CliRun r = CliRun.of("score", first.toString(), "--config", json.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(7, Json.mapper().readTree(r.out()).get("examples").asInt());
        assertEquals(8, Files.readAllLines(csv).size());
        Files.writeString(json, "{\"epochs\": 3}");
        r = CliRun.of("score", first.toString(), "--config", json.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("unknown key 'epochs' for 'latent4j score'"), r.err());
    }

    @Test
    void badFilesAreUsageErrorsNamingTheFileAndTheKey() throws IOException {
        Path unknown = dir.resolve("unknown.json");
        Files.writeString(unknown, "{\"data\": \"fashion-mnist-small\", \"epoch\": 3}");
        CliRun r = CliRun.of("train", "vae", "--config", unknown.toString(), "--out", dir.resolve("u").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(unknown.toString()) && r.err().contains("'epoch'") && r.err().contains("epochs, eval-samples"),
                r.err());

        Path wrongType = dir.resolve("wrong.yaml");
        Files.writeString(wrongType, "data: fashion-mnist-small\nhidden: 32,x\n");
        r = CliRun.of("train", "vae", "--config", wrongType.toString(), "--out", dir.resolve("w").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("'hidden'") && r.err().contains("an integer"), r.err());
        Files.writeString(wrongType, "data: fashion-mnist-small\nepochs: ten\n");
        r = CliRun.of("train", "vae", "--config", wrongType.toString(), "--out", dir.resolve("w").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(wrongType.toString()) && r.err().contains("'epochs'") && r.err().contains("an integer"),
                r.err());

        Path otherCommand = dir.resolve("other.json");
        Files.writeString(otherCommand, "{\"command\": \"train gmm\", \"options\": {\"data\": \"x\"}}");
        r = CliRun.of("train", "vae", "--config", otherCommand.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("train gmm"), r.err());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"data\": ");
        r = CliRun.of("train", "vae", "--config", broken.toString(), "--out", dir.resolve("b").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("not valid JSON"), r.err());

        r = CliRun.of("train", "vae", "--config", dir.resolve("absent.json").toString(), "--out", dir.resolve("a").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("does not exist"), r.err());
    }
}
