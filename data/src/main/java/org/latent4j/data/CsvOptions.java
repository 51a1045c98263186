package org.latent4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * How to read a numeric CSV file with {@link CsvReader}.
 *
 * @param header    whether the first line holds column names: YES, NO, or AUTO (a header if one of
 *                  its feature cells is not a number)
 * @param delimiter the field separator, e.g. {@code ','}, {@code ';'} or {@code '\t'}
 * @param label     the column holding class labels (integers, or text mapped to 0..k-1 in sorted order), or null
 * @param columns   the feature columns, in this order; empty means every column except the label
 * @param scale     every feature value is divided by this (255 turns 0-255 pixels into [0, 1])
 */
public record CsvOptions(Header header, char delimiter, Column label, List<Column> columns, double scale) {

    public enum Header { YES, NO, AUTO }

    /** A column chosen by its header name or by its 0-based index (negative counts from the end: -1 is the last). */
    public sealed interface Column {
        record Name(String name) implements Column {
            @Override public String toString() { return "'" + name + "'"; }
        }

        record Index(int index) implements Column {
            @Override public String toString() { return "index " + index; }
        }

        /** An integer is an index, anything else a name. */
        static Column parse(String s) {
            String t = s.strip();
            if (t.matches("-?\\d+")) {
                try {
                    return new Index(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("column index " + t + " is out of range (" + Integer.MIN_VALUE
                            + " to " + Integer.MAX_VALUE + ")");
                }
            }
            if (t.isEmpty()) {
                throw new IllegalArgumentException("empty column name");
            }
            return new Name(t);
        }
    }

    public CsvOptions {
        if (header == null) {
            throw new IllegalArgumentException("header must be YES, NO or AUTO");
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("cannot use " + (int) delimiter + " as a CSV delimiter");
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive number, got " + scale);
        }
        columns = List.copyOf(columns);
    }

    /** Comma-separated, header detected, no label, all columns, no scaling. */
    public static CsvOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link CsvOptions}; starts from {@link #defaults()}. */
    public static final class Builder {
        private Header header = Header.AUTO;
        private char delimiter = ',';
        private Column label;
        private final List<Column> columns = new ArrayList<>();
        private double scale = 1;

        public Builder header(Header h) { this.header = h; return this; }
        public Builder delimiter(char d) { this.delimiter = d; return this; }
        public Builder label(String name) { this.label = new Column.Name(name); return this; }
        public Builder label(int index) { this.label = new Column.Index(index); return this; }
        public Builder label(Column c) { this.label = c; return this; }
        public Builder columns(String... names) { for (String n : names) columns.add(new Column.Name(n)); return this; }
        public Builder columns(int... indices) { for (int i : indices) columns.add(new Column.Index(i)); return this; }
        public Builder column(Column c) { columns.add(c); return this; }
        /** How many feature columns have been chosen so far. */
        public int columnCount() { return columns.size(); }
        public Builder scale(double s) { this.scale = s; return this; }

        public CsvOptions build() {
            return new CsvOptions(header, delimiter, label, columns, scale);
        }
    }
}
