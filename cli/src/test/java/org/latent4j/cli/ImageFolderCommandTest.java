package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.Json;

/** {@code train vae --data images:DIR...} on a tiny folder of two classes: grey and RGB rows for the MLP VAE. */
class ImageFolderCommandTest {
    @TempDir
    static Path dir;
    static Path pictures;

    /** Two classes of 8×8 pictures: bright squares on dark ("light") and the reverse ("dark"), 6 of each. */
    @BeforeAll
    static void pictures() throws IOException {
        pictures = dir.resolve("pictures");
        for (String cls : new String[] {"dark", "light"}) {
            for (int i = 0; i < 6; i++) {
                BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        boolean inside = x >= 2 && x < 6 && y >= 2 && y < 6;
                        int v = inside == cls.equals("light") ? 230 - 10 * i : 20 + 5 * i;
                        img.setRGB(x, y, v << 16 | (v / 2) << 8 | (255 - v));
                    }
                }
                Path f = pictures.resolve(cls).resolve("p" + i + ".png");
                Files.createDirectories(f.getParent());
                ImageIO.write(img, "png", f.toFile());
            }
        }
    }

    private static CliRun train(String spec, Path out) {
        return CliRun.of("train", "vae", "--data", spec, "--epochs", "1", "--hidden", "16", "--latent", "2",
                "--batch", "4", "--eval-samples", "2", "--seed", "2", "--out", out.toString());
    }

    @Test
    void greyImagesTrainTheMlpVaeWithInputDimHeightTimesWidth() throws IOException {
        Path out = dir.resolve("grey");
        CliRun r = train("images:" + pictures + "?size=4x4&test=0.25&seed=7", out);
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.err().contains("class labels dark=0, light=1"), r.err());
        assertTrue(r.out().contains("training a VAE 16-16-2") && r.out().contains("9 examples, held out 3"), r.out());
        JsonNode meta = Json.read(out.resolve("model").resolve("metadata.json"));
        assertEquals(1, meta.get("image_channels").asInt());
        assertEquals(4, meta.get("image_height").asInt());
        assertEquals(4, meta.get("image_width").asInt());
        assertEquals(16, Json.read(out.resolve("model").resolve("config.json")).get("input_dim").asInt());
        assertTrue(meta.get("data_source").asText().contains("2 classes: dark=0, light=1"), meta.toString());
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertTrue(Files.list(out.resolve("figures")).anyMatch(p -> p.getFileName().toString().contains("reconstruction")),
                "grey images get their image figures");
        CliRun again = CliRun.of("plot", out.toString());
        assertEquals(0, again.exitCode(), "plot reloads the folder from the recorded spec: " + again.err());
    }

    @Test
    void rgbImagesGiveRowsOfThreeChannels() throws IOException {
        Path out = dir.resolve("rgb");
        CliRun r = train("images:" + pictures + "?size=4x4&channels=3&test=0.25", out);
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("training a VAE 48-16-2"), r.out());
        JsonNode meta = Json.read(out.resolve("model").resolve("metadata.json"));
        assertEquals(3, meta.get("image_channels").asInt());
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        CliRun sample = CliRun.of("sample", out.toString(), "--n", "3", "--out", dir.resolve("rgb-samples.csv").toString());
        assertEquals(0, sample.exitCode(), sample.err());
        assertEquals(4, Files.readAllLines(dir.resolve("rgb-samples.csv")).size());
        assertEquals(48, Files.readAllLines(dir.resolve("rgb-samples.csv")).get(0).split(",").length, "C·H·W columns");
        Path png = dir.resolve("rgb-samples.png");
        CliRun grid = CliRun.of("sample", out.toString(), "--n", "1", "--scale", "1", "--out", png.toString());
        assertEquals(0, grid.exitCode(), grid.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(3 * 4 + 4, img.getHeight(), "the three channels one under the other, with the grid's 2-pixel gaps");
        assertEquals(4 + 4, img.getWidth());
    }

    @Test
    void aBadFileIsAnErrorNamingItOrSkippedWithAWarning() throws IOException {
        Path folder = dir.resolve("with-bad");
        for (String cls : new String[] {"dark", "light"}) {
            Path to = Files.createDirectories(folder.resolve(cls));
            try (var files = Files.list(pictures.resolve(cls))) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.copy(p, to.resolve(p.getFileName()));
                }
            }
        }
        Path bad = Files.writeString(folder.resolve("light/zz-notes.png"), "this is text");
        CliRun failed = train("images:" + folder + "?size=4x4", dir.resolve("bad"));
        assertNotEquals(0, failed.exitCode());
        assertTrue(failed.err().contains(bad.toString()) && failed.err().contains("not a PNG or JPEG image"), failed.err());

        CliRun skipped = train("images:" + folder + "?size=4x4&skip-bad=yes", dir.resolve("skipped"));
        assertEquals(0, skipped.exitCode(), skipped.err());
        assertTrue(skipped.err().contains("warning: skipping " + bad), skipped.err());
        JsonNode meta = Json.read(dir.resolve("skipped").resolve("model").resolve("metadata.json"));
        assertTrue(meta.get("data_source").asText().contains("1 bad file skipped: light/zz-notes.png"), meta.toString());
    }
}
