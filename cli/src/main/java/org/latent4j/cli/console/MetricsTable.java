package org.latent4j.cli.console;

import java.util.List;
import java.util.Locale;

/**
 * A compact table printed a row at a time (e.g. one row per epoch): the header goes out with the first
 * row, every cell is right-aligned in a column as wide as its header or its declared width.
 */
public final class MetricsTable {
    /**
     * One column.
     *
     * @param name   the header
     * @param width  the narrowest the column may be
     * @param format how a cell is formatted ({@link String#format}, {@link Locale#ROOT}); null cells print as "-"
     */
    public record Column(String name, int width, String format) {
        /** A column of numbers with two decimals. */
        public static Column number(String name) {
            return new Column(name, 8, "%.2f");
        }

        /** A column of text. */
        public static Column text(String name, int width) {
            return new Column(name, width, "%s");
        }
    }

    private final Console console;
    private final List<Column> columns;
    private boolean headerDone;

    MetricsTable(Console console, List<Column> columns) {
        this.console = console;
        this.columns = List.copyOf(columns);
    }

    /** Prints one row (and the header first, once); one value per column. */
    public void row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("a row of " + values.length + " values for " + columns.size() + " columns");
        }
        if (!headerDone) {
            headerDone = true;
            String[] names = new String[columns.size()];
            for (int c = 0; c < names.length; c++) {
                names[c] = columns.get(c).name();
            }
            console.info(line(names));
        }
        String[] cells = new String[values.length];
        for (int c = 0; c < values.length; c++) {
            cells[c] = values[c] == null ? "-" : String.format(Locale.ROOT, columns.get(c).format(), values[c]);
        }
        console.info(line(cells));
    }

    /** The cells right-aligned, two spaces apart. */
    String line(String[] cells) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            Column col = columns.get(c);
            int width = Math.max(col.width(), col.name().length());
            if (c > 0) {
                sb.append("  ");
            }
            sb.append(" ".repeat(Math.max(0, width - cells[c].length()))).append(cells[c]);
        }
        return sb.toString();
    }
}
