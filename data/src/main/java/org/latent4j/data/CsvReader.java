package org.latent4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads numeric CSV files: an optional header, an optional label column, chosen feature columns.
 * Fields may be quoted ({@code "a, b"}, with {@code ""} for a quote); blank lines and lines starting
 * with {@code #} are skipped; a UTF-8 byte order mark is ignored. Every problem names the file, the
 * line number, the column and the offending cell: rows with a different number of fields, cells
 * that are empty, not numbers, NaN or infinite.
 */
public final class CsvReader {
    private CsvReader() {}

    /** Reads the file in double precision. */
    public static CsvTable read(Path file, CsvOptions options) throws IOException {
        if (Files.isDirectory(file)) {
            throw new BadDataException(file.toString(), "is a folder, expected a CSV file");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Parse(file.toString(), options).run(in);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such CSV file");
        }
    }

    /** Reads CSV text from a reader (e.g. a classpath resource); source names it in messages. */
    public static CsvTable read(BufferedReader in, String source, CsvOptions options) throws IOException {
        return new Parse(source, options).run(in);
    }

    /** Reads the file into a float32 dataset called name. */
    public static Dataset readDataset(String name, Path file, CsvOptions options) throws IOException {
        return read(file, options).toDataset(name);
    }

    /** Parsing state of one file. */
    private static final class Parse {
        private final String source;
        private final CsvOptions options;
        private int lineNo;
        private int fieldCount = -1;
        private int firstLine;
        private List<String> header;
        private int labelIndex = -1;
        private int[] featureIndex;
        private double[] values = new double[1024];
        private int valueCount;
        private final List<String> labelCells = new ArrayList<>();

        private static final ColumnChoice.Roles ROLES = new ColumnChoice.Roles("label", "feature", "feature columns");

        Parse(String source, CsvOptions options) {
            this.source = source;
            this.options = options;
        }

        CsvTable run(BufferedReader in) throws IOException {
            int rows = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                List<String> fields = split(line);
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
                addRow(fields);
                rows++;
            }
            if (rows == 0) {
                throw new BadDataException(source, fieldCount < 0 ? "empty: no header and no data rows" : "no data rows after the header");
            }
            double[] x = Arrays.copyOf(values, valueCount);
            List<String> names = null;
            if (header != null) {
                names = new ArrayList<>();
                for (int c : featureIndex) {
                    names.add(header.get(c));
                }
            }
            int[] labels = null;
            List<String> labelNames = null;
            if (labelIndex >= 0) {
                labelNames = integerLabels() ? null : sortedDistinct();
                labels = encodeLabels(labelNames);
            }
            return new CsvTable(source, x, rows, featureIndex.length, names, labels, labelNames);
        }

        private boolean isHeader(List<String> fields) {
            return switch (options.header()) {
                case YES -> true;
                case NO -> false;
                case AUTO -> options.label() instanceof CsvOptions.Column.Name || anyNonNumeric(fields);
            };
        }

        /** A header is recognised by a text cell among the features (label cells may be text in data rows too). */
        private boolean anyNonNumeric(List<String> fields) {
            int label = options.label() instanceof CsvOptions.Column.Index(int i) ? (i < 0 ? fields.size() + i : i) : -1;
            for (int c = 0; c < fields.size(); c++) {
                if (c != label && !isNumber(fields.get(c))) {
                    return true;
                }
            }
            return false;
        }

        private void resolveColumns() throws BadDataException {
            ColumnChoice choice = ColumnChoice.resolve(source, fieldCount, firstLine, header, options.label(),
                    options.columns(), ROLES);
            labelIndex = choice.key();
            featureIndex = choice.chosen();
        }

        private void addRow(List<String> fields) throws BadDataException {
            if (valueCount + featureIndex.length > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, valueCount + featureIndex.length));
            }
            for (int c : featureIndex) {
                double v = number(fields.get(c), c);
                double scaled = v / options.scale();
                if (!Double.isFinite(scaled)) {
                    throw error("column " + columnName(c) + ": '" + fields.get(c) + "' divided by scale=" + options.scale()
                            + " is beyond a double's range (not finite); choose a larger scale");
                }
                values[valueCount++] = scaled;
            }
            if (labelIndex >= 0) {
                String l = fields.get(labelIndex);
                if (l.isEmpty()) {
                    throw error("column " + columnName(labelIndex) + ": empty label");
                }
                labelCells.add(l);
            }
        }

        private double number(String cell, int c) throws BadDataException {
            if (cell.isEmpty()) {
                throw error("column " + columnName(c) + ": empty cell, expected a number");
            }
            if (!isNumber(cell)) {
                String lower = cell.toLowerCase(java.util.Locale.ROOT);
                boolean special = lower.contains("nan") || lower.contains("inf");
                throw error("column " + columnName(c) + ": '" + cell + "' is " + (special
                        ? "not a finite number (NaN and infinity are not accepted)" : "not a number"));
            }
            double v = Double.parseDouble(cell);
            if (!Double.isFinite(v)) {
                throw error("column " + columnName(c) + ": '" + cell + "' overflows a double (not finite)");
            }
            return v;
        }

        private String columnName(int c) {
            return c + (header != null ? " (" + header.get(c) + ")" : "");
        }

        private boolean integerLabels() {
            for (String s : labelCells) {
                if (!s.matches("\\d{1,9}")) {
                    return false;
                }
            }
            return true;
        }

        private List<String> sortedDistinct() {
            return List.copyOf(new TreeSet<>(labelCells));
        }

        private int[] encodeLabels(List<String> names) {
            int[] y = new int[labelCells.size()];
            Map<String, Integer> index = new HashMap<>();
            if (names != null) {
                for (int i = 0; i < names.size(); i++) {
                    index.put(names.get(i), i);
                }
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = names == null ? Integer.parseInt(labelCells.get(i)) : index.get(labelCells.get(i));
            }
            return y;
        }

        private List<String> split(String line) throws BadDataException {
            try {
                return fields(line, options.delimiter());
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        private BadDataException error(String problem) {
            return new BadDataException(source, "line " + lineNo + (problem.startsWith("column") ? ", " : ": ") + problem);
        }
    }

    /**
     * Splits one line on the delimiter, honouring double quotes ({@code "a, b"}, {@code ""} for a quote);
     * fields are trimmed. Shared by the readers of CSV-like text (tables and series).
     *
     * @throws IllegalArgumentException for a quoted field that does not end on this line
     */
    public static List<String> fields(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"' && cur.toString().isBlank()) {
                quoted = true;
                cur.setLength(0);
            } else if (ch == delimiter) {
                fields.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field (fields cannot span lines)");
        }
        fields.add(cur.toString().strip());
        return fields;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Plain decimal notation only: digits, one point, an exponent; no hex, no NaN/Infinity, no 'd'/'f' suffix. */
    public static boolean isNumber(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }
}
