package org.latent4j.report.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.data.Catalogue;
import org.latent4j.data.Dataset;
import org.latent4j.data.Split;
import org.latent4j.io.FileFormatException;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeConfig;
import org.latent4j.random.RandomSource;

/** A tiny run folder, as 'train vae' writes it, drawn again by VaeRunReport.plot. */
class VaeRunReportTest {
    @TempDir
    static Path dir;
    static Path run;

    @BeforeAll
    static void makeRun() throws IOException {
        Dataset train = Catalogue.standard().load("fashion-mnist-small", Split.TRAIN).first(200);
        Dataset test = Catalogue.standard().load("fashion-mnist-small", Split.TEST);
        Vae vae = Vae.create(VaeConfig.builder(784).latentDim(2).hidden(16).seed(2).build());
        TrainingConfig training = TrainingConfig.builder().epochs(2).batchSize(50).seed(2).build();
        DataMatrix testM = new DataMatrix("test", test.x(), test.rows(), test.cols());
        TrainingHistory h = vae.fit(new DataMatrix("train", train.x(), train.rows(), train.cols()), testM, training);
        run = dir.resolve("run");
        RunFolder.write(run, vae, h, vae.evaluate(testM, 3, new RandomSource(1)), training, train, test,
                "fashion-mnist-small", 2);
    }

    @Test
    void plotDrawsEveryFigureAndOnePageFromTheRunFolder() throws IOException {
        Path page = VaeRunReport.plot(run);
        assertEquals(run.resolve("report.html"), page);
        List<String> pngs;
        try (Stream<Path> s = Files.list(run.resolve("figures"))) {
            pngs = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("kl-per-dimension.png", "latent-space.png", "manifold.png", "reconstructions.png", "samples.png",
                "training-kl.png", "training-loss.png", "training-recon.png", "traversal.png"), pngs);
        String html = Files.readString(page);
        for (String s : new String[] {"Configuration", "Metrics", "Figures", "Samples from the prior", "Reconstructions",
                "Latent space", "Learned manifold", "Latent traversal", "Training curves", "KL per latent dimension",
                "latent_dim", "learning_rate", "evaluation.log_likelihood", "fashion-mnist-small"}) {
            assertTrue(html.contains(s), "report lacks " + s);
        }
        assertEquals(9, html.split("data:image/png;base64,", -1).length - 1, "one embedded image per panel");
        // drawing again gives the same figures (deterministic)
        byte[] before = Files.readAllBytes(run.resolve("figures/samples.png"));
        VaeRunReport.plot(run);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(run.resolve("figures/samples.png"))));
    }

    @Test
    void clearErrorsNameTheFolderAndTheMissingFile() throws IOException {
        NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> VaeRunReport.plot(dir.resolve("nothing")));
        assertTrue(none.getMessage().contains("nothing") && none.getReason().contains("no such folder"), none.getReason());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        NoSuchFileException notRun = assertThrows(NoSuchFileException.class, () -> VaeRunReport.plot(empty));
        assertTrue(notRun.getReason().contains("is not a training run folder") && notRun.getFile().contains("metadata.json"),
                notRun.getReason());

        Path copy = dir.resolve("copy");
        copyTree(run, copy);
        Files.delete(copy.resolve("metrics.jsonl"));
        NoSuchFileException noMetrics = assertThrows(NoSuchFileException.class, () -> VaeRunReport.plot(copy));
        assertTrue(noMetrics.getFile().endsWith("metrics.jsonl"), noMetrics.getFile());

        Files.writeString(copy.resolve("metrics.jsonl"), "{\"epoch\": 1, \"seconds\": 1, \"train_loss\": 3, \"lr\": 0.001}\n{oops\n");
        FileFormatException bad = assertThrows(FileFormatException.class, () -> VaeRunReport.plot(copy));
        assertTrue(bad.getMessage().contains("metrics.jsonl") && bad.getMessage().contains("line 2"), bad.getMessage());

        Files.writeString(copy.resolve("metrics.jsonl"), "{\"epoch\": 1, \"train_loss\": 3}\n");
        FileFormatException missing = assertThrows(FileFormatException.class, () -> VaeRunReport.plot(copy));
        assertTrue(missing.getMessage().contains("line 1") && missing.getMessage().contains("seconds"), missing.getMessage());
    }

    @Test
    void dataThatAreNotImagesGetNoImageFigures() throws IOException {
        Dataset iris = org.latent4j.data.DataSpec.parse("iris", org.latent4j.data.Fallback.NONE).load(Catalogue.standard()).train();
        Vae vae = Vae.create(VaeConfig.builder(4).latentDim(2).hidden(8)
                .likelihood(org.latent4j.models.vae.LikelihoodKind.GAUSSIAN).seed(1).build());
        TrainingConfig training = TrainingConfig.builder().epochs(2).batchSize(30).seed(1).build();
        DataMatrix m = new DataMatrix("iris", iris.x(), iris.rows(), iris.cols());
        TrainingHistory h = vae.fit(m, null, training);
        Path irisRun = dir.resolve("iris");
        RunFolder.write(irisRun, vae, h, null, training, iris, iris, "iris", 1);
        VaeRunReport.plot(irisRun);
        List<String> pngs;
        try (Stream<Path> s = Files.list(irisRun.resolve("figures"))) {
            pngs = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("kl-per-dimension.png", "latent-space.png", "training-kl.png", "training-loss.png",
                "training-recon.png"), pngs);
        String html = Files.readString(irisRun.resolve("report.html"));
        assertTrue(html.contains("of one example of the training set"), "the figures say they show the training set");
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
