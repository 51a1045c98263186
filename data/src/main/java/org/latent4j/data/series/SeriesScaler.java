package org.latent4j.data.series;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scales each feature of a series as {@code (x - offset) / scale}, with the offset and scale fitted on the
 * training steps only, so that the test part and any new data are scaled the same way; {@link #inverse}
 * brings model output (synthetic windows, reconstructions) back to the data's units. Saved with a model as
 * JSON ({@link #toJson()}, {@link #fromJson(JsonNode, String)}).
 *
 * <ul>
 *   <li>{@link Kind#STANDARD}: offset the training mean, scale the (population) standard deviation;</li>
 *   <li>{@link Kind#MINMAX}: offset the training minimum, scale its range, so training values lie in [0, 1]
 *       (test values may fall outside);</li>
 *   <li>{@link Kind#NONE}: offset 0, scale 1.</li>
 * </ul>
 * A feature that is constant over the training steps keeps scale 1 (it cannot be spread out).
 *
 * @param kind    how offset and scale were fitted
 * @param columns the features' names
 * @param offset  per feature
 * @param scale   per feature, positive
 */
public record SeriesScaler(Kind kind, List<String> columns, double[] offset, double[] scale) {

    /** How the scaler is fitted. */
    public enum Kind {
        STANDARD, MINMAX, NONE;

        /** {@code standard}, {@code minmax} or {@code none}. */
        public static Kind parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "standard" -> STANDARD;
                case "minmax" -> MINMAX;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException("scale must be standard, minmax or none, got '" + s + "'");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SeriesScaler {
        columns = List.copyOf(columns);
        if (offset.length != columns.size() || scale.length != columns.size()) {
            throw new IllegalArgumentException(columns.size() + " columns, " + offset.length + " offsets, " + scale.length + " scales");
        }
        for (int f = 0; f < scale.length; f++) {
            if (!Double.isFinite(offset[f]) || !(scale[f] > 0) || !Double.isFinite(scale[f])) {
                throw new IllegalArgumentException("feature " + columns.get(f) + ": offset " + offset[f] + " and scale "
                        + scale[f] + " must be finite, the scale positive");
            }
        }
    }

    /** The identity on the given features. */
    public static SeriesScaler identity(List<String> columns) {
        double[] one = new double[columns.size()];
        java.util.Arrays.fill(one, 1);
        return new SeriesScaler(Kind.NONE, columns, new double[columns.size()], one);
    }

    /** Fits on steps [0, steps) of a time-major series with the table's features. */
    public static SeriesScaler fit(Kind kind, SeriesTable table, int steps) {
        int nf = table.features();
        double[] offset = new double[nf];
        double[] scale = new double[nf];
        for (int f = 0; f < nf; f++) {
            scale[f] = 1;
            switch (kind) {
                case NONE -> { }
                case STANDARD -> {
                    double mean = 0;
                    for (int t = 0; t < steps; t++) {
                        mean += table.value(t, f);
                    }
                    mean /= steps;
                    double ss = 0;
                    for (int t = 0; t < steps; t++) {
                        double d = table.value(t, f) - mean;
                        ss += d * d;
                    }
                    double sd = Math.sqrt(ss / steps);
                    offset[f] = mean;
                    scale[f] = sd > 0 && Double.isFinite(sd) ? sd : 1;
                }
                case MINMAX -> {
                    double lo = Double.POSITIVE_INFINITY;
                    double hi = Double.NEGATIVE_INFINITY;
                    for (int t = 0; t < steps; t++) {
                        lo = Math.min(lo, table.value(t, f));
                        hi = Math.max(hi, table.value(t, f));
                    }
                    offset[f] = lo;
                    double range = hi - lo;
                    scale[f] = range > 0 && Double.isFinite(range) ? range : 1;
                }
            }
        }
        return new SeriesScaler(kind, table.columnNames(), offset, scale);
    }

    public int features() {
        return offset.length;
    }

    /** Scales a time-major array of values (any number of steps of these features) to float32. */
    public float[] transform(double[] values) {
        checkLength(values.length);
        float[] out = new float[values.length];
        int nf = features();
        for (int i = 0; i < values.length; i++) {
            int f = i % nf;
            out[i] = (float) ((values[i] - offset[f]) / scale[f]);
        }
        return out;
    }

    /** Brings scaled, time-major values (e.g. synthetic windows, flat [N, T*F]) back to the data's units. */
    public double[] inverse(float[] scaled) {
        checkLength(scaled.length);
        double[] out = new double[scaled.length];
        int nf = features();
        for (int i = 0; i < scaled.length; i++) {
            int f = i % nf;
            out[i] = scaled[i] * scale[f] + offset[f];
        }
        return out;
    }

    private void checkLength(int n) {
        if (n % features() != 0) {
            throw new IllegalArgumentException(n + " values are not whole steps of " + features() + " features");
        }
    }

    /** {@code {"kind": "standard", "columns": [...], "offset": [...], "scale": [...]}}. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("kind", kind.label());
        ArrayNode c = o.putArray("columns");
        columns.forEach(c::add);
        ArrayNode off = o.putArray("offset");
        ArrayNode sc = o.putArray("scale");
        for (int i = 0; i < offset.length; i++) {
            off.add(offset[i]);
            sc.add(scale[i]);
        }
        return o;
    }

    /**
     * Reads {@link #toJson()}'s form.
     *
     * @param source names the file for messages
     * @throws IllegalArgumentException naming the source and the field at fault
     */
    public static SeriesScaler fromJson(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(source + ": the series scaler must be a JSON object with kind, columns, offset and scale");
        }
        JsonNode kind = node.get("kind");
        if (kind == null || !kind.isTextual()) {
            throw new IllegalArgumentException(source + ": scaler field 'kind' must be \"standard\", \"minmax\" or \"none\"");
        }
        List<String> columns = new ArrayList<>();
        JsonNode cols = node.get("columns");
        if (cols == null || !cols.isArray() || cols.isEmpty()) {
            throw new IllegalArgumentException(source + ": scaler field 'columns' must be a non-empty array of names");
        }
        for (JsonNode c : cols) {
            if (!c.isTextual()) {
                throw new IllegalArgumentException(source + ": scaler field 'columns' must hold names (strings), found " + c);
            }
            columns.add(c.asText());
        }
        try {
            return new SeriesScaler(Kind.parse(kind.asText()), columns, numbers(node, "offset", columns.size(), source),
                    numbers(node, "scale", columns.size(), source));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(source) ? e.getMessage() : source + ": scaler: " + e.getMessage(), e);
        }
    }

    private static double[] numbers(JsonNode node, String field, int n, String source) {
        JsonNode a = node.get(field);
        if (a == null || !a.isArray() || a.size() != n) {
            throw new IllegalArgumentException(source + ": scaler field '" + field + "' must be an array of " + n
                    + " numbers (one per column)");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (!a.get(i).isNumber()) {
                throw new IllegalArgumentException(source + ": scaler field '" + field + "'[" + i + "] is not a number: " + a.get(i));
            }
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
