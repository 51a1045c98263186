package org.latent4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.latent4j.data.series.CatalogueSeries;
import org.latent4j.data.series.SeriesOptions;
import org.latent4j.data.series.SeriesReader;
import org.latent4j.data.series.SeriesScaler;
import org.latent4j.data.series.SequenceData;
import org.latent4j.data.series.Sines;

/**
 * Data named on the command line, loaded as train and (when there is one) test splits:
 * <pre>
 *   fashion-mnist | mnist | fashion-mnist-small | iris   a catalogue data set; add ?fallback=subset to accept
 *                                                    the shipped subset when the full set is unavailable
 *   csv:FILE[?OPTIONS]                               a numeric CSV file; OPTIONS joined by &amp;:
 *       header=yes|no|auto   delimiter=,|;|tab|space|CHAR   label=NAME|INDEX
 *       columns=A,B,...  (names, 0-based indices or ranges like 0-3)   scale=NUMBER (values are divided by it)
 *       test=FILE (a second CSV file, read with the same options)   image=HxW (rows are images, e.g. 28x28)
 *   idx:IMAGES[,LABELS][?test=IMAGES[,LABELS]]        IDX image files (gzip or raw), pixels scaled to [0, 1]
 *   images:DIR[?OPTIONS]                             a folder of PNG/JPEG files (see {@link ImageFolder}); OPTIONS:
 *       size=HxW (resize every image)   crop=center|none (centre-crop to the size's aspect first)
 *       channels=1|3 (grey or RGB; default 1)   test=FRACTION (held out, e.g. 0.1)   seed=N (of that split)
 *       skip-bad=yes|no (skip unreadable files with a warning instead of failing)
 *   series:FILE[?OPTIONS]                            a series CSV file cut into windows (see {@link SeriesReader},
 *       {@link SequenceData#window}); OPTIONS: window=T (required)   stride=N (default 1)
 *       test=SHARE (of the steps, at the end; default 0.2)   scale=standard|minmax|none (default standard,
 *       fitted on the training steps)   time=NAME|INDEX   time-format=PATTERN (e.g. yyyyMMdd)
 *       columns=A,B,... (value columns; default all but the time)   delimiter=,|;|tab|space|CHAR
 *       missing=error|interpolate (default error)
 *   co2 | sunspots[?window=T&amp;stride=N&amp;test=SHARE&amp;scale=KIND]   a catalogue series ({@link CatalogueSeries})
 *   sines[:][?n=N&amp;window=T&amp;features=F&amp;seed=S&amp;test=SHARE]   TimeGAN's sine benchmark ({@link Sines})
 *   ring8 | grid25 | swissroll[?rows=N&amp;seed=S]         a 2-D toy set drawn from a seed ({@link Mixtures2d})
 * </pre>
 * Every spec gives flat rows ({@link #load}); {@link #loadSequences} gives them with their shape as sequences.
 */
