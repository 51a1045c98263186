package org.latent4j.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.data.Catalogue;
import org.latent4j.data.CsvOptions;
import org.latent4j.data.DataSpec;
import org.latent4j.data.Splits;

/** The series forms of {@link DataSpec}: series:FILE, the catalogue's series, sines. */
class SeriesSpecTest {
    @TempDir Path dir;

    private Catalogue offline() {
        return new Catalogue(Catalogue.Config.builder(dir.resolve("cache")).build());
    }

    @Test
    void seriesFileWithEveryOption() throws IOException {
        Path f = dir.resolve("m.csv");
        Files.writeString(f, "when;x;y\n20010101;1;10\n20010102;2;20\n20010103;;30\n20010104;4;40\n20010105;5;50\n");
        DataSpec spec = DataSpec.parse("series:" + f + "?time=when&time-format=yyyyMMdd&columns=y,x&delimiter=;&window=2"
                + "&stride=1&test=0.4&scale=none&missing=interpolate");
        SeriesOptions o = ((DataSpec.Series) spec).options();
        assertEquals(new SeriesOptions(new CsvOptions.Column.Name("when"), "yyyyMMdd", List.of(new CsvOptions.Column.Name("y"),
                new CsvOptions.Column.Name("x")), ';', 2, 1, 0.4, SeriesScaler.Kind.NONE, SeriesOptions.Missing.INTERPOLATE), o);
        SequenceData d = spec.loadSequences(offline());
        assertEquals(new SequenceShape(2, 2), d.shape());
        assertArrayEquals(new float[] {10, 1, 20, 2}, d.splits().train().row(0));
        assertArrayEquals(new float[] {20, 2, 30, 3}, d.splits().train().row(1));
        assertArrayEquals(new float[] {40, 4, 50, 5}, d.splits().test().row(0));
        assertEquals("m/train", d.splits().train().name());
        Splits flat = spec.load(offline());
        assertArrayEquals(d.splits().train().x(), flat.train().x());
    }

    @Test
    void defaultsAndCatalogueAndSines() {
        SeriesOptions o = ((DataSpec.Series) DataSpec.parse("series:a.csv?window=52")).options();
        assertEquals(SeriesOptions.of(52), o);
        DataSpec.NamedSeries co2 = (DataSpec.NamedSeries) DataSpec.parse("co2");
        assertEquals(52, co2.options().window());
        assertEquals(SeriesOptions.Missing.INTERPOLATE, co2.options().missing());
        assertEquals(24, ((DataSpec.NamedSeries) DataSpec.parse("sunspots?window=24&test=0.1")).options().window());
        assertEquals(new DataSpec.SineWaves(new Sines(10000, 24, 5, 1, 0.2)), DataSpec.parse("sines"));
        assertEquals(new DataSpec.SineWaves(new Sines(100, 12, 2, -3, 0)),
                DataSpec.parse("sines:?n=100&window=12&features=2&seed=-3&test=0"));
    }

    @Test
    void imagesAsSequencesThroughTheSameCall() throws IOException {
        SequenceData d = DataSpec.parse("fashion-mnist-small").loadSequences(offline());
        assertEquals(new SequenceShape(28, 28), d.shape());
        assertEquals(784, d.splits().train().cols());
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        String m = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("csv:" + csv).loadSequences(offline()))
                .getMessage();
        assertTrue(m.contains("no order of steps"), m);
    }

    @Test
    void badSeriesSpecsSayWhatIsAccepted() {
        assertMessage("series:a.csv", "needs window=T");
        assertMessage("series:a.csv?window=0", "window must be a whole number from 1");
        assertMessage("series:a.csv?window=5&stride=x", "stride must be a whole number");
        assertMessage("series:a.csv?window=5&test=1", "test must be the share held out at the end");
        assertMessage("series:a.csv?window=5&scale=log", "scale must be standard, minmax or none");
        assertMessage("series:a.csv?window=5&missing=zero", "missing must be error or interpolate");
        assertMessage("series:a.csv?window=5&time-format=yyyyMMdd", "give time=COLUMN too");
        assertMessage("series:a.csv?window=5&time=d&time-format=bad{", "is not a date-time pattern");
        assertMessage("series:a.csv?window=5&label=y", "unknown option 'label'");
        assertMessage("co2?time=date", "unknown option 'time'");
        assertMessage("sines?n=0", "n must be a whole number");
        assertMessage("sines?seed=x", "seed must be an integer");
        assertMessage("sines?n=100000&window=1000&features=100", "more than");
    }

    private static void assertMessage(String spec, String fragment) {
        String m = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse(spec)).getMessage();
        assertTrue(m.startsWith("data spec '" + spec + "'") && m.contains(fragment), spec + " -> " + m);
    }
}
