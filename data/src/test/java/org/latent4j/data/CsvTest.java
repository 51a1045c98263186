package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir Path dir;

    private Path file(String content) throws IOException {
        Path f = Files.createTempFile(dir, "data", ".csv");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void headerDetectedAutomaticallyAndAllColumnsRead() throws IOException {
        CsvTable t = CsvReader.read(file("a,b\n1,2\n3.5,-4e-2\n"), CsvOptions.defaults());
        assertEquals(List.of("a", "b"), t.columnNames());
        assertArrayEquals(new double[] {1, 2, 3.5, -0.04}, t.x());
        assertEquals(2, t.rows());
        assertNull(t.labels());
        CsvTable noHeader = CsvReader.read(file("1,2\n3,4\n"), CsvOptions.defaults());
        assertNull(noHeader.columnNames());
        assertEquals(2, noHeader.rows());
    }

    @Test
    void explicitHeaderYesAndNo() throws IOException {
        Path f = file("10,20\n1,2\n");
        assertEquals(1, CsvReader.read(f, CsvOptions.builder().header(CsvOptions.Header.YES).build()).rows());
        assertEquals(List.of("10", "20"), CsvReader.read(f, CsvOptions.builder().header(CsvOptions.Header.YES).build()).columnNames());
        assertEquals(2, CsvReader.read(f, CsvOptions.builder().header(CsvOptions.Header.NO).build()).rows());
        var e = assertThrows(BadDataException.class,
                () -> CsvReader.read(file("x,y\n1,2\n"), CsvOptions.builder().header(CsvOptions.Header.NO).build()));
        assertTrue(e.getMessage().contains("line 1, column 0: 'x' is not a number"), e.getMessage());
    }

    @Test
    void keepsDoublePrecision() throws IOException {
        CsvTable t = CsvReader.read(file("0.123456789,1234567.891\n"), CsvOptions.defaults());
        assertEquals(0.123456789, t.get(0, 0));
        assertEquals(1234567.891, t.get(0, 1));
        assertEquals((float) 1234567.891, t.toDataset("d").x()[1]);
    }

    @Test
    void textLabelsByNameAreSortedClasses() throws IOException {
        Path f = file("x,species,y\n1,setosa,2\n3,virginica,4\n5,setosa,6\n7,versicolor,8\n");
        CsvTable t = CsvReader.read(f, CsvOptions.builder().label("species").build());
        assertEquals(List.of("setosa", "versicolor", "virginica"), t.labelNames());
        assertArrayEquals(new int[] {0, 2, 0, 1}, t.labels());
        assertEquals(List.of("x", "y"), t.columnNames());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, t.x());
        Dataset d = t.toDataset("iris");
        assertEquals(3, d.classCount());
    }

    @Test
    void integerLabelsByIndexIncludingFromTheEnd() throws IOException {
        Path f = file("1,2,0\n3,4,7\n");
        CsvTable t = CsvReader.read(f, CsvOptions.builder().label(-1).build());
        assertArrayEquals(new int[] {0, 7}, t.labels());
        assertNull(t.labelNames());
        assertArrayEquals(new double[] {1, 2, 3, 4}, t.x());
        CsvTable first = CsvReader.read(f, CsvOptions.builder().label(0).build());
        assertArrayEquals(new int[] {1, 3}, first.labels());
        // AUTO ignores the label column when deciding whether line 1 is a header
        CsvTable text = CsvReader.read(file("1,2,cat\n3,4,dog\n"), CsvOptions.builder().label(2).build());
        assertEquals(2, text.rows());
        assertEquals(List.of("cat", "dog"), text.labelNames());
    }

    @Test
    void chosenColumnsByNameAndIndexInTheGivenOrder() throws IOException {
        Path f = file("a,b,c,d\n1,2,3,x\n5,6,7,y\n");
        CsvTable byName = CsvReader.read(f, CsvOptions.builder().columns("c", "a").build());
        assertArrayEquals(new double[] {3, 1, 7, 5}, byName.x());
        assertEquals(List.of("c", "a"), byName.columnNames());
        CsvTable byIndex = CsvReader.read(f, CsvOptions.builder().columns(1, 2).label("d").build());
        assertArrayEquals(new double[] {2, 3, 6, 7}, byIndex.x());
        assertArrayEquals(new int[] {0, 1}, byIndex.labels());
    }

    @Test
    void delimiterQuotesBlankLinesCommentsBomAndScale() throws IOException {
        Path f = file("\uFEFF# a comment\n\"first; col\";b\n\n 255 ; \"51\"\n");
        CsvTable t = CsvReader.read(f, CsvOptions.builder().delimiter(';').scale(255).build());
        assertEquals(List.of("first; col", "b"), t.columnNames());
        assertArrayEquals(new double[] {1, 0.2}, t.x(), 1e-15);
        CsvTable tabs = CsvReader.read(file("1\t2\n"), CsvOptions.builder().delimiter('\t').build());
        assertArrayEquals(new double[] {1, 2}, tabs.x());
    }

    @Test
    void raggedRowNamesTheLine() throws IOException {
        Path f = file("a,b\n1,2\n\n3\n");
        var e = assertThrows(BadDataException.class, () -> CsvReader.read(f, CsvOptions.defaults()));
        assertEquals(f + ": line 4: has 1 fields, expected 2 (as on line 1)", e.getMessage());
    }

    @Test
    void nonNumericCellNamesLineColumnAndValue() throws IOException {
        Path f = file("a,b\n1,2\n3,abc\n");
        var e = assertThrows(BadDataException.class, () -> CsvReader.read(f, CsvOptions.defaults()));
        assertEquals(f + ": line 3, column 1 (b): 'abc' is not a number", e.getMessage());
        for (String bad : new String[] {"1f", "0x10", "1e", ".", "1.2.3", "--1"}) {
            Path g = file("1,2\n3," + bad + "\n");
            var ex = assertThrows(BadDataException.class, () -> CsvReader.read(g, CsvOptions.defaults()), bad);
            assertTrue(ex.getMessage().contains("line 2, column 1: '" + bad + "'"), ex.getMessage());
        }
    }

    @Test
    void nanInfinityAndEmptyCellsAreRejected() throws IOException {
        for (String bad : new String[] {"NaN", "nan", "Infinity", "-inf"}) {
            Path f = file("1,2\n3," + bad + "\n");
            var e = assertThrows(BadDataException.class, () -> CsvReader.read(f, CsvOptions.defaults()));
            assertTrue(e.getMessage().contains("line 2, column 1: '" + bad + "' is not a finite number"), e.getMessage());
        }
        Path overflow = file("1e999\n");
        assertTrue(assertThrows(BadDataException.class, () -> CsvReader.read(overflow, CsvOptions.defaults()))
                .getMessage().contains("not finite"));
        Path empty = file("1,2\n3,\n");
        assertTrue(assertThrows(BadDataException.class, () -> CsvReader.read(empty, CsvOptions.defaults()))
                .getMessage().contains("line 2, column 1: empty cell"));
    }

    @Test
    void badColumnChoices() throws IOException {
        Path f = file("a,b\n1,2\n");
        assertMessage(f, CsvOptions.builder().label("z").build(), "no label column 'z'", "[a, b]");
        assertMessage(f, CsvOptions.builder().columns(5).build(), "feature column index 5 is outside the 2 columns");
        assertMessage(f, CsvOptions.builder().label("a").columns("a").build(), "is the label column");
        assertMessage(f, CsvOptions.builder().columns("b", "b").build(), "chosen twice");
        Path noHeader = file("1,2\n");
        assertMessage(noHeader, CsvOptions.builder().header(CsvOptions.Header.NO).columns("a").build(), "has no header");
        assertMessage(file("a,b\n"), CsvOptions.defaults(), "no data rows");
        assertMessage(file("\n\n"), CsvOptions.defaults(), "empty");
        assertMessage(file("\"1,2\n"), CsvOptions.defaults(), "line 1: unterminated quoted field");
        assertMessage(file("a,l\n1,\n"), CsvOptions.builder().label("l").build(), "line 2, column 1 (l): empty label");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("none.csv");
        var e = assertThrows(NoSuchFileException.class, () -> CsvReader.read(f, CsvOptions.defaults()));
        assertTrue(e.getMessage().contains(f.toString()));
    }

    private static void assertMessage(Path f, CsvOptions o, String... fragments) {
        var e = assertThrows(BadDataException.class, () -> CsvReader.read(f, o));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        for (String s : fragments) {
            assertTrue(e.getMessage().contains(s), () -> "'" + s + "' not in: " + e.getMessage());
        }
    }
}
