package org.latent4j.data.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.data.Catalogue;
import org.latent4j.data.DataNotFoundException;
import org.latent4j.data.DataSpec;

/**
 * The catalogue's series: read from Debian's python3-statsmodels (installed by .ci/run); the tests on the real
 * files are skipped where the package is absent.
 */
class CatalogueSeriesTest {
    @TempDir Path dir;

    @Test
    void co2InterpolatesItsMissingWeeks() throws IOException {
        assumeTrue(Files.isRegularFile(CatalogueSeries.CO2.file()), "python3-statsmodels is not installed");
        SeriesTable t = CatalogueSeries.CO2.table();
        assertEquals(2284, t.steps());
        assertEquals(59, t.interpolated());
        assertEquals("19580329", t.time().label(0));
        assertEquals("20011229", t.time().label(2283));
        assertEquals(TimeAxis.Kind.DATE, t.time().kind());
        assertEquals(316.1, t.value(0, 0), 1e-12);
        // 1958-05-10 (step 6, line 8) has no value in the file: halfway between 1958-05-03 (316.9) and 1958-05-17 (317.5)
        assertEquals("19580510", t.time().label(6));
        assertEquals(317.2, t.value(6, 0), 1e-9);
        assertTrue(t.source().contains("59 missing values interpolated linearly"), t.source());
        for (int s = 1; s < t.steps(); s++) {
            assertEquals(7 * 86400.0, t.time().key(s) - t.time().key(s - 1));
        }
        SequenceData d = DataSpec.parse("co2").loadSequences(Catalogue.standard());
        assertEquals(new SequenceShape(52, 1), d.shape());
        assertEquals(2284 - 457, d.boundary()); // test=0.2 of 2284 steps is 457 steps
        assertEquals(2284 - 457 - 52 + 1, d.splits().train().rows());
        assertEquals(457 - 52 + 1, d.splits().test().rows());
    }

    @Test
    void sunspotsAreYearly() throws IOException {
        assumeTrue(Files.isRegularFile(CatalogueSeries.SUNSPOTS.file()), "python3-statsmodels is not installed");
        SeriesTable t = CatalogueSeries.SUNSPOTS.table();
        assertEquals(309, t.steps());
        assertEquals("1700", t.time().label(0));
        assertEquals(2.9, t.value(308, 0), 1e-12);
        SequenceData d = DataSpec.parse("sunspots?window=11&stride=2&scale=minmax").loadSequences(Catalogue.standard());
        assertEquals(new SequenceShape(11, 1), d.shape());
        assertEquals(SeriesScaler.Kind.MINMAX, d.scaler().kind());
    }

    @Test
    void anAbsentFileSaysWhichPackageToInstall() {
        CatalogueSeries absent = new CatalogueSeries("co2", "d", "p", "python3-statsmodels", dir.resolve("co2.csv"),
                CatalogueSeries.CO2.read());
        String m = assertThrows(DataNotFoundException.class, absent::table).getMessage();
        assertTrue(m.contains(dir.resolve("co2.csv").toString()) && m.contains("sudo apt-get install python3-statsmodels"), m);
    }

    /** The CO2 file's layout, a few weeks with a gap, read as the catalogue entry reads it. */
    @Test
    void theCatalogueWayOfReadingCo2OnASmallCopy() throws IOException {
        Path f = dir.resolve("co2.csv");
        Files.writeString(f, "date,co2\n19580329,316.1\n19580405,317.3\n19580412,\n19580419,317.5\n");
        CatalogueSeries copy = new CatalogueSeries("co2", "d", "p", "python3-statsmodels", f, CatalogueSeries.CO2.read());
        SeriesTable t = copy.table();
        assertEquals(317.4, t.value(2, 0), 1e-12);
        assertEquals(1, t.interpolated());
    }
}