public sealed interface DataSpec permits DataSpec.Named, DataSpec.Csv, DataSpec.Idx, DataSpec.Images,
        DataSpec.Series, DataSpec.NamedSeries, DataSpec.SineWaves, DataSpec.Toy2d {

    String FORMS = "fashion-mnist, mnist, fashion-mnist-small, iris (optionally ?fallback=subset), "
            + "csv:FILE[?header=yes|no|auto&delimiter=C&label=COL&columns=COLS&scale=X&test=FILE&image=HxW], "
            + "idx:IMAGES[,LABELS][?test=IMAGES[,LABELS]], "
            + "images:DIR[?size=HxW&channels=1|3&crop=center&test=FRACTION&seed=N&skip-bad=yes], "
            + "series:FILE.csv?window=T[&stride=N&test=SHARE&scale=standard|minmax|none&time=COL&time-format=PATTERN"
            + "&columns=COLS&delimiter=C&missing=error|interpolate], "
            + "co2 or sunspots[?window=T&stride=N&test=SHARE&scale=KIND], "
            + "sines[?n=N&window=T&features=F&seed=S&test=SHARE], "
            + "ring8|grid25|swissroll[?rows=N&seed=S]";

    /**
     * The most feature columns a spec may choose (2^20, a 1024x1024 image): a range such as
     * {@code 0-2147483647} is refused before it is expanded.
     */
    int MAX_COLUMNS = 1 << 20;

    /** Loads the data; catalogue names go through the catalogue, files are read directly. */
    Splits load(Catalogue catalogue) throws IOException;

    /**
     * The data as sequences for a recurrent model: series and sines as their windows, with their scaler and
     * (for a series) where each window lies in time; grey images as one row of pixels per step.
     *
     * @throws IllegalArgumentException when the rows are neither windows nor grey images
     */
    default SequenceData loadSequences(Catalogue catalogue) throws IOException {
        return SequenceData.ofImages(load(catalogue));
    }

    /** A series CSV file cut into windows. */
    record Series(Path file, SeriesOptions options) implements DataSpec {
        @Override
        public Splits load(Catalogue catalogue) throws IOException {
            return loadSequences(catalogue).splits();
        }

        @Override
        public SequenceData loadSequences(Catalogue catalogue) throws IOException {
            return SequenceData.window(SeriesReader.read(file, options), options, baseName(file));
        }
    }

    /** A catalogue series ({@link CatalogueSeries}) cut into windows; options holds the windowing. */
    record NamedSeries(String name, SeriesOptions options) implements DataSpec {
        @Override
        public Splits load(Catalogue catalogue) throws IOException {
            return loadSequences(catalogue).splits();
        }

        @Override
        public SequenceData loadSequences(Catalogue catalogue) throws IOException {
            return CatalogueSeries.byName(name).load(options);
        }
    }

    /** TimeGAN's sine windows, generated. */
    record SineWaves(Sines generator) implements DataSpec {
        @Override
        public Splits load(Catalogue catalogue) {
            return loadSequences(catalogue).splits();
        }

        @Override
        public SequenceData loadSequences(Catalogue catalogue) {
            return generator.load();
        }
    }

    /** A catalogue data set. */
    record Named(String name, Fallback fallback) implements DataSpec {
        @Override
        public Splits load(Catalogue catalogue) throws IOException {
            return catalogue.loadSplits(name, fallback);
        }
    }

    /**
     * A CSV file, and optionally a second one for the test split; with an image size (height and
     * width both above 0) each row is an image of that many pixels.
     */
    record Csv(Path train, Path test, CsvOptions options, int imageHeight, int imageWidth) implements DataSpec {
        public Csv(Path train, Path test, CsvOptions options) {
            this(train, test, options, 0, 0);
        }

        @Override
        public Splits load(Catalogue catalogue) throws IOException {
            Dataset tr = read(train, "/train");
            Dataset te = test == null ? null : read(test, "/test");
            return new Splits(tr, te);
        }

        private Dataset read(Path file, String split) throws IOException {
            Dataset d = CsvReader.readDataset(baseName(file) + split, file, options);
            if (imageHeight == 0) {
                return d;
            }
            if ((long) imageHeight * imageWidth != d.cols()) {
                throw new BadDataException(file.toString(), "image=" + imageHeight + "x" + imageWidth + " needs "
                        + (long) imageHeight * imageWidth + " feature columns, the file has " + d.cols());
            }
            return new Dataset(d.name(), d.source(), d.x(), d.rows(), d.cols(), d.labels(), d.labelNames(),
                    d.columnNames(), imageHeight, imageWidth);
        }
    }

    /** IDX image files with optional labels, and optionally a test pair. */
    record Idx(Path images, Path labels, Path testImages, Path testLabels) implements DataSpec {
        @Override
        public Splits load(Catalogue catalogue) throws IOException {
            Dataset tr = IdxReader.readDataset(baseName(images) + "/train", images, labels);
            Dataset te = testImages == null ? null : IdxReader.readDataset(baseName(testImages) + "/test", testImages, testLabels);
            return new Splits(tr, te);
        }
    }

    /** A folder of PNG and JPEG images. */
    record Images(Path dir, ImageFolderOptions options) implements DataSpec {
        @Override
        public Splits load(Catalogue catalogue) throws IOException {
            return ImageFolder.read(dir, options);
        }
    }

    /** A 2-D toy data set drawn from a seed: {@code rows} training points and {@link Mixtures2d#TEST_ROWS} test points. */
    record Toy2d(String name, int rows, long seed) implements DataSpec {
        @Override
        public Splits load(Catalogue catalogue) {
            return Mixtures2d.load(name, rows, seed);
        }
    }

    /** Parses a spec string; errors say what is wrong and which forms are accepted. */
    static DataSpec parse(String spec) {
        return parse(spec, Fallback.NONE);
    }

    /**
     * Parses a spec string; a catalogue name without a {@code fallback=} option gets defaultFallback
     * (a demo may accept the shipped subset where a benchmark must not).
     */
    static DataSpec parse(String spec, Fallback defaultFallback) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty data spec; accepted: " + FORMS);
        }
        int q = spec.indexOf('?');
        String head = q < 0 ? spec : spec.substring(0, q);
        Map<String, String> opts = query(spec, q < 0 ? "" : spec.substring(q + 1));
        if (head.startsWith("csv:")) {
            allow(spec, opts, Set.of("header", "delimiter", "label", "columns", "scale", "test", "image"));
            Path file = path(spec, head.substring(4));
            int[] image = opts.containsKey("image") ? imageSize(spec, opts.get("image")) : new int[2];
            return new Csv(file, opts.containsKey("test") ? path(spec, opts.get("test")) : null, csvOptions(spec, opts),
                    image[0], image[1]);
        }
        if (head.startsWith("idx:")) {
            allow(spec, opts, Set.of("test"));
            Path[] train = idxPair(spec, head.substring(4));
            Path[] test = opts.containsKey("test") ? idxPair(spec, opts.get("test")) : new Path[2];
            return new Idx(train[0], train[1], test[0], test[1]);
        }
        if (head.startsWith("images:")) {
            allow(spec, opts, Set.of("size", "channels", "crop", "test", "seed", "skip-bad"));
            return new Images(path(spec, head.substring(7)), imageOptions(spec, opts));
        }
        if (Mixtures2d.NAMES.contains(head)) {
            allow(spec, opts, Set.of("rows", "seed"));
            return new Toy2d(head, (int) number(spec, opts, "rows", Mixtures2d.DEFAULT_ROWS, 1, 10_000_000),
                    number(spec, opts, "seed", 1, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (head.startsWith("series:")) {
            allow(spec, opts, Set.of("time", "time-format", "columns", "delimiter", "window", "stride", "test", "scale", "missing"));
            if (!opts.containsKey("window")) {
                throw new IllegalArgumentException("data spec '" + spec + "': a series needs window=T, the steps of one window"
                        + " (e.g. series:FILE.csv?window=52)");
            }
            return new Series(path(spec, head.substring(7)), seriesOptions(spec, opts, SeriesOptions.of(1)));
        }
        if (head.equals("sines") || head.equals("sines:")) {
            allow(spec, opts, Set.of("n", "window", "features", "seed", "test"));
            try {
                return new SineWaves(new Sines(positive(spec, opts, "n", 10000), positive(spec, opts, "window", 24),
                        positive(spec, opts, "features", 5), seed(spec, opts.getOrDefault("seed", "1")),
                        share(spec, opts.getOrDefault("test", "0.2"))));
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith("data spec") ? e : new IllegalArgumentException("data spec '" + spec + "': " + e.getMessage(), e);
            }
        }
        CatalogueSeries named = CatalogueSeries.byName(head);
        if (named != null) {
            allow(spec, opts, Set.of("window", "stride", "test", "scale"));
            return new NamedSeries(head, seriesOptions(spec, opts, named.read()));
        }
        if (!Catalogue.names().contains(head)) {
            throw new IllegalArgumentException("unknown data spec '" + spec + "'; accepted: " + FORMS);
        }
        allow(spec, opts, Set.of("fallback"));
        String fb = opts.getOrDefault("fallback", defaultFallback.name()).toUpperCase(Locale.ROOT);
        if (!fb.equals("NONE") && !fb.equals("SUBSET")) {
            throw new IllegalArgumentException("data spec '" + spec + "': fallback must be none or subset, got '" + opts.get("fallback") + "'");
        }
        return new Named(head, Fallback.valueOf(fb));
    }

    private static long number(String spec, Map<String, String> opts, String key, long dflt, long min, long max) {
        String v = opts.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("data spec '" + spec + "': " + key + " must be an integer in [" + min + ", "
                    + max + "], got '" + v + "'");
        }
    }

    private static Map<String, String> query(String spec, String query) {
        Map<String, String> opts = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return opts;
        }
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("data spec '" + spec + "': option '" + part + "' is not KEY=VALUE");
            }
            String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (opts.put(key, part.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("data spec '" + spec + "': option " + key + " given twice");
            }
        }
        return opts;
    }

    private static void allow(String spec, Map<String, String> opts, Set<String> allowed) {
        for (String k : opts.keySet()) {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException("data spec '" + spec + "': unknown option '" + k + "'; accepted here: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    private static CsvOptions csvOptions(String spec, Map<String, String> opts) {
        CsvOptions.Builder b = CsvOptions.builder();
        try {
            if (opts.containsKey("header")) {
                b.header(CsvOptions.Header.valueOf(opts.get("header").strip().toUpperCase(Locale.ROOT)));
            }
            if (opts.containsKey("delimiter")) {
                b.delimiter(delimiter(opts.get("delimiter")));
            }
            if (opts.containsKey("label")) {
                b.label(CsvOptions.Column.parse(opts.get("label")));
            }
            if (opts.containsKey("columns")) {
                for (String c : opts.get("columns").split(",")) {
                    String t = c.strip();
                    if (t.matches("\\d+-\\d+")) {
                        int from = columnIndex(t.substring(0, t.indexOf('-')));
                        int to = columnIndex(t.substring(t.indexOf('-') + 1));
                        if (to < from) {
                            throw new IllegalArgumentException("column range " + t + " runs backwards");
                        }
                        if ((long) to - from + 1 > MAX_COLUMNS - b.columnCount()) {
                            throw new IllegalArgumentException("columns=" + opts.get("columns") + " chooses more than "
                                    + MAX_COLUMNS + " columns (range " + t + ")");
                        }
                        for (int i = from; i <= to; i++) {
                            b.column(new CsvOptions.Column.Index(i));
                        }
                    } else {
                        b.column(CsvOptions.Column.parse(t));
                    }
                }
            }
            if (opts.containsKey("scale")) {
                b.scale(Double.parseDouble(opts.get("scale").strip()));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("data spec '" + spec + "': " + e.getMessage()
                    + " (header is yes, no or auto; scale a positive number)", e);
        }
    }

    private static SeriesOptions seriesOptions(String spec, Map<String, String> opts, SeriesOptions defaults) {
        SeriesOptions o = defaults;
        try {
            o = o.withWindow(positive(spec, opts, "window", defaults.window()), positive(spec, opts, "stride", defaults.stride()));
            o = o.withSplit(opts.containsKey("test") ? share(spec, opts.get("test")) : defaults.test(),
                    opts.containsKey("scale") ? SeriesScaler.Kind.parse(opts.get("scale")) : defaults.scale());
            if (opts.containsKey("time")) {
                o = o.withTime(CsvOptions.Column.parse(opts.get("time")), o.timeFormat());
            }
            if (opts.containsKey("time-format")) {
                if (!opts.containsKey("time")) {
                    throw new IllegalArgumentException("time-format= reads the time column; give time=COLUMN too");
                }
                String f = opts.get("time-format").strip();
                try {
                    java.time.format.DateTimeFormatter.ofPattern(f);
                    java.time.format.DateTimeFormatter.ofPattern(f.replace('y', 'u'));  // as the reader compiles it
                } catch (IllegalArgumentException | ClassCastException e) {
                    // ClassCastException: the JDK's pattern parser fails so on a pad letter before some fields
                    // ("yyypMMdd", found by SeriesReaderFuzzTest); to the user it is just a bad pattern.
                    throw new IllegalArgumentException("time-format '" + f + "' is not a date-time pattern (" + e.getMessage()
                            + "; e.g. yyyyMMdd or yyyy-MM-dd HH:mm)");
                }
                o = o.withTime(o.time(), f);
            }
            if (opts.containsKey("columns")) {
                java.util.List<CsvOptions.Column> cols = new java.util.ArrayList<>();
                for (String c : opts.get("columns").split(",")) {
                    cols.add(CsvOptions.Column.parse(c));
                }
                o = o.withColumns(cols);
            }
            if (opts.containsKey("delimiter")) {
                o = o.withDelimiter(delimiter(opts.get("delimiter")));
            }
            if (opts.containsKey("missing")) {
                o = o.withMissing(SeriesOptions.Missing.parse(opts.get("missing")));
            }
            return o;
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("data spec") ? e : new IllegalArgumentException("data spec '" + spec + "': " + e.getMessage(), e);
        }
    }

    /** A whole number of at least 1 (at most 10^9), or the default when the option is absent. */
    private static int positive(String spec, Map<String, String> opts, String key, int dflt) {
        if (!opts.containsKey(key)) {
            return dflt;
        }
        String v = opts.get(key).strip();
        if (!v.matches("[0-9]{1,10}") || Long.parseLong(v) < 1 || Long.parseLong(v) > 1_000_000_000L) {
            throw new IllegalArgumentException("data spec '" + spec + "': " + key + " must be a whole number from 1 to 10^9, got '" + v + "'");
        }
        return Integer.parseInt(v);
    }

    /** A share in [0, 1). */
    private static double share(String spec, String s) {
        String t = s.strip();
        double f = CsvReader.isNumber(t) ? Double.parseDouble(t) : Double.NaN;
        if (!(f >= 0 && f < 1)) {
            throw new IllegalArgumentException("data spec '" + spec + "': test must be the share held out at the end, a number"
                    + " in [0, 1) such as 0.2 (0 for no test part), got '" + t + "'");
        }
        return f;
    }

    private static long seed(String spec, String s) {
        String t = s.strip();
        if (!t.matches("-?\\d{1,18}")) {
            throw new IllegalArgumentException("data spec '" + spec + "': seed must be an integer, got '" + t + "'");
        }
        return Long.parseLong(t);
    }

    private static ImageFolderOptions imageOptions(String spec, Map<String, String> opts) {
        ImageFolderOptions.Builder b = ImageFolderOptions.builder();
        if (opts.containsKey("size")) {
            int[] hw = imageSize(spec, opts.get("size"), "size");
            b.size(hw[0], hw[1]);
        }
        String channels = opts.getOrDefault("channels", "1").strip();
        if (!channels.equals("1") && !channels.equals("3")) {
            throw new IllegalArgumentException("data spec '" + spec + "': channels must be 1 (grey) or 3 (RGB), got '"
                    + channels + "'");
        }
        b.channels(Integer.parseInt(channels));
        String crop = opts.getOrDefault("crop", "none").strip().toLowerCase(Locale.ROOT);
        if (!crop.equals("none") && !crop.equals("center") && !crop.equals("centre")) {
            throw new IllegalArgumentException("data spec '" + spec + "': crop must be center or none, got '" + crop + "'");
        }
        b.centreCrop(!crop.equals("none"));
        if (opts.containsKey("test")) {
            String t = opts.get("test").strip();
            double f;
            try {
                f = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                f = Double.NaN;
            }
            if (!(f > 0 && f < 1)) {
                throw new IllegalArgumentException("data spec '" + spec + "': test must be the fraction of the images to hold"
                        + " out, a number between 0 and 1 such as 0.1, got '" + t + "' (a folder pair train/ and test/"
                        + " inside DIR is found without this option)");
            }
            b.testFraction(f);
        }
        if (opts.containsKey("seed")) {
            if (!opts.containsKey("test")) {
                throw new IllegalArgumentException("data spec '" + spec + "': seed= shuffles the test=FRACTION split; give test= too");
            }
            String s = opts.get("seed").strip();
            if (!s.matches("-?\\d{1,18}")) {
                throw new IllegalArgumentException("data spec '" + spec + "': seed must be an integer, got '" + s + "'");
            }
            b.seed(Long.parseLong(s));
        }
        String skip = opts.getOrDefault("skip-bad", "no").strip().toLowerCase(Locale.ROOT);
        if (!skip.equals("yes") && !skip.equals("no")) {
            throw new IllegalArgumentException("data spec '" + spec + "': skip-bad must be yes or no, got '" + skip + "'");
        }
        b.skipBad(skip.equals("yes"));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("data spec '" + spec + "': " + e.getMessage(), e);
        }
    }

    /** A 0-based column index of a range; digits only (the caller's pattern), but maybe too many of them. */
    private static int columnIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column index " + digits + " is too large (at most " + Integer.MAX_VALUE + ")");
        }
    }

    private static int[] imageSize(String spec, String s) {
        return imageSize(spec, s, "image");
    }

    private static int[] imageSize(String spec, String s, String option) {
        String[] hw = s.strip().toLowerCase(Locale.ROOT).split("x");
        if (hw.length != 2 || !hw[0].matches("[1-9]\\d{0,4}") || !hw[1].matches("[1-9]\\d{0,4}")) {
            throw new IllegalArgumentException("data spec '" + spec + "': " + option + " must be HEIGHTxWIDTH, e.g. 28x28, got '" + s + "'");
        }
        return new int[] {Integer.parseInt(hw[0]), Integer.parseInt(hw[1])};
    }

    private static char delimiter(String d) {
        return switch (d.toLowerCase(Locale.ROOT)) {
            case "tab", "\\t", "\t" -> '\t';
            case "space", " " -> ' ';
            case "comma" -> ',';
            case "semicolon" -> ';';
            default -> {
                if (d.length() != 1) {
                    throw new IllegalArgumentException("delimiter must be one character, tab or space, got '" + d + "'");
                }
                yield d.charAt(0);
            }
        };
    }

    private static Path[] idxPair(String spec, String s) {
        String[] parts = s.split(",", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("data spec '" + spec + "': expected IMAGES[,LABELS], got '" + s + "'");
        }
        return new Path[] {path(spec, parts[0]), parts.length == 2 ? path(spec, parts[1]) : null};
    }

    private static Path path(String spec, String s) {
        if (s.isBlank()) {
            throw new IllegalArgumentException("data spec '" + spec + "': missing file name");
        }
        return Path.of(s.strip());
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        for (String ext : new String[] {".gz", ".csv", ".tsv", ".txt", ".idx3-ubyte", ".idx1-ubyte"}) {
            if (n.endsWith(ext)) {
                n = n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }
}
