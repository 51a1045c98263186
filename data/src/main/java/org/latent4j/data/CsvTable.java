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

    /** The values as float32, with labels and names. */
    public Dataset toDataset(String name) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return new Dataset(name, source, f, rows, cols, labels, labelNames, columnNames, 0, 0);
    }
}
