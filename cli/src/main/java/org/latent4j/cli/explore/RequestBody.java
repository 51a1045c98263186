package org.latent4j.cli.explore;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;
import org.latent4j.io.Json;

/**
 * A JSON request body, read strictly: an object with known fields only, every number finite and inside the range
 * the field allows, every array of the length the model needs. Each violation is an {@link ApiException} (400)
 * naming the field, the position and what would be accepted.
 */
final class RequestBody {
    private final ObjectNode root;

    private RequestBody(ObjectNode root) {
        this.root = root;
    }

    /** Parses {@code bytes} as one JSON object whose field names are all in {@code allowed}. */
    static RequestBody parse(byte[] bytes, Set<String> allowed) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(bytes);
        } catch (JacksonException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("the body could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object such as {\"z\": [[0, 0]]}, got "
                    + (node == null || node.isMissingNode() ? "nothing" : node.getNodeType().toString().toLowerCase()));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown field '" + shorten(name) + "'; accepted: " + allowed);
            }
        }
        return new RequestBody((ObjectNode) node);
    }

    boolean has(String field) {
        return root.hasNonNull(field);
    }

    /** An integer field in [min, max], or {@code otherwise} when absent. */
    int integer(String field, int min, int max, int otherwise) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw ApiException.badRequest(field + " must be an integer from " + min + " to " + max + ", got " + shorten(v.toString()));
        }
        return v.intValue();
    }

    /** A finite number field in [min, max], or {@code otherwise} when absent. */
    double number(String field, double min, double max, double otherwise) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < min || v.doubleValue() > max) {
            throw ApiException.badRequest(field + " must be a number from " + min + " to " + max + ", got " + shorten(v.toString()));
        }
        return v.doubleValue();
    }

    /** A string field among {@code choices}, or {@code otherwise} when absent. */
    String choice(String field, Set<String> choices, String otherwise) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isTextual() || !choices.contains(v.textValue())) {
            throw ApiException.badRequest(field + " must be one of " + choices + ", got " + shorten(v.toString()));
        }
        return v.textValue();
    }

    /** A required array of {@code length} finite numbers, each in [-limit, limit]. */
    float[] vector(String field, int length, double limit) {
        JsonNode v = required(field);
        float[] out = new float[length];
        readRow(v, field, length, limit, out, 0);
        return out;
    }

    /** A required array of 1 to {@code maxRows} rows of {@code cols} finite numbers in [-limit, limit], row-major. */
    float[] matrix(String field, int cols, int maxRows, double limit) {
        JsonNode v = required(field);
        if (!v.isArray() || v.isEmpty()) {
            throw ApiException.badRequest(field + " must be a non-empty array of rows of " + cols + " numbers, got "
                    + shorten(v.toString()));
        }
        if (v.size() > maxRows) {
            throw ApiException.badRequest(field + " has " + v.size() + " rows; at most " + maxRows + " per request");
        }
        float[] out = new float[v.size() * cols];
        for (int r = 0; r < v.size(); r++) {
            readRow(v.get(r), field + "[" + r + "]", cols, limit, out, r * cols);
        }
        return out;
    }

    /** A required array of 1 to {@code maxCount} integers in [0, bound) (repeats allowed). */
    int[] indices(String field, int bound, int maxCount) {
        JsonNode v = required(field);
        if (!v.isArray() || v.isEmpty()) {
            throw ApiException.badRequest(field + " must be a non-empty array of row indices, got " + shorten(v.toString()));
        }
        if (v.size() > maxCount) {
            throw ApiException.badRequest(field + " has " + v.size() + " entries; at most " + maxCount + " per request");
        }
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = v.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToInt() || e.intValue() < 0 || e.intValue() >= bound) {
                throw ApiException.badRequest(field + "[" + i + "] must be a row index from 0 to " + (bound - 1)
                        + ", got " + shorten(e.toString()));
            }
            out[i] = e.intValue();
        }
        return out;
    }

    private JsonNode required(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            throw ApiException.badRequest("the field '" + field + "' is missing");
        }
        return v;
    }

    private static void readRow(JsonNode v, String where, int length, double limit, float[] out, int at) {
        if (!v.isArray() || v.size() != length) {
            throw ApiException.badRequest(where + " must be an array of " + length + " numbers, got "
                    + (v.isArray() ? v.size() + " values" : shorten(v.toString())));
        }
        for (int j = 0; j < length; j++) {
            JsonNode e = v.get(j);
            // Jackson reads 1e999 as Infinity; NaN is not JSON at all (a parse error above) and arrives as null from JS.
            if (!e.isNumber() || !Double.isFinite(e.doubleValue()) || Math.abs(e.doubleValue()) > limit) {
                throw ApiException.badRequest(where + "[" + j + "] must be a finite number from " + -limit + " to " + limit
                        + ", got " + shorten(e.toString()));
            }
            out[at + j] = (float) e.doubleValue();
        }
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
