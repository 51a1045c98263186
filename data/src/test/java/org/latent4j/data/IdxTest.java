package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir Path dir;

    private static byte[] pixels(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 37);
        }
        return b;
    }

    @Test
    void roundTripsRawAndGzipWhateverTheFileName() throws IOException {
        byte[] px = pixels(3 * 4 * 5);
        for (boolean gz : new boolean[] {false, true}) {
            Path f = dir.resolve("images" + gz); // no .gz suffix either way: gzip is found by its magic bytes
            IdxWriter.writeImages(f, 3, 4, 5, px, gz);
            IdxArray a = IdxReader.readImages(f);
            assertArrayEquals(new int[] {3, 4, 5}, a.dims());
            assertArrayEquals(px, a.data());
            assertEquals(gz, (Files.readAllBytes(f)[0] & 0xFF) == 0x1F);
        }
        Path lab = dir.resolve("labels.gz");
        IdxWriter.writeLabels(lab, new byte[] {9, 0, (byte) 200}, true);
        assertArrayEquals(new int[] {9, 0, 200}, IdxReader.readLabels(lab));
    }

    @Test
    void writesTheStandardHeader() throws IOException {
        Path f = dir.resolve("l");
        IdxWriter.writeLabels(f, new byte[] {7, 8}, false);
        assertArrayEquals(new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 7, 8}, Files.readAllBytes(f));
    }

    @Test
    void datasetScalesPixelsTo01AndKeepsLabels() throws IOException {
        Path img = dir.resolve("i");
        Path lab = dir.resolve("l");
        IdxWriter.writeImages(img, 2, 1, 2, new byte[] {0, (byte) 255, (byte) 128, 1}, true);
        IdxWriter.writeLabels(lab, new byte[] {3, 4}, true);
        Dataset d = IdxReader.readDataset("t", img, lab);
        assertArrayEquals(new float[] {0f, 1f, 128 / 255f, 1 / 255f}, d.x());
        assertArrayEquals(new int[] {3, 4}, d.labels());
        assertEquals(1, d.height());
        assertEquals(2, d.width());
        assertEquals(null, IdxReader.readDataset("t", img, null).labels());
    }

    @Test
    void wrongMagicNumber() throws IOException {
        Path f = write(new byte[] {0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0});
        assertError(f, "magic number 0x12345678", "0x00000803");
        Path t = write(new byte[] {0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0});
        assertError(t, "type 0x0D (float)");
    }

    @Test
    void imagesWhereLabelsExpectedAndTheReverse() throws IOException {
        Path img = dir.resolve("i");
        IdxWriter.writeImages(img, 1, 1, 1, new byte[1], false);
        var e = assertThrows(BadDataException.class, () -> IdxReader.readLabels(img));
        assertTrue(e.getMessage().contains("holds images") && e.getMessage().contains("expected labels"), e.getMessage());
        Path lab = dir.resolve("l");
        IdxWriter.writeLabels(lab, new byte[2], false);
        assertThrows(BadDataException.class, () -> IdxReader.readImages(lab));
        var c = assertThrows(BadDataException.class, () -> IdxReader.readDataset("t", img, lab));
        assertTrue(c.getMessage().contains("2 labels") && c.getMessage().contains("1 images"), c.getMessage());
    }

    @Test
    void truncatedHeaderAndData() throws IOException {
        Path f = dir.resolve("i");
        IdxWriter.writeImages(f, 2, 2, 2, pixels(8), false);
        byte[] full = Files.readAllBytes(f);
        assertError(write(Arrays.copyOf(full, 2)), "truncated", "magic number");
        assertError(write(Arrays.copyOf(full, 10)), "truncated", "dimension sizes");
        assertError(write(Arrays.copyOf(full, full.length - 1)), "truncated", "need 8 data bytes", "has only 7");
        assertError(write(Arrays.copyOf(full, full.length + 3)), "more data than");
        assertError(write(gzip(Arrays.copyOf(full, full.length - 3))), "truncated", "has only 5");
    }

    @Test
    void truncatedGzipStream() throws IOException {
        Path f = dir.resolve("i.gz");
        IdxWriter.writeImages(f, 20, 10, 10, pixels(2000), true);
        byte[] gz = Files.readAllBytes(f);
        assertError(write(Arrays.copyOf(gz, gz.length / 2)), "gzip");
    }

    @Test
    void missingFileNamesIt() {
        Path f = dir.resolve("nope");
        var e = assertThrows(NoSuchFileException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains(f.toString()));
    }

    private Path write(byte[] content) throws IOException {
        Path f = Files.createTempFile(dir, "bad", "");
        Files.write(f, content);
        return f;
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }

    private static void assertError(Path f, String... fragments) {
        BadDataException e = assertThrows(BadDataException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        for (String s : fragments) {
            assertTrue(e.getMessage().contains(s), () -> "'" + s + "' not in: " + e.getMessage());
        }
    }
}
