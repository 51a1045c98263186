package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each IDX problem is named for what it is (issue 9): not as the symptom it happens to cause. */
class IdxMessagesTest {
    @TempDir Path dir;

    private static byte[] gzip(byte[] b) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }

    private static void assertContains(String message, String... fragments) {
        for (String s : fragments) {
            assertTrue(message.contains(s), () -> "'" + s + "' not in: " + message);
        }
    }

    @Test
    void aMagicNumberOfAnotherDimensionCountNamesTheAcceptedOnes() throws IOException {
        // 0x00000804: unsigned bytes in 4 dimensions, once reported as "more data than the header describes"
        Path f = dir.resolve("four-d");
        Files.write(f, new byte[] {0, 0, 8, 4, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1, 5, 6});
        var e = assertThrows(BadDataException.class, () -> IdxReader.read(f));
        assertContains(e.getMessage(), f.toString(), "0x00000804", "4 dimensions", "0x00000803", "0x00000801");
        assertFalse(e.getMessage().contains("more data"), e.getMessage());
        Path two = dir.resolve("two-d");
        Files.write(two, new byte[] {0, 0, 8, 2, 0, 0, 0, 1, 0, 0, 0, 1, 7});
        assertContains(assertThrows(BadDataException.class, () -> IdxReader.read(two)).getMessage(), "0x00000802");
    }

    @Test
    void aCorruptGzipStreamIsReportedAsSuchWhateverItDecodesTo() throws IOException {
        Path good = dir.resolve("images.gz");
        IdxWriter.writeImages(good, 20, 10, 10, new byte[2000], true);
        byte[] gz = Files.readAllBytes(good);
        // Changing bytes of the deflate data makes it decode to other content (other sizes, extra data,
        // another magic) or fail; whichever, the message must say the gzip stream is damaged.
        int damagedReports = 0;
        for (int at = 10; at < gz.length - 8; at++) {
            byte[] bad = gz.clone();
            bad[at] ^= 0x5A;
            Path f = dir.resolve("bad" + at + ".gz");
            Files.write(f, bad);
            try {
                IdxReader.read(f);
            } catch (BadDataException e) {
                assertContains(e.getMessage(), f.toString(), "damaged or truncated gzip");
                assertFalse(e.getMessage().contains("more data than"), e.getMessage());
                damagedReports++;
            }
        }
        assertEquals(gz.length - 18, damagedReports, "every changed byte of the stream is found by its checksum");
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length - 4);
        Path f = dir.resolve("cut.gz");
        Files.write(f, cut);
        assertContains(assertThrows(BadDataException.class, () -> IdxReader.read(f)).getMessage(), "damaged or truncated gzip");
    }

    @Test
    void aValidGzipOfWrongContentStillNamesTheContent() throws IOException {
        Path f = dir.resolve("extra.gz");
        IdxWriter.writeLabels(f, new byte[] {1, 2}, true);
        byte[] content = java.util.Arrays.copyOf(new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 1, 2}, 10);
        Files.write(f, gzip(content));
        assertContains(assertThrows(BadDataException.class, () -> IdxReader.read(f)).getMessage(), "more data than");
    }

    @Test
    void aFolderWhereAFileWasExpected() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("mnist"));
        var e = assertThrows(BadDataException.class, () -> IdxReader.read(folder));
        assertContains(e.getMessage(), folder.toString(), "is a folder", "IDX file");
        var s = assertThrows(BadDataException.class, () -> DataSpec.parse("idx:" + folder).load(null));
        assertContains(s.getMessage(), "is a folder");
        var c = assertThrows(BadDataException.class, () -> CsvReader.read(folder, CsvOptions.defaults()));
        assertContains(c.getMessage(), folder.toString(), "is a folder", "CSV file");
    }

    @Test
    void aLabelOutsideTheTenClassesOfACatalogueSetNamesItsIndexAndTheRange() throws IOException {
        Path user = Files.createDirectories(dir.resolve("user/fashion-mnist"));
        IdxWriter.writeImages(user.resolve("train-images-idx3-ubyte"), 3, 28, 28, new byte[3 * 784], false);
        IdxWriter.writeLabels(user.resolve("train-labels-idx1-ubyte"), new byte[] {9, 0, (byte) 200}, false);
        Catalogue c = new Catalogue(Catalogue.Config.builder(dir.resolve("cache")).userDir(dir.resolve("user"))
                .systemDirs(e -> List.of()).timeout(Duration.ofSeconds(1)).build());
        var e = assertThrows(BadDataException.class, () -> c.load("fashion-mnist", Split.TRAIN));
        assertContains(e.getMessage(), "train-labels-idx1-ubyte", "label 200 of item 2", "10 classes", "0 to 9");
        // labels 0-9 load
        IdxWriter.writeLabels(user.resolve("train-labels-idx1-ubyte"), new byte[] {9, 0, 3}, false);
        assertEquals(3, c.load("fashion-mnist", Split.TRAIN).rows());
    }
}
