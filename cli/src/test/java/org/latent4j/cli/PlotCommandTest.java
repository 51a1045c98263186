package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train gmm} draws its run unless told not to, and {@code plot} draws a gmm run again. */
class PlotCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainGmmWritesItsReportAndPlotRedrawsIt() throws Exception {
        Path run = dir.resolve("gmm");
        CliRun r = CliRun.of("train", "gmm", "--data", "iris", "--k", "3", "--seed", "1", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(run.resolve("report.html")), r.out());
        try (var figures = Files.list(run.resolve("figures"))) {
            assertTrue(figures.findAny().isPresent());
        }
        Files.delete(run.resolve("report.html"));
        CliRun plot = CliRun.of("plot", run.toString());
        assertEquals(0, plot.exitCode(), plot.err());
        assertTrue(Files.readString(run.resolve("report.html")).contains("data:image/png;base64,"));

        Path quiet = dir.resolve("quiet");
        CliRun q = CliRun.of("train", "gmm", "--data", "iris", "--k", "2", "--no-plots", "--out", quiet.toString());
        assertEquals(0, q.exitCode(), q.err());
        assertTrue(Files.isRegularFile(quiet.resolve("summary.json")));
        assertTrue(!Files.exists(quiet.resolve("report.html")) && !Files.exists(quiet.resolve("figures")));
    }

    @Test
    void plotRefusesAModelKindItCannotDraw() throws Exception {
        Path run = Files.createDirectories(dir.resolve("odd").resolve("model"));
        Files.writeString(run.resolve("metadata.json"), "{\"kind\": \"mystery\"}");
        CliRun r = CliRun.of("plot", dir.resolve("odd").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("mystery") && r.err().contains("vae, gmm, wgan"), r.err());
    }
}
