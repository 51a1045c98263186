package org.latent4j.models.training;

import com.fasterxml.jackson.databind.JsonNode;

/** Typed access to the fields of a JSON config, failing with the source and field name. */
public final class JsonFields {
    private final JsonNode node;
    private final String source;

    public JsonFields(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(source + ": expected a JSON object");
        }
        this.node = node;
        this.source = source;
    }

    private JsonNode field(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(source + ": missing field '" + name + "'");
        }
        return v;
    }

    public String text(String name) {
        JsonNode v = field(name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(source + ": field '" + name + "' should be a string, got " + v);
        }
        return v.asText();
    }

    public double number(String name) {
        JsonNode v = field(name);
        if (!v.isNumber()) {
            throw new IllegalArgumentException(source + ": field '" + name + "' should be a number, got " + v);
        }
        return v.asDouble();
    }

    public int integer(String name) {
        JsonNode v = field(name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException(source + ": field '" + name + "' should be an integer, got " + v);
        }
        return v.asInt();
    }

    public long longValue(String name) {
        JsonNode v = field(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(source + ": field '" + name + "' should be an integer, got " + v);
        }
        return v.asLong();
    }

    public int[] intArray(String name) {
        JsonNode v = field(name);
        if (!v.isArray()) {
            throw new IllegalArgumentException(source + ": field '" + name + "' should be an array of integers, got " + v);
        }
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isIntegralNumber()) {
                throw new IllegalArgumentException(source + ": field '" + name + "' should be an array of integers, got " + v);
            }
            out[i] = v.get(i).asInt();
        }
        return out;
    }

    /** An integer field that must be at least {@code min}. */
    public int integer(String name, int min) {
        int v = integer(name);
        if (v < min) {
            throw new IllegalArgumentException(source + ": field '" + name + "' should be an integer >= " + min + ", got " + v);
        }
        return v;
    }

    /** A number field that must be finite and at least {@code min}. */
    public double number(String name, double min) {
        double v = number(name);
        if (!(v >= min) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(source + ": field '" + name + "' should be a finite number >= " + min
                    + ", got " + node.get(name));
        }
        return v;
    }

    /** An array of integers, each at least {@code min}. */
    public int[] intArray(String name, int min) {
        int[] v = intArray(name);
        for (int x : v) {
            if (x < min) {
                throw new IllegalArgumentException(source + ": field '" + name + "' should hold integers >= " + min
                        + ", got " + node.get(name));
            }
        }
        return v;
    }

    /** A text field turned into a value by {@code parse}, whose complaint is reported under the field's name. */
    public <T> T parsed(String name, java.util.function.Function<String, T> parse) {
        String text = text(name);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": field '" + name + "': " + e.getMessage(), e);
        }
    }
}
