package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Findings of the fuzz targets (CsvReaderFuzzTest, DataSpecFuzzTest), each kept as a plain test. */
class ReaderLimitsTest {
    @TempDir Path dir;

    @Test
    void aValueThatTheScaleMakesInfiniteIsRefusedNamingLineAndColumn() throws IOException {
        Path f = dir.resolve("tiny-scale.csv");
        Files.writeString(f, "1,2\n1e10,1\n");
        CsvOptions o = CsvOptions.builder().header(CsvOptions.Header.NO).scale(1e-300).build();
        var e = assertThrows(BadDataException.class, () -> CsvReader.read(f, o));
        assertTrue(e.getMessage().contains("line 2, column 0") && e.getMessage().contains("'1e10' divided by scale=1.0E-300")
                && e.getMessage().contains("not finite"), e.getMessage());
    }

    @Test
    void aValueBeyondFloat32IsRefusedWhenReadAsADatasetNotTurnedIntoInfinity() throws IOException {
        Path f = dir.resolve("big.csv");
        Files.writeString(f, "a,b\n1,2\n3,1e300\n");
        assertEquals(1e300, CsvReader.read(f, CsvOptions.defaults()).get(1, 1), "double precision keeps it");
        var e = assertThrows(BadDataException.class, () -> CsvReader.readDataset("big", f, CsvOptions.defaults()));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("data row 2, column 'b'")
                && e.getMessage().contains("float32"), e.getMessage());
    }

    @Test
    void aHugeColumnRangeIsRefusedBeforeItIsExpanded() {
        long before = System.nanoTime();
        var e = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("csv:x.csv?columns=0-2147483647"));
        assertTrue(e.getMessage().contains("more than " + DataSpec.MAX_COLUMNS + " columns")
                && e.getMessage().contains("0-2147483647"), e.getMessage());
        assertTrue(System.nanoTime() - before < 5_000_000_000L, "refused at once, not after 2^31 steps");
        // many ranges add up
        var sum = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("csv:x.csv?columns=0-600000,0-600000"));
        assertTrue(sum.getMessage().contains("more than"), sum.getMessage());
        assertEquals(DataSpec.MAX_COLUMNS, ((DataSpec.Csv) DataSpec.parse("csv:x.csv?columns=0-" + (DataSpec.MAX_COLUMNS - 1)))
                .options().columns().size());
    }

    @Test
    void aColumnIndexBeyondIntSaysSo() {
        var label = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("csv:x.csv?label=99999999999"));
        assertTrue(label.getMessage().contains("column index 99999999999 is out of range"), label.getMessage());
        var range = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("csv:x.csv?columns=0-99999999999"));
        assertTrue(range.getMessage().contains("column index 99999999999 is too large"), range.getMessage());
    }

    @Test
    void noImagesOfMoreThan2To31PixelsEvenWhenThereAreNone() throws IOException {
        // IdxReaderFuzzTest: count 0 made the total 0, and 100000x100000 pixels per image overflowed an int later
        Path f = dir.resolve("zero-huge-images");
        Files.write(f, new byte[] {0, 0, 8, 3, 0, 0, 0, 0, 0, 1, (byte) 0x86, (byte) 0xA0, 0, 1, (byte) 0x86, (byte) 0xA0});
        var e = assertThrows(BadDataException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("[0, 100000, 100000]") && e.getMessage().contains("more than 2^31"), e.getMessage());
        // an empty set of small images is still read
        Files.write(f, new byte[] {0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28});
        assertEquals(0, IdxReader.readDataset("empty", f, null).rows());
    }
}
