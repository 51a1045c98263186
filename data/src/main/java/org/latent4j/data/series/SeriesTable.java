package org.latent4j.data.series;

import java.util.List;

/**
 * A series as read from a file, in its own units: {@code steps} time steps of {@code features} values,
 * time-major ({@code values[t * features + f]}), double precision.
 *
 * @param source       the file (and how it was read), for messages and model metadata
 * @param time         the time of each step
 * @param values       the values, time-major
 * @param columnNames  the value columns' names (header names, or {@code column N} without a header)
 * @param interpolated how many missing cells were filled by linear interpolation (0 unless asked for)
 */
public record SeriesTable(String source, TimeAxis time, double[] values, int steps, int features,
                          List<String> columnNames, int interpolated) {
    public SeriesTable {
        if (steps < 1 || features < 1 || values.length != (long) steps * features) {
            throw new IllegalArgumentException(source + ": " + steps + " steps x " + features + " features need "
                    + (long) steps * features + " values, got " + values.length);
        }
        if (time.size() != steps) {
            throw new IllegalArgumentException(source + ": " + time.size() + " times for " + steps + " steps");
        }
        columnNames = List.copyOf(columnNames);
        if (columnNames.size() != features) {
            throw new IllegalArgumentException(source + ": " + columnNames.size() + " column names for " + features + " features");
        }
    }

    /** Value f at step t. */
    public double value(int t, int f) {
        return values[t * features + f];
    }

    /** The same series with other values (e.g. with anomalies injected), same time and columns. */
    public SeriesTable withValues(double[] newValues, String newSource) {
        return new SeriesTable(newSource, time, newValues, steps, features, columnNames, interpolated);
    }
}
