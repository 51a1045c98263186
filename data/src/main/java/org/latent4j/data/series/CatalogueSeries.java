package org.latent4j.data.series;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.latent4j.data.CsvOptions;
import org.latent4j.data.DataNotFoundException;

/**
 * A real series known by name, read from the file a Debian package installs (latent4j does not ship it).
 *
 * @param name          the catalogue name, e.g. {@code co2}
 * @param description   one line for listings
 * @param provenance    who measured it, where it is from, and the licence
 * @param systemPackage the Debian package that installs the file
 * @param file          where that package puts it
 * @param read          how to read the file (time column and format, value columns, missing values); its
 *                      window, stride, test share and scaling are the defaults of the entry
 */
public record CatalogueSeries(String name, String description, String provenance, String systemPackage, Path file,
                              SeriesOptions read) {

    static final String STATSMODELS = "/usr/lib/python3/dist-packages/statsmodels/datasets/";

    /**
     * Mauna Loa weekly atmospheric CO₂ (ppmv), 1958-03-29 to 2001-12-29, 2284 weeks of which 59 have no value;
     * they are interpolated linearly between the weeks before and after (a user's CSV with gaps is refused
     * unless it asks for {@code missing=interpolate}). Default window: 52 weeks.
     */
    public static final CatalogueSeries CO2 = new CatalogueSeries("co2",
            "Mauna Loa weekly atmospheric CO2 (ppmv), 1958-2001: 2284 weeks, 59 missing weeks interpolated linearly",
            "Keeling, C.D. and T.P. Whorf (2004), Atmospheric CO2 concentrations derived from flask air samples at sites in"
                    + " the SIO network, in Trends: A Compendium of Data on Global Change, CDIAC, Oak Ridge National Laboratory;"
                    + " as distributed by statsmodels (datasets/co2), which states: public domain",
            "python3-statsmodels", Path.of(STATSMODELS + "co2/co2.csv"),
            new SeriesOptions(new CsvOptions.Column.Name("date"), "yyyyMMdd", List.of(new CsvOptions.Column.Name("co2")), ',',
                    52, 1, 0.2, SeriesScaler.Kind.STANDARD, SeriesOptions.Missing.INTERPOLATE));

    /** Yearly sunspot numbers, 1700-2008 (309 years). Default window: 22 years (two solar cycles). */
    public static final CatalogueSeries SUNSPOTS = new CatalogueSeries("sunspots",
            "yearly sunspot numbers, 1700-2008: 309 years",
            "NOAA National Geophysical Data Center, yearly sunspot numbers; as distributed by statsmodels"
                    + " (datasets/sunspots), public domain (Debian's copyright file for python3-statsmodels lists it so)",
            "python3-statsmodels", Path.of(STATSMODELS + "sunspots/sunspots.csv"),
            new SeriesOptions(new CsvOptions.Column.Name("YEAR"), null, List.of(new CsvOptions.Column.Name("SUNACTIVITY")), ',',
                    22, 1, 0.2, SeriesScaler.Kind.STANDARD, SeriesOptions.Missing.ERROR));

    public static final List<CatalogueSeries> ALL = List.of(CO2, SUNSPOTS);

    /** The names of the catalogue's series. */
    public static List<String> names() {
        return ALL.stream().map(CatalogueSeries::name).toList();
    }

    /** The series of a name, or null. */
    public static CatalogueSeries byName(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst().orElse(null);
    }

    /** The series in its own units. */
    public SeriesTable table() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataNotFoundException(name + " is read from " + file + ", which Debian's package " + systemPackage
                    + " installs, and that file is not there; install it with: sudo apt-get install " + systemPackage
                    + " (or read your own copy with series:FILE.csv?...)", null);
        }
        SeriesTable t = SeriesReader.read(file, read);
        String how = "Debian " + systemPackage + " " + file + (t.interpolated() > 0 ? " (" + t.interpolated()
                + " missing values interpolated linearly)" : "");
        return new SeriesTable(how, t.time(), t.values(), t.steps(), t.features(), t.columnNames(), t.interpolated());
    }

    /** The series cut into windows with the given window, stride, test share and scaling. */
    public SequenceData load(SeriesOptions windowing) throws IOException {
        return SequenceData.window(table(), read.withWindow(windowing.window(), windowing.stride())
                .withSplit(windowing.test(), windowing.scale()), name);
    }
}
