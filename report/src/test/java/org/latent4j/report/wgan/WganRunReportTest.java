package org.latent4j.report.wgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.data.Catalogue;
import org.latent4j.data.Dataset;
import org.latent4j.data.Mixtures2d;
import org.latent4j.data.Split;
import org.latent4j.data.Splits;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.Json;
import org.latent4j.models.quality.ModeCoverage;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.Trainer;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.wgan.Lipschitz;
import org.latent4j.models.wgan.Wgan;
import org.latent4j.models.wgan.WganConfig;
import org.latent4j.models.wgan.WganFiles;
import org.latent4j.models.wgan.WganObjective;
import org.latent4j.models.wgan.WganSnapshot;
import org.latent4j.models.wgan.WganSnapshotFiles;
import org.latent4j.report.BrowserCheck;
import org.latent4j.report.vae.VaeRunFiles;

/** Tiny WGAN run folders, as 'train wgan' writes them (2-D and images), drawn by WganRunReport.plot. */
class WganRunReportTest {
    @TempDir
    static Path dir;
    static Path ring, images;

    @BeforeAll
    static void makeRuns() throws IOException {
        Splits s = Mixtures2d.load("ring8", 4 * 5 * 32, 1);
        ring = dir.resolve("ring");
        write(ring, s.train(), s.test(), "ring8", 4, 32, new ModeCoverage(Mixtures2d.means("ring8"), Mixtures2d.std("ring8")));
        Dataset train = Catalogue.standard().load("fashion-mnist-small", Split.TRAIN).first(5 * 16 * 3);
        Dataset test = Catalogue.standard().load("fashion-mnist-small", Split.TEST).first(100);
        images = dir.resolve("images");
        write(images, train, test, "fashion-mnist-small", 3, 16, null);
    }

    /** Trains a width-16 GP WGAN for 4 logging periods and writes its run folder as 'train wgan' does. */
    static void write(Path run, Dataset train, Dataset test, String spec, int stepsPerEpoch, int batch, ModeCoverage coverage)
            throws IOException {
        DataMatrix trainM = new DataMatrix(train.name(), train.x(), train.rows(), train.cols());
        DataMatrix testM = new DataMatrix(test.name(), test.x(), test.rows(), test.cols());
        WganConfig config = WganConfig.defaults(train.cols(), Lipschitz.GP).withWidth(16);
        Wgan model = Wgan.create(config, 3);
        TrainingConfig tc = TrainingConfig.builder().epochs(4).batchSize(batch).optimizer("adam").learningRate(1e-3).seed(3)
                .build();
        WganSnapshot.Probe probe = train.cols() == 2 ? WganSnapshot.Probe.points2d(config, trainM, 3)
                : WganSnapshot.Probe.samples(config, 3);
        TrainingHistory h = new Trainer(tc).listener(new WganSnapshotFiles(run, model, probe, stepsPerEpoch,
                train.cols() == 2 ? testM : null)).fit(new WganObjective(model, 1e-3, coverage), trainM, testM);
        VaeRunFiles.writeMetrics(run, h.epochs());
        ObjectNode summary = VaeRunFiles.summary(h, train.name(), train.rows(), test.rows(), null);
        summary.put("generator_steps", 4 * stepsPerEpoch);
        summary.put("steps_per_line", stepsPerEpoch);
        ObjectNode meta = Json.mapper().createObjectNode();
        meta.put("dataset", train.name());
        meta.put("data_source", train.source());
        meta.put("data_spec", spec);
        meta.put("seed", 3);
        if (train.isImage()) {
            meta.put("image_channels", train.channels());
            meta.put("image_height", train.height());
            meta.put("image_width", train.width());
        }
        meta.set("training", tc.toJson());
        meta.set("metrics", summary);
        WganFiles.save(model, run.resolve("model"), meta);
        Files.writeString(run.resolve(VaeRunFiles.SUMMARY), Json.writePretty(summary));
    }

