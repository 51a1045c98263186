package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir Path dir;

    private static ImageFolderOptions.Builder opts() {
        return ImageFolderOptions.builder();
    }

    private static float[] scaled(int... bytes) {
        float[] f = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            f[i] = bytes[i] / 255f;
        }
        return f;
    }

    @Test
    void classFoldersGetSortedLabelsAndTheMappingIsKeptAndReported() throws IOException {
        Path root = dir.resolve("pets");
        TinyImages.grey(root.resolve("cat/b.png"), 1, 2, 10, 20);
        TinyImages.grey(root.resolve("cat/A.PNG"), 1, 2, 30, 40);
        TinyImages.grey(root.resolve("ant/deep/c.jpeg.png"), 1, 2, 50, 60);
        TinyImages.grey(root.resolve("ant/.hidden.png"), 1, 2, 0, 0);
        TinyImages.grey(root.resolve(".git/x.png"), 1, 2, 0, 0);
        Files.writeString(root.resolve("cat/notes.txt"), "not an image, ignored by its name");
        Splits s = ImageFolder.read(root, opts().build());
        Dataset d = s.train();
        assertNull(s.test());
        assertEquals("pets/train", d.name());
        assertEquals(List.of("ant", "cat"), d.labelNames());
        // sorted by path: ant/deep/c.jpeg.png, cat/A.PNG, cat/b.png (upper case sorts first)
        assertArrayEquals(new int[] {0, 1, 1}, d.labels());
        assertArrayEquals(scaled(50, 60, 30, 40, 10, 20), d.x());
        assertEquals(1, d.channels());
        assertEquals(1, d.height());
        assertEquals(2, d.width());
        assertArrayEquals(new int[] {1, 1, 2}, d.imageShape());
        assertTrue(d.source().contains("2 classes: ant=0, cat=1"), d.source());
        assertTrue(d.source().contains("3 images"), d.source());
    }

    @Test
    void aFlatFolderHasNoLabels() throws IOException {
        TinyImages.grey(dir.resolve("b.png"), 1, 1, 255);
        TinyImages.grey(dir.resolve("a.png"), 1, 1, 51);
        Files.writeString(dir.resolve("readme.md"), "ignored");
        Dataset d = ImageFolder.read(dir, opts().build()).train();
        assertFalse(d.hasLabels());
        assertNull(d.labelNames());
        assertArrayEquals(new float[] {0.2f, 1f}, d.x());
        assertTrue(d.source().contains("no labels"), d.source());
    }

    @Test
    void imageFilesBesideClassFoldersAreAnError() {
        TinyImages.flat(dir.resolve("loose.png"), 1, 1, 0);
        TinyImages.flat(dir.resolve("cls/a.png"), 1, 1, 0);
        var e = assertThrows(BadDataException.class, () -> ImageFolder.read(dir, opts().build()));
        assertTrue(e.getMessage().contains("loose.png") && e.getMessage().contains("cls"), e.getMessage());
    }

    @Test
    void colourToGreyUsesTheLumaWeightsAndGreyToRgbReplicates() throws IOException {
        // pixels: red, green, blue, (10, 20, 30), grey (77, 77, 77)
        int[] rgb = {0xFF0000, 0x00FF00, 0x0000FF, 0x0A141E, 0x4D4D4D};
        TinyImages.rgb(dir.resolve("c/colour.png"), 1, 5, rgb);
        Dataset grey = ImageFolder.read(dir.resolve("c"), opts().channels(1).build()).train();
        float[] expected = {
            (float) 0.299, (float) 0.587, (float) 0.114,
            (float) ((0.299 * 10 + 0.587 * 20 + 0.114 * 30) / 255), 77 / 255f};
        assertArrayEquals(expected, grey.x(), 1e-7f);
        assertEquals(77 / 255f, grey.x()[4], 0f, "R = G = B keeps its value exactly");

        Dataset colour = ImageFolder.read(dir.resolve("c"), opts().channels(3).build()).train();
        assertArrayEquals(new int[] {3, 1, 5}, colour.imageShape());
        // channels-first: all red values, then all green, then all blue
        assertArrayEquals(scaled(255, 0, 0, 10, 77, 0, 255, 0, 20, 77, 0, 0, 255, 30, 77), colour.x());

        TinyImages.grey(dir.resolve("g/grey.png"), 1, 2, 0, 128);
        Dataset replicated = ImageFolder.read(dir.resolve("g"), opts().channels(3).build()).train();
        assertArrayEquals(scaled(0, 128, 0, 128, 0, 128), replicated.x());
    }

    @Test
    void alphaIsDroppedAndSixteenBitAndPaletteImagesAreRead() throws IOException {
        // fully transparent red keeps its colour: alpha is dropped, not blended
        TinyImages.write(TinyImages.colour(1, 2, BufferedImage.TYPE_INT_ARGB, 0x00FF0000, 0x800000FF), "png",
                dir.resolve("a/alpha.png"));
        assertArrayEquals(scaled(255, 0, 0, 0, 0, 255),
                ImageFolder.read(dir.resolve("a"), opts().channels(3).build()).train().x());

        BufferedImage wide = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        wide.getRaster().setSample(0, 0, 0, 65535);
        wide.getRaster().setSample(1, 0, 0, 1000);
        TinyImages.write(wide, "png", dir.resolve("w/sixteen.png"));
        assertArrayEquals(new float[] {1f, (float) (1000 / 65535.0)},
                ImageFolder.read(dir.resolve("w"), opts().build()).train().x(), 0f);

        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.setRGB(0, 0, 0xFFFFFF);
        indexed.setRGB(1, 0, 0x000000);
        TinyImages.write(indexed, "png", dir.resolve("p/palette.png"));
        assertArrayEquals(new float[] {1f, 0f}, ImageFolder.read(dir.resolve("p"), opts().build()).train().x(), 0f);
    }

    @Test
    void jpegFilesAreReadAsTheirDecodedPixels() throws IOException {
        int[] orange = new int[64];
        Arrays.fill(orange, 0xC86432);
        TinyImages.write(TinyImages.colour(8, 8, BufferedImage.TYPE_INT_RGB, orange), "jpeg", dir.resolve("j/x.JPG"));
        Dataset d = ImageFolder.read(dir.resolve("j"), opts().channels(3).build()).train();
        // JPEG is lossy; a flat colour survives within a few levels
        for (int i = 0; i < 64; i++) {
            assertEquals(200 / 255f, d.x()[i], 4 / 255f);
            assertEquals(100 / 255f, d.x()[64 + i], 4 / 255f);
            assertEquals(50 / 255f, d.x()[128 + i], 4 / 255f);
        }
    }

    @Test
    void resizeAveragesAreasWhenShrinkingAndIsBilinearWhenEnlarging() throws IOException {
        TinyImages.grey(dir.resolve("big/checker.png"), 4, 4,
                0, 40, 100, 100,
                80, 120, 100, 100,
                0, 0, 255, 0,
                0, 0, 0, 255);
        Dataset small = ImageFolder.read(dir.resolve("big"), opts().size(2, 2).build()).train();
        assertArrayEquals(new float[] {60 / 255f, 100 / 255f, 0, 127.5f / 255f}, small.x(), 1e-7f);
        assertEquals(2, small.height());

        TinyImages.grey(dir.resolve("tiny/two.png"), 1, 2, 0, 200);
        Dataset big = ImageFolder.read(dir.resolve("tiny"), opts().size(1, 4).build()).train();
        // half-pixel centres: samples at -0.25 (clamped), 0.25, 0.75, 1.25 (clamped)
        assertArrayEquals(new float[] {0, 50 / 255f, 150 / 255f, 200 / 255f}, big.x(), 1e-7f);
    }

    @Test
    void centreCropCutsTheMiddleToTheAspectRatioBeforeResizing() throws IOException {
        TinyImages.grey(dir.resolve("wide/w.png"), 2, 6,
                1, 2, 3, 4, 5, 6,
                7, 8, 9, 10, 11, 12);
        Dataset cropped = ImageFolder.read(dir.resolve("wide"), opts().size(2, 2).centreCrop(true).build()).train();
        assertArrayEquals(scaled(3, 4, 9, 10), cropped.x());
        Dataset squeezed = ImageFolder.read(dir.resolve("wide"), opts().size(2, 2).build()).train();
        assertArrayEquals(new float[] {2 / 255f, 5 / 255f, 8 / 255f, 11 / 255f}, squeezed.x(), 1e-7f);

        TinyImages.grey(dir.resolve("tall/t.png"), 5, 1, 10, 20, 30, 40, 50);
        Dataset middle = ImageFolder.read(dir.resolve("tall"), opts().size(1, 1).centreCrop(true).build()).train();
        assertArrayEquals(scaled(30), middle.x());
    }

    @Test
    void withoutASizeEveryImageMustHaveTheFirstOnesSize() {
        TinyImages.flat(dir.resolve("a.png"), 2, 2, 0);
        TinyImages.flat(dir.resolve("b.png"), 2, 3, 0);
        var e = assertThrows(BadDataException.class, () -> ImageFolder.read(dir, opts().build()));
        assertTrue(e.getMessage().contains("b.png") && e.getMessage().contains("size=HEIGHTxWIDTH"), e.getMessage());
        assertArrayEquals(new int[] {1, 2, 2}, assertDoesNotThrow(() -> ImageFolder.read(dir, opts().size(2, 2).build()))
                .train().imageShape());
    }

    /** 20 one-pixel images whose value is their index; the split is seen in which values land where. */
    private Path numbered() {
        Path root = dir.resolve("numbered");
        for (int i = 0; i < 20; i++) {
            TinyImages.flat(root.resolve(String.format("img%02d.png", i)), 1, 1, i * 10);
        }
        return root;
    }

    private static List<Integer> indices(Dataset d) {
        List<Integer> out = new ArrayList<>();
        for (float v : d.x()) {
            out.add(Math.round(v * 255) / 10);
        }
        return out;
    }

    @Test
    void theFractionSplitIsDeterministicAndKeepsTheSortedOrder() throws IOException {
        Path root = numbered();
        Splits a = ImageFolder.read(root, opts().testFraction(0.25).seed(3).build());
        Splits b = ImageFolder.read(root, opts().testFraction(0.25).seed(3).build());
        Splits c = ImageFolder.read(root, opts().testFraction(0.25).seed(4).build());
        assertEquals(15, a.train().rows());
        assertEquals(5, a.test().rows());
        assertEquals(indices(a.test()), indices(b.test()));
        assertNotEquals(indices(a.test()), indices(c.test()));
        List<Integer> all = new ArrayList<>(indices(a.train()));
        all.addAll(indices(a.test()));
        assertEquals(20, all.stream().distinct().count(), "every image in exactly one split");
        assertEquals(indices(a.test()).stream().sorted().toList(), indices(a.test()));
        assertEquals(indices(a.train()).stream().sorted().toList(), indices(a.train()));
        assertEquals("numbered/test", a.test().name());
        assertTrue(a.test().source().contains("test split 0.25 of the files (seed 3)"), a.test().source());
        // a tiny fraction still holds one image out; a folder of one cannot be split
        assertEquals(1, ImageFolder.read(root, opts().testFraction(0.001).build()).test().rows());
    }

    @Test
    void trainAndTestFoldersAreTheSplit() throws IOException {
        TinyImages.flat(dir.resolve("train/dog/1.png"), 1, 1, 10);
        TinyImages.flat(dir.resolve("train/cat/2.png"), 1, 1, 20);
        TinyImages.flat(dir.resolve("test/dog/3.png"), 1, 1, 30);
        Splits s = ImageFolder.read(dir, opts().build());
        assertEquals(List.of("cat", "dog"), s.train().labelNames());
        assertArrayEquals(new int[] {0, 1}, s.train().labels());
        assertArrayEquals(new int[] {1}, s.test().labels(), "the test folder's dog is the training dog");
        assertArrayEquals(scaled(30), s.test().x());
        assertTrue(s.train().source().contains("train/ and test/ folders"), s.train().source());

        var both = assertThrows(BadDataException.class, () -> ImageFolder.read(dir, opts().testFraction(0.5).build()));
        assertTrue(both.getMessage().contains("test="), both.getMessage());

        TinyImages.flat(dir.resolve("test/fox/4.png"), 1, 1, 40);
        var unknown = assertThrows(BadDataException.class, () -> ImageFolder.read(dir, opts().build()));
        assertTrue(unknown.getMessage().contains("fox") && unknown.getMessage().contains("cat, dog"), unknown.getMessage());

        Path half = dir.resolve("half");
        TinyImages.flat(half.resolve("train/a.png"), 1, 1, 0);
        var alone = assertThrows(BadDataException.class, () -> ImageFolder.read(half, opts().build()));
        assertTrue(alone.getMessage().contains("no test/ folder"), alone.getMessage());
    }

    @Test
    void aTruncatedPngAndATextFileNamedPngAreErrorsNamingTheFile() throws IOException {
        Path root = dir.resolve("mixed");
        TinyImages.flat(root.resolve("a-good.png"), 8, 8, 100);
        int[] noise = new int[64 * 64];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (i * 7919) % (1 << 24);
        }
        byte[] png = TinyImages.bytes(TinyImages.colour(64, 64, BufferedImage.TYPE_INT_RGB, noise), "png");
        Path cut = Files.write(root.resolve("b-cut.png"), Arrays.copyOf(png, png.length / 2));
        Path text = Files.writeString(root.resolve("c-text.png"), "hello, I am not a picture");
        ImageFolderOptions strict = opts().size(8, 8).build();

        var truncated = assertThrows(BadDataException.class, () -> ImageFolder.read(root, strict));
        assertEquals(cut.toString(), truncated.source());
        assertTrue(truncated.getMessage().contains("damaged or truncated"), truncated.getMessage());

        Files.delete(cut);
        var notImage = assertThrows(BadDataException.class, () -> ImageFolder.read(root, strict));
        assertEquals(text.toString(), notImage.source());
        assertTrue(notImage.getMessage().contains("not a PNG or JPEG image (it starts with bytes 68 65 6C 6C"),
                notImage.getMessage());

        Files.write(cut, Arrays.copyOf(png, png.length / 2));
        Dataset kept = ImageFolder.read(root, opts().size(8, 8).skipBad(true).build()).train();
        assertEquals(1, kept.rows());
        assertEquals(64, kept.x().length);
        assertEquals(100 / 255f, kept.x()[63], 1e-7f);
        assertTrue(kept.source().contains("2 bad files skipped: b-cut.png, c-text.png"), kept.source());
    }

    @Test
    void aTruncatedJpegIsAnErrorNotGreyRows() throws IOException {
        int[] noise = new int[32 * 32];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (i * 104729) % (1 << 24);
        }
        byte[] jpeg = TinyImages.bytes(TinyImages.colour(32, 32, BufferedImage.TYPE_INT_RGB, noise), "jpeg");
        Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
        var e = assertThrows(BadDataException.class, () -> ImageFolder.read(dir, opts().build()));
        assertEquals(cut.toString(), e.source());
        assertTrue(e.getMessage().contains("damaged or truncated JPEG image"), e.getMessage());
    }

    @Test
    void theTotalSizeIsCheckedBeforeAnythingIsAllocated() {
        TinyImages.flat(dir.resolve("a.png"), 1, 1, 0);
        TinyImages.flat(dir.resolve("b.png"), 1, 1, 0);
        var range = assertThrows(BadDataException.class,
                () -> ImageFolder.read(dir, opts().channels(3).size(30000, 30000).build()));
        assertTrue(range.getMessage().contains("more than a Java array holds"), range.getMessage());
        var memory = assertThrows(BadDataException.class,
                () -> ImageFolder.read(dir, opts().size(100, 100).maxBytes(50_000).build()));
        assertTrue(memory.getMessage().contains("2 images of 1x100x100 values need 80.0 kB as floats, more than the 50.0 kB"),
                memory.getMessage());
    }

    @Test
    void aSymbolicLinkLoopIsSkipped() throws IOException {
        TinyImages.flat(dir.resolve("cls/a.png"), 1, 1, 0);
        Files.createSymbolicLink(dir.resolve("cls/loop"), dir.resolve("cls"));
        Dataset d = ImageFolder.read(dir, opts().build()).train();
        assertEquals(1, d.rows());
    }

    @Test
    void emptyAndMissingFoldersAreClearErrors() {
        var empty = assertThrows(BadDataException.class, () -> ImageFolder.read(dir, opts().build()));
        assertTrue(empty.getMessage().contains("holds no training images"), empty.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> ImageFolder.read(dir.resolve("nope"), opts().build()));
    }
}
