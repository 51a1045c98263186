package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSpecTest {
    @TempDir Path dir;

    private Catalogue offline() {
        return new Catalogue(Catalogue.Config.builder(dir.resolve("cache")).build());
    }

    @Test
    void catalogueNames() throws IOException {
        assertEquals(new DataSpec.Named("mnist", Fallback.NONE), DataSpec.parse("mnist"));
        assertEquals(new DataSpec.Named("fashion-mnist", Fallback.SUBSET), DataSpec.parse("fashion-mnist?fallback=subset"));
        assertEquals(new DataSpec.Named("fashion-mnist", Fallback.SUBSET), DataSpec.parse("fashion-mnist", Fallback.SUBSET));
        assertEquals(new DataSpec.Named("fashion-mnist", Fallback.NONE), DataSpec.parse("fashion-mnist?fallback=none", Fallback.SUBSET));
        Splits s = DataSpec.parse("fashion-mnist-small").load(offline());
        assertEquals(5000, s.train().rows());
        assertEquals(1000, s.test().rows());
        assertEquals(5000, DataSpec.parse("fashion-mnist?fallback=subset").load(offline()).train().rows());
    }

    @Test
    void csvWithOptionsAndOptionalTestFile() throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), "a;b;c;y\n0;51;255;cat\n255;0;0;dog\n");
        Path test = Files.writeString(dir.resolve("test.csv"), "a;b;c;y\n51;51;51;dog\n");
        DataSpec spec = DataSpec.parse("csv:" + train + "?delimiter=;&label=y&columns=0-1,c&scale=255&header=yes&test=" + test);
        DataSpec.Csv csv = (DataSpec.Csv) spec;
        assertEquals(train, csv.train());
        assertEquals(test, csv.test());
        assertEquals(';', csv.options().delimiter());
        Splits s = spec.load(offline());
        assertArrayEquals(new float[] {0, 0.2f, 1, 1, 0, 0}, s.train().x());
        assertEquals(List.of("a", "b", "c"), s.train().columnNames());
        assertArrayEquals(new int[] {0, 1}, s.train().labels());
        assertEquals("train/train", s.train().name());
        assertEquals(1, s.test().rows());

        Splits noTest = DataSpec.parse("csv:" + train + "?delimiter=;&label=3").load(offline());
        assertFalse(noTest.hasTest());
        assertEquals(3, noTest.train().cols());
    }

    @Test
    void csvRowsAsImages() throws IOException {
        Path f = Files.writeString(dir.resolve("pixels.csv"), "label,p1,p2,p3,p4,p5,p6\n3,0,255,0,255,0,255\n");
        Dataset d = DataSpec.parse("csv:" + f + "?label=label&scale=255&image=2x3").load(offline()).train();
        assertEquals(2, d.height());
        assertEquals(3, d.width());
        assertArrayEquals(new int[] {3}, d.labels());
        var e = assertThrows(BadDataException.class, () -> DataSpec.parse("csv:" + f + "?label=label&image=2x2").load(offline()));
        assertTrue(e.getMessage().contains("image=2x2 needs 4 feature columns, the file has 6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("csv:" + f + "?image=28"));
    }

    @Test
    void idxFilesWithAndWithoutLabels() throws IOException {
        Path set = TinyIdx.writeSet(dir.resolve("set"), 7);
        Path img = set.resolve("train-images-idx3-ubyte.gz");
        Path lab = set.resolve("train-labels-idx1-ubyte.gz");
        Splits s = DataSpec.parse("idx:" + img + "," + lab + "?test=" + set.resolve("t10k-images-idx3-ubyte.gz")).load(offline());
        assertEquals(3, s.train().rows());
        assertEquals(7, s.train().labels()[0]);
        assertEquals(2, s.test().rows());
        assertNull(s.test().labels());
        assertEquals(new DataSpec.Idx(img, null, null, null), DataSpec.parse("idx:" + img));
    }

    @Test
    void imageFoldersWithTheirOptions() throws IOException {
        DataSpec spec = DataSpec.parse("images:" + dir + "?size=64x32&channels=3&test=0.1&seed=5&crop=center&skip-bad=yes");
        DataSpec.Images images = (DataSpec.Images) spec;
        assertEquals(dir, images.dir());
        ImageFolderOptions o = images.options();
        assertEquals(3, o.channels());
        assertEquals(64, o.height());
        assertEquals(32, o.width());
        assertTrue(o.centreCrop());
        assertEquals(0.1, o.testFraction());
        assertEquals(5, o.seed());
        assertTrue(o.skipBad());
        ImageFolderOptions defaults = ((DataSpec.Images) DataSpec.parse("images:" + dir)).options();
        assertEquals(1, defaults.channels());
        assertEquals(0, defaults.height());
        assertFalse(defaults.centreCrop() || defaults.skipBad());
        assertEquals(0, defaults.testFraction());

        Path folder = dir.resolve("pics");
        TinyImages.grey(folder.resolve("a/1.png"), 2, 2, 0, 51, 102, 255);
        TinyImages.grey(folder.resolve("b/2.png"), 2, 2, 255, 255, 255, 255);
        Splits s = DataSpec.parse("images:" + folder + "?test=0.5").load(offline());
        assertEquals(1, s.train().rows());
        assertEquals(1, s.test().rows());
        assertEquals(List.of("a", "b"), s.train().labelNames());
        assertEquals(4, s.train().cols());
    }

    @Test
    void badImageSpecsSayWhatIsAccepted() {
        assertMessage("images:d?size=64", "size must be HEIGHTxWIDTH");
        assertMessage("images:d?channels=4", "channels must be 1 (grey) or 3 (RGB)");
        assertMessage("images:d?crop=left", "crop must be center or none");
        assertMessage("images:d?crop=center", "crop=center needs a size");
        assertMessage("images:d?test=1.5", "between 0 and 1");
        assertMessage("images:d?test=ten", "between 0 and 1");
        assertMessage("images:d?seed=3", "give test= too");
        assertMessage("images:d?test=0.2&seed=x", "seed must be an integer");
        assertMessage("images:d?skip-bad=maybe", "skip-bad must be yes or no");
        assertMessage("images:d?scale=2", "unknown option 'scale'", "channels, crop, seed, size, skip-bad, test");
        assertMessage("images:", "missing file name");
    }

    @Test
    void badSpecsSayWhatIsAccepted() {
        assertMessage("cifar10", "unknown data spec 'cifar10'", "csv:FILE");
        assertMessage("", "empty data spec");
        assertMessage("mnist?fallback=maybe", "fallback must be none or subset");
        assertMessage("mnist?scale=2", "unknown option 'scale'", "fallback");
        assertMessage("csv:x.csv?header=perhaps", "header is yes, no or auto");
        assertMessage("csv:x.csv?delimiter=ab", "delimiter must be one character");
        assertMessage("csv:x.csv?scale=-1", "scale must be a positive number");
        assertMessage("csv:x.csv?columns=3-1", "runs backwards");
        assertMessage("csv:x.csv?label", "is not KEY=VALUE");
        assertMessage("csv:", "missing file name");
        assertMessage("idx:a,b,c", "expected IMAGES[,LABELS]");
        assertMessage("csv:x.csv?test=a&test=b", "given twice");
    }

    private static void assertMessage(String spec, String... fragments) {
        var e = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse(spec));
        for (String s : fragments) {
            assertTrue(e.getMessage().contains(s), () -> "'" + s + "' not in: " + e.getMessage());
        }
    }
}
