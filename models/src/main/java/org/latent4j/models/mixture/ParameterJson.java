package org.latent4j.models.mixture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.latent4j.io.AtomicFiles;
import org.latent4j.io.Json;
import org.latent4j.models.gaussian.CovarianceType;

/**
 * Mixture parameters as JSON, the format scikit-learn's reference script reads:
 * {@code {"weights": [k], "means": [k][d], "covariances": …}} with covariances [k][d][d] (full),
 * [d][d] (tied), [k][d] (diag) or [k] (spherical). Errors name the file and the field.
 */
public final class ParameterJson {
    private ParameterJson() {}

    /** Reads parameters of the given covariance type from a JSON file. */
    public static MixtureParameters read(Path file, CovarianceType type) throws IOException {
        JsonNode root = Json.read(file);
        String where = file.toString();
        if (!root.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object with weights, means and covariances");
        }
        double[] weights = vector(root, "weights", where);
        int k = weights.length;
        double[][] means = matrix(root.get("means"), where + ": means", k, -1);
        int d = means[0].length;
        double[] cov = switch (type) {
            case FULL -> {
                JsonNode node = field(root, "covariances", where);
                if (!node.isArray() || node.size() != k) {
                    throw new IllegalArgumentException(where + ": covariances: expected " + k
                            + " matrices of " + d + "×" + d + " (one per weight) for full covariances");
                }
                double[] out = new double[k * d * d];
                for (int j = 0; j < k; j++) {
                    double[][] m = matrix(node.get(j), where + ": covariances[" + j + "]", d, d);
                    for (int r = 0; r < d; r++) {
                        System.arraycopy(m[r], 0, out, (j * d + r) * d, d);
                    }
                }
                yield out;
            }
            case TIED -> flatten(matrix(field(root, "covariances", where), where + ": covariances", d, d));
            case DIAG -> flatten(matrix(field(root, "covariances", where), where + ": covariances", k, d));
            case SPHERICAL -> {
                double[] v = vector(root, "covariances", where);
                if (v.length != k) {
                    throw new IllegalArgumentException(where + ": covariances: expected " + k
                            + " variances for spherical covariances, got " + v.length);
                }
                yield v;
            }
        };
        try {
            return new MixtureParameters(type, k, d, weights, flatten(means), cov);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** Writes parameters as JSON (atomically). */
    public static void write(Path file, MixtureParameters p) throws IOException {
        AtomicFiles.writeString(file, Json.write(toJson(p)) + "\n");
    }

    /** Parameters as a JSON object. */
    public static ObjectNode toJson(MixtureParameters p) {
        ObjectNode root = Json.mapper().createObjectNode();
        int k = p.k();
        int d = p.d();
        ArrayNode w = root.putArray("weights");
        for (double v : p.weightsView()) {
            w.add(v);
        }
        ArrayNode means = root.putArray("means");
        for (int j = 0; j < k; j++) {
            ArrayNode row = means.addArray();
            for (int c = 0; c < d; c++) {
                row.add(p.meansView()[j * d + c]);
            }
        }
        double[] cov = p.covariancesView();
        ArrayNode cn = root.putArray("covariances");
        switch (p.type()) {
            case FULL -> {
                for (int j = 0; j < k; j++) {
                    addMatrix(cn.addArray(), cov, j * d * d, d, d);
                }
            }
            case TIED -> addMatrix(cn, cov, 0, d, d);
            case DIAG -> addMatrix(cn, cov, 0, k, d);
            case SPHERICAL -> {
                for (double v : cov) {
                    cn.add(v);
                }
            }
        }
        return root;
    }

    private static void addMatrix(ArrayNode node, double[] a, int off, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            ArrayNode row = node.addArray();
            for (int c = 0; c < cols; c++) {
                row.add(a[off + r * cols + c]);
            }
        }
    }

    private static JsonNode field(JsonNode root, String name, String where) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(where + ": missing field '" + name + "'");
        }
        return node;
    }

    private static double[] vector(JsonNode root, String name, String where) {
        JsonNode node = field(root, name, where);
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + name + ": expected a non-empty array of numbers");
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(node.get(i), where + ": " + name + "[" + i + "]");
        }
        return out;
    }

    /** A rows×cols matrix (cols −1: any, the same for every row). */
    private static double[][] matrix(JsonNode node, String where, int rows, int cols) {
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(where + ": missing");
        }
        if (!node.isArray() || node.size() != rows) {
            throw new IllegalArgumentException(where + ": expected an array of " + rows + " rows, got "
                    + (node.isArray() ? node.size() + " rows" : node.getNodeType().toString().toLowerCase()));
        }
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            JsonNode row = node.get(r);
            int want = cols >= 0 ? cols : (r == 0 && row.isArray() ? row.size() : out[0].length);
            if (!row.isArray() || row.size() != want || want == 0) {
                throw new IllegalArgumentException(where + "[" + r + "]: expected an array of " + want + " numbers");
            }
            out[r] = new double[want];
            for (int c = 0; c < want; c++) {
                out[r][c] = number(row.get(c), where + "[" + r + "][" + c + "]");
            }
        }
        return out;
    }

    private static double number(JsonNode v, String where) {
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(where + ": expected a number, got " + (v == null ? "nothing" : v.toString()));
        }
        double x = v.doubleValue();
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException(where + ": expected a finite number, got " + v);
        }
        return x;
    }

    private static double[] flatten(double[][] m) {
        int cols = m[0].length;
        double[] out = new double[m.length * cols];
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, out, r * cols, cols);
        }
        return out;
    }
}
