package org.latent4j.data;

import java.util.List;

/**
 * Which fields of a delimited file's lines a reader takes: one optional key column (the label of a
 * {@link CsvReader} table, the time of a series) and the data columns, either those named or indexed in the
 * options or, when none are, every column but the key. Both readers resolve their options here, once the
 * first line fixes the field count, so that a column is chosen and refused with the same words in both.
 *
 * @param key    the key column's index, or −1 without one
 * @param chosen the data columns' indices, in the order chosen
 */
public record ColumnChoice(int key, int[] chosen) {

    /**
     * What a reader calls its columns in messages.
     *
     * @param keyRole    the key column's role ("label", "time")
     * @param dataRole   a data column's role ("feature", "value")
     * @param dataPlural the data columns' role in the plural ("feature columns", "value columns")
     */
    public record Roles(String keyRole, String dataRole, String dataPlural) {}

    /**
     * Resolves the options against a file whose lines have {@code fieldCount} fields, the first one on line
     * {@code firstLine}; {@code header} is that line's fields when it is a header, else null.
     *
     * @throws BadDataException naming the file, the column and what would be accepted, when an index is out of
     *                          range, a name is not in the header (or there is none), a column is chosen twice or
     *                          as both key and data, or no data column is left
     */
    public static ColumnChoice resolve(String source, int fieldCount, int firstLine, List<String> header,
                                       CsvOptions.Column key, List<CsvOptions.Column> columns, Roles roles)
            throws BadDataException {
        int keyIndex = key == null ? -1 : index(source, fieldCount, firstLine, header, key, roles.keyRole());
        int[] chosen;
        if (columns.isEmpty()) {
            chosen = new int[fieldCount - (keyIndex >= 0 ? 1 : 0)];
            for (int c = 0, k = 0; c < fieldCount; c++) {
                if (c != keyIndex) {
                    chosen[k++] = c;
                }
            }
        } else {
            chosen = new int[columns.size()];
            for (int k = 0; k < chosen.length; k++) {
                int c = index(source, fieldCount, firstLine, header, columns.get(k), roles.dataRole());
                if (c == keyIndex) {
                    throw new BadDataException(source, "column " + columns.get(k) + " is the " + roles.keyRole()
                            + " column; it cannot also be a " + roles.dataRole() + " column");
                }
                for (int j = 0; j < k; j++) {
                    if (chosen[j] == c) {
                        throw new BadDataException(source, "column " + columns.get(k) + " is chosen twice");
                    }
                }
                chosen[k] = c;
            }
        }
        if (chosen.length == 0) {
            throw new BadDataException(source, "no " + roles.dataPlural() + " (line " + firstLine + " has " + fieldCount
                    + " field" + (fieldCount == 1 ? "" : "s") + (keyIndex >= 0 ? ", the " + roles.keyRole()
                    + " column among them)" : ")"));
        }
        return new ColumnChoice(keyIndex, chosen);
    }

    private static int index(String source, int fieldCount, int firstLine, List<String> header, CsvOptions.Column col,
                             String role) throws BadDataException {
        return switch (col) {
            case CsvOptions.Column.Index(int i) -> {
                int c = i < 0 ? fieldCount + i : i;
                if (c < 0 || c >= fieldCount) {
                    throw new BadDataException(source, role + " column index " + i + " is outside the " + fieldCount
                            + " columns of line " + firstLine + " (indices start at 0; -1 is the last)");
                }
                yield c;
            }
            case CsvOptions.Column.Name(String n) -> {
                if (header == null) {
                    throw new BadDataException(source, role + " column '" + n + "' is chosen by name, but the file has no"
                            + " header (choose it by 0-based index, or set header=yes)");
                }
                int c = header.indexOf(n);
                if (c < 0) {
                    throw new BadDataException(source, "no " + role + " column '" + n + "' in the header on line "
                            + firstLine + "; the columns are " + header);
                }
                yield c;
            }
        };
    }
}
