package org.latent4j.data.series;

import java.util.List;
import java.util.Locale;
import org.latent4j.data.CsvOptions;

/**
 * How to read a series CSV file and cut it into windows (the options of a {@code series:} data spec).
 *
 * @param time       the time column (name or 0-based index), or null when the file has none
 * @param timeFormat a {@link java.time.format.DateTimeFormatter} pattern for the time cells (e.g.
 *                   {@code yyyyMMdd}), or null for ISO dates, ISO date-times or numbers
 * @param columns    the value columns, in this order; empty means every column except the time
 * @param delimiter  the field separator
 * @param window     the steps of one window (T)
 * @param stride     the steps between the starts of two windows
 * @param test       the share of the time steps, at the end, held out for testing (0 for none)
 * @param scale      how values are scaled, fitted on the training steps only
 * @param missing    what an empty or NA cell means
 */
public record SeriesOptions(CsvOptions.Column time, String timeFormat, List<CsvOptions.Column> columns, char delimiter,
                            int window, int stride, double test, SeriesScaler.Kind scale, Missing missing) {

    /** What to do with a missing value (an empty cell, {@code NA} or {@code NaN}). */
    public enum Missing {
        /** Fail, naming the line and column. */
        ERROR,
        /** Interpolate linearly in time between the nearest values before and after (never at either end). */
        INTERPOLATE;

        public static Missing parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "error" -> ERROR;
                case "interpolate" -> INTERPOLATE;
                default -> throw new IllegalArgumentException("missing must be error or interpolate, got '" + s + "'");
            };
        }
    }

    public SeriesOptions {
        columns = List.copyOf(columns);
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1 step, got " + window);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be at least 1 step, got " + stride);
        }
        if (!(test >= 0 && test < 1)) {
            throw new IllegalArgumentException("test must be the share of the steps held out at the end, in [0, 1), got " + test);
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("cannot use " + (int) delimiter + " as a CSV delimiter");
        }
        if (scale == null || missing == null) {
            throw new IllegalArgumentException("scale and missing are required");
        }
    }

    /** Comma-separated, no time column, all columns, stride 1, 20% test, standardized, missing values refused. */
    public static SeriesOptions of(int window) {
        return new SeriesOptions(null, null, List.of(), ',', window, 1, 0.2, SeriesScaler.Kind.STANDARD, Missing.ERROR);
    }

    public SeriesOptions withWindow(int w, int s) {
        return new SeriesOptions(time, timeFormat, columns, delimiter, w, s, test, scale, missing);
    }

    public SeriesOptions withSplit(double t, SeriesScaler.Kind k) {
        return new SeriesOptions(time, timeFormat, columns, delimiter, window, stride, t, k, missing);
    }

    public SeriesOptions withTime(CsvOptions.Column column, String format) {
        return new SeriesOptions(column, format, columns, delimiter, window, stride, test, scale, missing);
    }

    public SeriesOptions withColumns(List<CsvOptions.Column> cols) {
        return new SeriesOptions(time, timeFormat, cols, delimiter, window, stride, test, scale, missing);
    }

    public SeriesOptions withMissing(Missing m) {
        return new SeriesOptions(time, timeFormat, columns, delimiter, window, stride, test, scale, m);
    }

    public SeriesOptions withDelimiter(char d) {
        return new SeriesOptions(time, timeFormat, columns, d, window, stride, test, scale, missing);
    }
}
