package org.latent4j.cli.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The last check before a command prints or writes what it computed: a NaN or infinite figure is never
 * reported as a result. The model's weights and the data are checked to be finite when they are read, so
 * a non-finite figure means the computation itself went out of range; the command then fails (exit code
 * 1) naming the figure, where it is, and that, instead of writing "NaN" into a table or file.
 */
public final class FiniteResults {
    private static final String WHY = "not a finite number, so it is not reported (the model's weights and the data"
            + " are finite: the computation went out of range, e.g. a likelihood of 0 or a value beyond float range)";

    private FiniteResults() {}

    /** Checks one figure, e.g. {@code check("elbo", e.elbo())}. */
    public static double check(String figure, double value) {
        if (!Double.isFinite(value)) {
            throw new ArithmeticException(figure + " is " + value + ": " + WHY);
        }
        return value;
    }

    /** Checks a row-major table of figures ({@code cols} per row), naming the first bad row and column. */
    public static float[] check(String figure, float[] values, int cols) {
        return check(figure, values, cols, 0);
    }

    /** As {@link #check(String, float[], int)} for a block of rows that starts at row {@code firstRow}. */
    public static float[] check(String figure, float[] values, int cols, int firstRow) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new ArithmeticException(figure + " of row " + (firstRow + i / cols) + (cols > 1 ? ", column " + i % cols : "")
                        + " is " + values[i] + ": " + WHY);
            }
        }
        return values;
    }

    /** As {@link #check(String, float[], int)} for doubles. */
    public static double[] check(String figure, double[] values, int cols) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new ArithmeticException(figure + " of row " + i / cols + (cols > 1 ? ", column " + i % cols : "")
                        + " is " + values[i] + ": " + WHY);
            }
        }
        return values;
    }

    /** Checks every number in a JSON result (a summary or an evaluation), naming the first bad field. */
    public static <T extends JsonNode> T check(T result) {
        String bad = firstNonFinite(result, "");
        if (bad != null) {
            throw new ArithmeticException(bad + ": " + WHY);
        }
        return result;
    }

    private static String firstNonFinite(JsonNode node, String path) {
        if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            return (path.isEmpty() ? "the result" : path) + " is " + node.doubleValue();
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String bad = firstNonFinite(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
                if (bad != null) {
                    return bad;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String bad = firstNonFinite(node.get(i), path + "[" + i + "]");
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
    }
}
