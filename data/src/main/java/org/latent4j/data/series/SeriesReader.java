package org.latent4j.data.series;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.latent4j.data.BadDataException;
import org.latent4j.data.CsvOptions;
import org.latent4j.data.ColumnChoice;
import org.latent4j.data.CsvReader;

/**
 * Reads a series from CSV text: an optional header, an optional time column, one or more numeric value
 * columns, one line per time step in increasing time. The first line is a header when one of its cells is
 * neither a number nor a time. Blank lines and lines starting with {@code #} are skipped; fields are split
 * as {@link CsvReader#fields(String, char)} does. Every problem names the file, the line and the column: a
 * row with another number of fields, a value that is not a finite number, a missing value (empty, {@code NA}
 * or {@code NaN}; interpolated instead with {@link SeriesOptions.Missing#INTERPOLATE}), a time that does not
 * parse or that is not after the previous line's (duplicated or out of order).
 */
public final class SeriesReader {
    private SeriesReader() {}

    /** Reads a series file. */
    public static SeriesTable read(Path file, SeriesOptions options) throws IOException {
        if (Files.isDirectory(file)) {
            throw new BadDataException(file.toString(), "is a folder, expected a CSV file of a series");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString(), options);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such CSV file");
        }
    }

    /** Reads series text from a reader; source names it in messages. */
    public static SeriesTable read(BufferedReader in, String source, SeriesOptions options) throws IOException {
        return new Parse(source, options).run(in);
    }

    /** The text of a missing value. */
    static boolean isMissing(String cell) {
        String c = cell.toLowerCase(Locale.ROOT);
        return c.isEmpty() || c.equals("na") || c.equals("nan") || c.equals("n/a") || c.equals("null");
    }

    private static final class Parse {
        private final String source;
        private final SeriesOptions options;
        private final TimeAxis.Parser timeParser;
        private int lineNo;
        private int fieldCount = -1;
        private int firstLine;
        private List<String> header;
        private int timeIndex = -1;
        private int[] valueIndex;
        private double[] values = new double[1024];
        private int valueCount;
        private final List<String> timeLabels = new ArrayList<>();
        private double[] keys = new double[256];
        private final List<Integer> lines = new ArrayList<>();
        private boolean anyMissing;

        private static final ColumnChoice.Roles ROLES = new ColumnChoice.Roles("time", "value", "value columns");

        Parse(String source, SeriesOptions options) {
            this.source = source;
            this.options = options;
            try {
                this.timeParser = new TimeAxis.Parser(options.timeFormat());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("time-format '" + options.timeFormat() + "' is not a date-time pattern: "
                        + e.getMessage() + " (e.g. yyyyMMdd or yyyy-MM-dd HH:mm)", e);
            }
        }

        SeriesTable run(BufferedReader in) throws IOException {
            int steps = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                List<String> fields;
                try {
                    fields = CsvReader.fields(line, options.delimiter());
                } catch (IllegalArgumentException e) {
                    throw error(e.getMessage());
                }
                if (fieldCount < 0) {
                    fieldCount = fields.size();
                    firstLine = lineNo;
                    if (isHeader(fields)) {
                        header = fields;
                        resolveColumns();
                        continue;
                    }
                    resolveColumns();
                } else if (fields.size() != fieldCount) {
                    throw error("has " + fields.size() + " fields, expected " + fieldCount + " (as on line " + firstLine + ")");
                }
                addStep(fields, steps);
                steps++;
            }
            if (steps == 0) {
                throw new BadDataException(source, fieldCount < 0 ? "empty: no header and no data rows" : "no data rows after the header");
            }
            double[] x = Arrays.copyOf(values, valueCount);
            int interpolated = anyMissing ? interpolate(x, steps) : 0;
            List<String> names = new ArrayList<>();
            for (int c : valueIndex) {
                names.add(header != null ? header.get(c) : "column " + c);
            }
            TimeAxis axis = timeIndex < 0 ? TimeAxis.index(steps)
                    : new TimeAxis(header != null ? header.get(timeIndex) : "column " + timeIndex, timeParser.kind(),
                            timeLabels, Arrays.copyOf(keys, steps));
            return new SeriesTable(source, axis, x, steps, valueIndex.length, names, interpolated);
        }

        /** A header has a cell that is neither a number nor, in the time column, a time. */
        private boolean isHeader(List<String> fields) throws BadDataException {
            int t = timeColumnIfIndex(fields.size());
            if (options.time() instanceof CsvOptions.Column.Name || options.columns().stream()
                    .anyMatch(c -> c instanceof CsvOptions.Column.Name)) {
                return true;
            }
            for (int c = 0; c < fields.size(); c++) {
                String cell = fields.get(c);
                if (c == t) {
                    try {
                        new TimeAxis.Parser(options.timeFormat()).parse(cell);
                    } catch (IllegalArgumentException e) {
                        return true;
                    }
                } else if (!CsvReader.isNumber(cell) && !isMissing(cell)) {
                    return true;
                }
            }
            return false;
        }

        private int timeColumnIfIndex(int n) {
            return options.time() instanceof CsvOptions.Column.Index(int i) ? (i < 0 ? n + i : i) : -1;
        }

        private void resolveColumns() throws BadDataException {
            ColumnChoice choice = ColumnChoice.resolve(source, fieldCount, firstLine, header, options.time(),
                    options.columns(), ROLES);
            timeIndex = choice.key();
            valueIndex = choice.chosen();
        }

        private void addStep(List<String> fields, int step) throws BadDataException {
            if (valueCount + valueIndex.length > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, valueCount + valueIndex.length));
            }
            for (int c : valueIndex) {
                values[valueCount++] = number(fields.get(c), c);
            }
            lines.add(lineNo);
            if (timeIndex >= 0) {
                String cell = fields.get(timeIndex);
                double key;
                try {
                    key = timeParser.parse(cell);
                } catch (IllegalArgumentException e) {
                    throw error("column " + columnName(timeIndex) + ": " + e.getMessage());
                }
                if (step > 0) {
                    double prev = keys[step - 1];
                    if (key == prev) {
                        throw error("column " + columnName(timeIndex) + ": time '" + cell + "' repeats the time of line "
                                + lines.get(step - 1) + " (duplicated timestamps are not accepted: one line per time step)");
                    }
                    if (!(key > prev)) {
                        throw error("column " + columnName(timeIndex) + ": time '" + cell + "' is before '"
                                + timeLabels.get(step - 1) + "' on line " + lines.get(step - 1)
                                + " (the times must increase from line to line: sort the file by time)");
                    }
                }
                if (step == keys.length) {
                    keys = Arrays.copyOf(keys, keys.length * 2);
                }
                keys[step] = key;
                timeLabels.add(cell);
            }
        }

        private double number(String cell, int c) throws BadDataException {
            if (isMissing(cell)) {
                if (options.missing() == SeriesOptions.Missing.INTERPOLATE) {
                    anyMissing = true;
                    return Double.NaN;
                }
                throw error("column " + columnName(c) + ": " + (cell.isEmpty() ? "empty cell" : "'" + cell + "'")
                        + ", a missing value; fill it in, or add missing=interpolate to the data spec to interpolate"
                        + " linearly between the values before and after it in time");
            }
            if (!CsvReader.isNumber(cell)) {
                String lower = cell.toLowerCase(Locale.ROOT);
                throw error("column " + columnName(c) + ": '" + cell + "' is " + (lower.contains("inf")
                        ? "not a finite number (infinity is not accepted)" : "not a number"));
            }
            double v = Double.parseDouble(cell);
            if (!Double.isFinite(v)) {
                throw error("column " + columnName(c) + ": '" + cell + "' overflows a double (not finite)");
            }
            return v;
        }

        /** Fills NaN cells linearly in time (the key) between the nearest values of the same column. */
        private int interpolate(double[] x, int steps) throws BadDataException {
            int features = valueIndex.length;
            double[] t = timeIndex < 0 ? null : keys;
            int filled = 0;
            for (int f = 0; f < features; f++) {
                int prev = -1;
                for (int s = 0; s < steps; s++) {
                    if (Double.isNaN(x[s * features + f])) {
                        continue;
                    }
                    if (prev < s - 1) {
                        if (prev < 0) {
                            throw new BadDataException(source, "line " + lines.get(0) + ", column " + columnName(valueIndex[f])
                                    + ": missing value at the start of the series; missing=interpolate fills a gap only"
                                    + " between two values (remove the leading lines without a value)");
                        }
                        double t0 = t == null ? prev : t[prev];
                        double t1 = t == null ? s : t[s];
                        double v0 = x[prev * features + f];
                        double v1 = x[s * features + f];
                        for (int m = prev + 1; m < s; m++) {
                            double tm = t == null ? m : t[m];
                            x[m * features + f] = v0 + (v1 - v0) * ((tm - t0) / (t1 - t0));
                            filled++;
                        }
                    }
                    prev = s;
                }
                if (prev < steps - 1) {
                    throw new BadDataException(source, "line " + lines.get(prev + 1) + ", column " + columnName(valueIndex[f])
                            + ": missing value " + (prev < 0 ? "in every line" : "at the end of the series")
                            + "; missing=interpolate fills a gap only between two values");
                }
            }
            return filled;
        }

        private String columnName(int c) {
            return c + (header != null ? " (" + header.get(c) + ")" : "");
        }

        private BadDataException error(String problem) {
            return new BadDataException(source, "line " + lineNo + (problem.startsWith("column") ? ", " : ": ") + problem);
        }
    }
}
