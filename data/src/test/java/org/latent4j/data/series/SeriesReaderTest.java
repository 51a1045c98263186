package org.latent4j.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.data.BadDataException;
import org.latent4j.data.CsvOptions;

class SeriesReaderTest {
    @TempDir Path dir;

    private Path file(String content) throws IOException {
        Path f = Files.createTempFile(dir, "series", ".csv");
        Files.writeString(f, content);
        return f;
    }

    private static SeriesOptions timed(String time) {
        return SeriesOptions.of(2).withTime(new CsvOptions.Column.Name(time), null);
    }

    private static String message(Path f, SeriesOptions o) {
        return assertThrows(BadDataException.class, () -> SeriesReader.read(f, o)).getMessage();
    }

    @Test
    void readsIsoDatesAndSeveralColumnsTimeMajor() throws IOException {
        SeriesTable t = SeriesReader.read(file("date,a,b\n2001-01-01,1,10\n2001-01-08,2,20\n2001-01-15,3.5,30\n"), timed("date"));
        assertEquals(3, t.steps());
        assertEquals(2, t.features());
        assertEquals(List.of("a", "b"), t.columnNames());
        assertArrayEquals(new double[] {1, 10, 2, 20, 3.5, 30}, t.values());
        assertEquals(TimeAxis.Kind.DATE, t.time().kind());
        assertEquals("date", t.time().column());
        assertEquals("2001-01-08", t.time().label(1));
        assertEquals(7 * 86400.0, t.time().key(1) - t.time().key(0));
    }

    @Test
    void readsNumbersDateTimesAndFormats() throws IOException {
        SeriesTable years = SeriesReader.read(file("YEAR,spots\n1700,5\n1701,11\n"), timed("YEAR"));
        assertEquals(TimeAxis.Kind.NUMBER, years.time().kind());
        assertArrayEquals(new double[] {1700, 1701}, years.time().keys());
        SeriesTable hours = SeriesReader.read(file("t,v\n2020-03-01T10:00,1\n2020-03-01 11:30:00,2\n2020-03-01T12:00:00Z,3\n"
                + "2020-03-01T14:00:00.5+01:00,4\n"), timed("t"));
        assertEquals(TimeAxis.Kind.DATETIME, hours.time().kind());
        double h0 = hours.time().key(0);
        assertArrayEquals(new double[] {0, 5400, 7200, 10800.5}, new double[] {0, hours.time().key(1) - h0,
                hours.time().key(2) - h0, hours.time().key(3) - h0}, 1e-6);
        SeriesTable basic = SeriesReader.read(file("date,co2\n19580329,316.1\n19580405,317.3\n"),
                timed("date").withTime(new CsvOptions.Column.Name("date"), "yyyyMMdd"));
        assertEquals(TimeAxis.Kind.DATE, basic.time().kind());
        assertEquals(7 * 86400.0, basic.time().key(1) - basic.time().key(0));
    }

    @Test
    void withoutTimeColumnStepsAreNumberedAndHeaderIsOptional() throws IOException {
        SeriesTable t = SeriesReader.read(file("1,2\n3,4\n5,6\n"), SeriesOptions.of(2));
        assertEquals(TimeAxis.Kind.INDEX, t.time().kind());
        assertNull(t.time().column());
        assertEquals(List.of("column 0", "column 1"), t.columnNames());
        assertEquals("2", t.time().label(2));
        SeriesTable chosen = SeriesReader.read(file("# comment\nx,y,z\n\n1,2,3\n4,5,6\n"), SeriesOptions.of(1)
                .withColumns(List.of(new CsvOptions.Column.Name("z"), new CsvOptions.Column.Index(0))));
        assertEquals(List.of("z", "x"), chosen.columnNames());
        assertArrayEquals(new double[] {3, 1, 6, 4}, chosen.values());
    }

    @Test
    void missingValueNamesFileLineAndColumnAndSaysHowToInterpolate() throws IOException {
        Path f = file("date,co2\n2001-01-01,1\n2001-01-08,\n2001-01-15,3\n");
        String m = message(f, timed("date"));
        assertTrue(m.startsWith(f + ": line 3, column 1 (co2): empty cell, a missing value"), m);
        assertTrue(m.contains("missing=interpolate"), m);
        assertTrue(message(file("v\n1\nNA\n2\n"), SeriesOptions.of(1)).contains("line 3, column 0 (v): 'NA', a missing value"));
    }

    @Test
    void interpolatesLinearlyInTimeNotInLines() throws IOException {
        // the gap is 1 day then 3 days: the missing value lies a quarter of the way from 10 to 30
        Path f = file("date,v,w\n2001-01-01,10,0\n2001-01-02,,1\n2001-01-05,30,NaN\n2001-01-06,40,3\n");
        SeriesTable t = SeriesReader.read(f, timed("date").withMissing(SeriesOptions.Missing.INTERPOLATE));
        assertArrayEquals(new double[] {10, 0, 15, 1, 30, 2.5, 40, 3}, t.values(), 1e-12);
        assertEquals(2, t.interpolated());
        String lead = message(file("v\n\nNA\n1\n"), SeriesOptions.of(1).withMissing(SeriesOptions.Missing.INTERPOLATE));
        assertTrue(lead.contains("start of the series"), lead);
        String end = message(file("v\n1\n2\nNA\n"), SeriesOptions.of(1).withMissing(SeriesOptions.Missing.INTERPOLATE));
        assertTrue(end.contains("line 4, column 0 (v): missing value at the end of the series"), end);
    }

    @Test
    void refusesNonNumbersDuplicatesDisorderAndRaggedRows() throws IOException {
        Path f = file("date,v\n2001-01-01,1\n2001-01-02,abc\n");
        assertEquals(f + ": line 3, column 1 (v): 'abc' is not a number", message(f, timed("date")));
        Path dup = file("date,v\n2001-01-01,1\n2001-01-02,2\n2001-01-02,3\n");
        String d = message(dup, timed("date"));
        assertTrue(d.startsWith(dup + ": line 4, column 0 (date): time '2001-01-02' repeats the time of line 3"), d);
        Path back = file("date,v\n2001-01-05,1\n2001-01-02,2\n");
        String b = message(back, timed("date"));
        assertTrue(b.startsWith(back + ": line 3, column 0 (date): time '2001-01-02' is before '2001-01-05' on line 2"), b);
        String mixed = message(file("date,v\n2001-01-01,1\n2001/01/02,2\n"), timed("date"));
        assertTrue(mixed.contains("line 3, column 0 (date): '2001/01/02' is not an ISO date"), mixed);
        String ragged = message(file("date,v\n2001-01-01,1\n2001-01-02\n"), timed("date"));
        assertTrue(ragged.contains("line 3: has 1 fields, expected 2"), ragged);
        String inf = message(file("v\n1\n1e999\n"), SeriesOptions.of(1));
        assertTrue(inf.contains("line 3, column 0 (v): '1e999' overflows a double"), inf);
        String badDate = message(file("date,v\n2001-02-28,1\n2001-02-30,2\n"), timed("date"));
        assertTrue(badDate.contains("line 3, column 0 (date): '2001-02-30' is not an ISO date"), badDate);
        assertTrue(message(file("date,v\n"), timed("date")).endsWith("no data rows after the header"));
        assertTrue(message(file("date,v\n1,2\n"), timed("when")).contains("no time column 'when' in the header on line 1"));
        assertTrue(message(file("date\n1\n"), timed("date")).contains("no value columns"));
    }
}
