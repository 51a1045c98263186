package org.latent4j.data.series;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import org.latent4j.data.CsvReader;

/**
 * The time of each step of a series: the cells of its time column as written ({@link #label(int)}, for
 * messages, CSV output and figures) and as a number that orders them ({@link #key(int)}: the value itself
 * for numbers, seconds since 1970-01-01T00:00 for dates and date-times; a local date-time is read as if in
 * UTC). Without a time column the steps are numbered 0, 1, 2, ...
 *
 * @param column the time column's name (or index), or null when the series has none
 * @param kind   how the cells were read
 * @param labels the cells as written, one per step
 * @param keys   the cells as numbers, strictly increasing
 */
public record TimeAxis(String column, Kind kind, List<String> labels, double[] keys) {

    /** How the time cells are written. */
    public enum Kind {
        /** No time column: the step's index. */
        INDEX,
        /** A plain number (a year, seconds, ...). */
        NUMBER,
        /** An ISO date ({@code 2001-12-29}) or a date in the given {@code time-format}. */
        DATE,
        /** An ISO date-time ({@code 2001-12-29T10:00}, a space for the T, optionally a zone offset or Z). */
        DATETIME
    }

    public TimeAxis {
        labels = List.copyOf(labels);
        if (labels.size() != keys.length) {
            throw new IllegalArgumentException(labels.size() + " time labels for " + keys.length + " keys");
        }
    }

    /** Steps numbered 0 to steps-1. */
    public static TimeAxis index(int steps) {
        String[] l = new String[steps];
        double[] k = new double[steps];
        for (int i = 0; i < steps; i++) {
            l[i] = Integer.toString(i);
            k[i] = i;
        }
        return new TimeAxis(null, Kind.INDEX, List.of(l), k);
    }

    public int size() {
        return keys.length;
    }

    /** The time of step i as written in the file. */
    public String label(int i) {
        return labels.get(i);
    }

    /** The time of step i as an ordering number. */
    public double key(int i) {
        return keys[i];
    }

    /** The steps from..to-1 of this axis. */
    public TimeAxis slice(int from, int to) {
        return new TimeAxis(column, kind, labels.subList(from, to), java.util.Arrays.copyOfRange(keys, from, to));
    }

    /** Parses the cells of one time column, all written the same way; the first cell decides the way. */
    static final class Parser {
        /** {@code 2001-12-29T10:00}, a space for the T, optional seconds and fraction, optional Z or +01:00. */
        private static final DateTimeFormatter ISO_DATETIME = new DateTimeFormatterBuilder()
                .append(DateTimeFormatter.ISO_LOCAL_DATE)
                .optionalStart().appendLiteral('T').optionalEnd()
                .optionalStart().appendLiteral(' ').optionalEnd()
                .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
                .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
                .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().optionalEnd()
                .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
                .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
        private final DateTimeFormatter format;
        private Kind kind;

        /** @param pattern a {@link DateTimeFormatter} pattern such as {@code yyyyMMdd}, or null for ISO and numbers */
        Parser(String pattern) {
            try {
                this.format = pattern == null ? null : DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.ROOT)
                        .withResolverStyle(ResolverStyle.STRICT);
            } catch (IllegalArgumentException | ClassCastException e) {
                // ClassCastException: the JDK's pattern parser fails so on a pad letter before some fields
                throw new IllegalArgumentException("time format '" + pattern + "' is not a date-time pattern ("
                        + e.getMessage() + "; e.g. yyyyMMdd or yyyy-MM-dd HH:mm)", e);
            }
        }

        Kind kind() {
            return kind;
        }

        /**
         * The key of a cell.
         *
         * @throws IllegalArgumentException naming what was expected, when the cell is not a time like the first
         */
        double parse(String cell) {
            if (cell.isEmpty()) {
                throw new IllegalArgumentException("empty time cell (every step needs its time)");
            }
            if (format != null) {
                return withFormat(cell);
            }
            if (kind == null) {
                kind = CsvReader.isNumber(cell) ? Kind.NUMBER : cell.length() <= 10 ? Kind.DATE : Kind.DATETIME;
            }
            switch (kind) {
                case NUMBER -> {
                    if (!CsvReader.isNumber(cell)) {
                        throw new IllegalArgumentException("'" + cell + "' is not a number like the first time cell");
                    }
                    double v = Double.parseDouble(cell);
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("'" + cell + "' overflows a double (not finite)");
                    }
                    return v;
                }
                case DATE -> {
                    try {
                        return LocalDate.parse(cell).toEpochDay() * 86400.0;
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("'" + cell + "' is not an ISO date like the first time cell"
                                + " (YYYY-MM-DD, e.g. 2001-12-29; other layouts need time-format=, e.g. time-format=yyyyMMdd)");
                    }
                }
                default -> {
                    try {
                        TemporalAccessor t = ISO_DATETIME.parseBest(cell, OffsetDateTime::from, LocalDateTime::from);
                        return seconds(t instanceof OffsetDateTime o ? o.toLocalDateTime().toEpochSecond(o.getOffset())
                                : ((LocalDateTime) t).toEpochSecond(ZoneOffset.UTC), nanos(t));
                    } catch (DateTimeException e) {
                        throw new IllegalArgumentException("'" + cell + "' is not an ISO date-time like the first time cell"
                                + " (e.g. 2001-12-29T10:00:00, optionally with Z or +01:00; other layouts need time-format=)");
                    }
                }
            }
        }

        private double withFormat(String cell) {
            try {
                TemporalAccessor t = format.parseBest(cell, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
                Kind k = t instanceof LocalDate ? Kind.DATE : Kind.DATETIME;
                if (kind == null) {
                    kind = k;
                }
                return switch (t) {
                    case LocalDate d -> d.toEpochDay() * 86400.0;
                    case LocalDateTime d -> seconds(d.toEpochSecond(ZoneOffset.UTC), d.getNano());
                    case OffsetDateTime d -> seconds(d.toEpochSecond(), d.getNano());
                    default -> throw new DateTimeException("unexpected " + t);
                };
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + cell + "' does not match time-format (" + format + ")");
            }
        }

        private static int nanos(TemporalAccessor t) {
            return t instanceof OffsetDateTime o ? o.getNano() : ((LocalDateTime) t).getNano();
        }

        private static double seconds(long epochSecond, int nano) {
            return epochSecond + nano / 1e9;
        }
    }
}