    static List<String> pngs(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("figures"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aTwoDimensionalRunGetsThePointsAndCriticOverTrainingAndItsCurves() throws IOException {
        Path page = WganRunReport.plot(ring);
        assertEquals(ring.resolve("report.html"), page);
        assertEquals(List.of("points-step-12.png", "points-step-16.png", "points-step-4.png", "points-step-8.png",
                "training-grad-norm.png", "training-high-quality.png", "training-modes.png", "training-reverse-kl.png",
                "training-wasserstein.png"), pngs(ring));
        String html = Files.readString(page);
        for (String s : new String[] {"WGAN run ring", "Configuration", "Metrics", "Figures", "gradient penalty with λ = 0.1",
                "Generated points and the critic over training", "Wasserstein estimate", "Modes captured", "16 generator steps",
                "generator_steps", "ring8/train"}) {
            assertTrue(html.contains(s), "the report lacks " + s);
        }
        assertEquals(9, html.split("data:image/png;base64,", -1).length - 1, "one embedded image per panel");
        byte[] before = Files.readAllBytes(ring.resolve("figures/points-step-16.png"));
        WganRunReport.plot(ring);
        assertEquals(-1, java.util.Arrays.mismatch(before, Files.readAllBytes(ring.resolve("figures/points-step-16.png"))),
                "drawn again, the same figure");

        Optional<Path> chromium = BrowserCheck.findChromium();
        if (System.getenv("LATENT4J_REQUIRE_BROWSER") == null) {
            assumeTrue(chromium.isPresent(), "no chromium: the browser check is skipped");
        }
        BrowserCheck.Result r = BrowserCheck.check(page);
        assertTrue(r.allDecoded(), r.toString());
        assertTrue(r.fitsWidth(), r.toString());
        assertEquals(9, r.images(), r.toString());
    }

    @Test
    void anImageRunGetsSampleRowsOverTraining() throws IOException {
        WganRunReport.plot(images);
        assertEquals(List.of("samples-over-training.png", "training-grad-norm.png", "training-wasserstein.png"), pngs(images));
        String html = Files.readString(images.resolve("report.html"));
        assertTrue(html.contains("Samples over training") && html.contains("fashion-mnist"), "image report");
        assertTrue(Files.size(images.resolve("figures/samples-over-training.png")) > 2000);
    }

    @Test
    void foldersThatAreNoWganRunAreRefusedClearly() throws IOException {
        NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> WganRunReport.plot(dir.resolve("nothing")));
        assertTrue(none.getReason().contains("no such folder"), none.getReason());
        Path copy = dir.resolve("copy");
        copyTree(ring, copy);
        Files.writeString(copy.resolve("model/metadata.json"), "{\"kind\": \"vae\"}");
        FileFormatException kind = assertThrows(FileFormatException.class, () -> WganRunReport.plot(copy));
        assertTrue(kind.getMessage().contains("metadata.json") && kind.getMessage().contains("wgan"), kind.getMessage());
        copyTree(ring.resolve("model"), copy.resolve("model2"));
        Files.copy(ring.resolve("model/metadata.json"), copy.resolve("model/metadata.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(copy.resolve("metrics.jsonl"));
        NoSuchFileException metrics = assertThrows(NoSuchFileException.class, () -> WganRunReport.plot(copy));
        assertTrue(metrics.getFile().endsWith("metrics.jsonl"), metrics.getFile());
        // without snapshots (a folder of an older latent4j): the curves only, and a note saying why
        Files.copy(ring.resolve("metrics.jsonl"), copy.resolve("metrics.jsonl"));
        org.latent4j.io.AtomicFiles.deleteTree(copy.resolve("snapshots"));
        Files.createDirectories(copy.resolve("figures"));
        WganRunReport.plot(copy);
        assertTrue(Files.readString(copy.resolve("report.html")).contains("holds no snapshots"));
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
