package org.latent4j.data;

import java.util.List;

/**
 * A numeric CSV file read in double precision (for code that needs it, e.g. Gaussian mixtures fitted
 * on values printed with 9 significant digits). {@link #toDataset(String)} narrows it to float32.
 *
 * @param source      the file
 * @param x           the chosen feature columns, row-major, divided by the scale option
 * @param columnNames the features' header names, or null without a header
 * @param labels      the label column as 0-based class numbers, or null
 * @param labelNames  the text of each class when the labels were not integers, or null
 */
public record CsvTable(String source, double[] x, int rows, int cols, List<String> columnNames,
                       int[] labels, List<String> labelNames) {
    public CsvTable {
        if (x.length != (long) rows * cols) {
            throw new IllegalArgumentException(source + ": " + rows + "x" + cols + " needs " + (long) rows * cols
                    + " values, got " + x.length);
        }
        columnNames = columnNames == null ? null : List.copyOf(columnNames);
        labelNames = labelNames == null ? null : List.copyOf(labelNames);
    }

    /** Row r, column c. */
    public double get(int r, int c) {
        return x[r * cols + c];
    }

    /**
     * The values as float32, with labels and names; a value beyond float32's range (about ±3.4e38) is
     * refused naming its data row and column rather than turned into an infinity.
     */
    public Dataset toDataset(String name) throws BadDataException {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
            if (Float.isInfinite(f[i])) {
                int c = i % cols;
                throw new BadDataException(source, "data row " + (i / cols + 1) + ", column "
                        + (columnNames != null ? "'" + columnNames.get(c) + "'" : "number " + (c + 1)) + " of the features: "
                        + x[i] + " is beyond float32's range (about ±3.4e38); divide the values with the scale option");
            }
        }
        return new Dataset(name, source, f, rows, cols, labels, labelNames, columnNames, 0, 0);
    }
}
