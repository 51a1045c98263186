package org.latent4j.cli.explore;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.IntStream;
import org.latent4j.io.Json;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.random.RandomSource;

/**
 * The explorer of a model with an encoder and a decoder (VAE, convolutional VAE, autoencoder): the data's latent
 * means drawn in the plane, and the API that decodes codes, reconstructs rows, traverses one dimension,
 * interpolates and samples.
 *
 * <p>Every model call holds one lock: a module's evaluation mode ({@code EvalMode}) is a flag on the shared
 * module, and the matrix products already use every thread, so concurrent requests queue here rather than race.
 */
final class LatentExplorer implements ExploredRun {
    /** Most codes decoded (or rows encoded) by one request. */
    static final int MAX_BATCH = 64;
    /** Most images in a traversal or an interpolation strip. */
    static final int MAX_STEPS = 32;
    /** Largest |z_j| accepted: far beyond where any trained decoder has seen data, still finite after any layer. */
    static final double Z_LIMIT = 1000;
    /** Largest |x| accepted in a row to encode. */
    static final double X_LIMIT = 1e6;

    private final ExploredModel model;
    /** A Gaussian mixture fitted to the latent codes (ex-post density estimation), or null. */
    private final GaussianMixture latentMixture;
    private final DataPoints data;
    private final ObjectNode runInfo;
    private final Object lock = new Object();
    private final float[] means;
    private final double[] plane;
    private final Projection projection;
    private final double[] spread;
    private final Integer[] order;
    private final int[] imageShape;

    /**
     * Encodes every row of {@code data} (in batches of 1,000) and fits the projection; {@code runInfo} holds the
     * run's metrics and config as they are shown.
     */
    LatentExplorer(ExploredModel model, DataPoints data, ObjectNode runInfo) {
        this(model, null, data, runInfo);
    }

    /** As above, with {@code latentMixture} (null: none) offered as the sampler {@code mixture} beside the prior. */
    LatentExplorer(ExploredModel model, GaussianMixture latentMixture, DataPoints data, ObjectNode runInfo) {
        if (latentMixture != null && latentMixture.parameters().d() != model.latentDim()) {
            throw new IllegalArgumentException("the latent mixture has " + latentMixture.parameters().d()
                    + " dimensions but the model's latent space " + model.latentDim());
        }
        this.latentMixture = latentMixture;
        if (data.cols() != model.inputDim()) {
            throw new IllegalArgumentException(data.name() + " has " + data.cols() + " columns but the model expects "
                    + model.inputDim() + "; give the data it was trained on with --data");
        }
        this.model = model;
        this.data = data;
        this.runInfo = runInfo;
        int n = data.rows();
        int d = model.latentDim();
        means = new float[n * d];
        double[] klSum = new double[d];
        double[] sum = new double[d];
        double[] sumSq = new double[d];
        for (int s = 0; s < n; s += 1000) {
            int rows = Math.min(1000, n - s);
            ExploredModel.Codes c = model.encode(Arrays.copyOfRange(data.x(), s * data.cols(), (s + rows) * data.cols()), rows);
            System.arraycopy(c.mu(), 0, means, s * d, rows * d);
            for (int i = 0; i < rows * d; i++) {
                int j = i % d;
                double mu = c.mu()[i];
                sum[j] += mu;
                sumSq[j] += mu * mu;
                if (c.logVar() != null) {
                    double lv = c.logVar()[i];
                    // KL(N(μ, σ²) ‖ N(0, 1)) per dimension: ½(μ² + σ² − 1 − log σ²) (Kingma & Welling 2014, appendix B)
                    klSum[j] += 0.5 * (mu * mu + Math.exp(lv) - 1 - lv);
                }
            }
        }
        spread = new double[d];
        for (int j = 0; j < d; j++) {
            spread[j] = model.hasPrior() ? klSum[j] / n : sumSq[j] / n - (sum[j] / n) * (sum[j] / n);
        }
        order = IntStream.range(0, d).boxed().sorted(Comparator.comparingDouble((Integer j) -> -spread[j])).toArray(Integer[]::new);
        double[] wide = new double[n * d];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = means[i];
        }
        projection = Projection.of(wide, d);
        plane = projection.project(wide);
        int[] shape = data.imageShape();
        imageShape = shape;
    }

    @Override
    public ObjectNode meta() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("kind", model.kind());
        o.put("input_dim", model.inputDim());
        o.put("latent_dim", model.latentDim());
        if (imageShape != null) {
            o.putObject("image").put("height", imageShape[0]).put("width", imageShape[1]);
        } else {
            o.putNull("image");
        }
        o.set("data", dataJson());
        o.set("projection", projection.toJson("z"));
        o.put("dimension_measure", model.hasPrior() ? "kl" : "variance");
        ArrayNode dims = o.putArray("dimensions");
        for (int j : order) {
            dims.addObject().put("index", j).put(model.hasPrior() ? "kl" : "variance", spread[j]);
        }
        ArrayNode samplers = o.putArray("samplers");
        if (model.hasPrior()) {
            samplers.add("prior");
        }
        if (latentMixture != null) {
            samplers.add("mixture");
        }
        o.put("decoder", true);
        ObjectNode limits = o.putObject("limits");
        limits.put("batch", MAX_BATCH).put("steps", MAX_STEPS).put("z", Z_LIMIT);
        o.set("run", runInfo);
        return o;
    }

    private ObjectNode dataJson() {
        ObjectNode d = Json.mapper().createObjectNode();
        d.put("name", data.name()).put("source", data.source()).put("rows", data.rows()).put("total_rows", data.totalRows());
        if (data.labelNames() != null) {
            ArrayNode names = d.putArray("label_names");
            data.labelNames().forEach(names::add);
        }
        return d;
    }

    @Override
    public ObjectNode points() {
        ObjectNode o = Json.mapper().createObjectNode();
        int n = data.rows();
        o.put("count", n);
        ArrayNode xs = o.putArray("x");
        ArrayNode ys = o.putArray("y");
        for (int i = 0; i < n; i++) {
            xs.add((float) plane[2 * i]);
            ys.add((float) plane[2 * i + 1]);
        }
        if (data.labels() != null) {
            ArrayNode labels = o.putArray("label");
            for (int i = 0; i < n; i++) {
                labels.add(data.labels()[i]);
            }
        }
        return o;
    }

    @Override
    public ObjectNode call(String name, byte[] body) {
        return switch (name) {
            case "encode" -> encode(body);
            case "decode" -> decode(body);
            case "traverse" -> traverse(body);
            case "interpolate" -> interpolate(body);
            case "sample" -> sample(body);
            case "lift" -> lift(body);
            default -> throw new ApiException(404, "no API call named '" + name + "'; there are encode, decode,"
                    + " traverse, interpolate, sample, lift (POST) and meta, points (GET)");
        };
    }

    /** {@code {"indices": [i, ...]}} (rows of the shown data) or {@code {"x": [[...], ...]}}: codes, originals, reconstructions. */
    private ObjectNode encode(byte[] bytes) {
        RequestBody b = RequestBody.parse(bytes, Set.of("indices", "x"));
        int[] indices = null;
        float[] x;
        int rows;
        if (b.has("indices") == b.has("x")) {
            throw ApiException.badRequest("give either 'indices' (rows of the data shown, 0 to " + (data.rows() - 1)
                    + ") or 'x' (rows of " + model.inputDim() + " values), not both or neither");
        }
        if (b.has("indices")) {
            indices = b.indices("indices", data.rows(), MAX_BATCH);
            rows = indices.length;
            x = new float[rows * data.cols()];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(data.x(), indices[r] * data.cols(), x, r * data.cols(), data.cols());
            }
        } else {
            x = b.matrix("x", model.inputDim(), MAX_BATCH, X_LIMIT);
            rows = x.length / model.inputDim();
        }
        float[] mu;
        float[] recon;
        synchronized (lock) {
            mu = model.encode(x, rows).mu();
            recon = model.decode(mu, rows);
        }
        requireFinite(recon, "reconstruction");
        ObjectNode o = Json.mapper().createObjectNode();
        ArrayNode items = o.putArray("items");
        int d = model.latentDim();
        for (int r = 0; r < rows; r++) {
            ObjectNode item = items.addObject();
            if (indices != null) {
                item.put("index", indices[r]);
                if (data.labels() != null) {
                    item.put("label", data.labels()[indices[r]]);
                }
                item.put("x_plane", plane[2 * indices[r]]).put("y_plane", plane[2 * indices[r] + 1]);
            }
            item.set("z", floats(mu, r * d, d));
            item.set("original", image(x, r));
            item.set("reconstruction", image(recon, r));
        }
        return o;
    }

    /** {@code {"z": [[...], ...]}}: the decoded image of each code. */
    private ObjectNode decode(byte[] bytes) {
        RequestBody b = RequestBody.parse(bytes, Set.of("z"));
        float[] z = b.matrix("z", model.latentDim(), MAX_BATCH, Z_LIMIT);
        return decoded(z);
    }

    /** {@code {"z": [...], "dim": j, "steps": n, "span": s}}: z with z_j moved over z_j − s … z_j + s. */
    private ObjectNode traverse(byte[] bytes) {
        RequestBody b = RequestBody.parse(bytes, Set.of("z", "dim", "steps", "span"));
        int d = model.latentDim();
        float[] z = b.vector("z", d, Z_LIMIT);
        int dim = b.integer("dim", 0, d - 1, -1);
        if (dim < 0) {
            throw ApiException.badRequest("the field 'dim' is missing: the latent dimension to move, 0 to " + (d - 1));
        }
        int steps = b.integer("steps", 2, MAX_STEPS, 9);
        double span = b.number("span", 1e-6, Z_LIMIT, 3);
        float[] zs = new float[steps * d];
        for (int s = 0; s < steps; s++) {
            System.arraycopy(z, 0, zs, s * d, d);
            double v = z[dim] - span + 2 * span * s / (steps - 1);
            zs[s * d + dim] = (float) Math.max(-Z_LIMIT, Math.min(Z_LIMIT, v));
        }
        return decoded(zs);
    }

    /** {@code {"from": [...], "to": [...], "steps": n}}: codes on the segment, ends included, decoded. */
    private ObjectNode interpolate(byte[] bytes) {
        RequestBody b = RequestBody.parse(bytes, Set.of("from", "to", "steps"));
        int d = model.latentDim();
        float[] from = b.vector("from", d, Z_LIMIT);
        float[] to = b.vector("to", d, Z_LIMIT);
        int steps = b.integer("steps", 2, MAX_STEPS, 10);
        float[] zs = new float[steps * d];
        for (int s = 0; s < steps; s++) {
            float t = (float) s / (steps - 1);
            for (int j = 0; j < d; j++) {
                zs[s * d + j] = (1 - t) * from[j] + t * to[j];
            }
        }
        return decoded(zs);
    }

    /**
     * {@code {"n": n, "seed": s, "sampler": "prior" | "mixture"}}: z ~ N(0, I), or z drawn from the Gaussian mixture
     * fitted to the latent codes when the run has one; decoded.
     */
    private ObjectNode sample(byte[] bytes) {
        RequestBody b = RequestBody.parse(bytes, Set.of("n", "seed", "sampler"));
        Set<String> samplers = latentMixture == null ? Set.of("prior") : Set.of("prior", "mixture");
        if (!model.hasPrior() && latentMixture == null) {
            throw ApiException.badRequest("a " + model.kind() + " has no prior to sample from");
        }
        String sampler = b.choice("sampler", samplers, model.hasPrior() ? "prior" : "mixture");
        if (sampler.equals("prior") && !model.hasPrior()) {
            throw ApiException.badRequest("a " + model.kind() + " has no prior to sample from; use \"sampler\": \"mixture\"");
        }
        int n = b.integer("n", 1, MAX_BATCH, 16);
        int seed = b.integer("seed", 0, Integer.MAX_VALUE, 1);
        float[] z;
        synchronized (lock) {
            if (sampler.equals("mixture")) {
                double[] draws = latentMixture.sample(n, new RandomSource(seed)).x();
                z = new float[draws.length];
                for (int i = 0; i < z.length; i++) {
                    z[i] = (float) draws[i];
                }
            } else {
                z = model.samplePrior(n, new RandomSource(seed));
            }
        }
        return decoded(z);
    }

    /** {@code {"x": p1, "y": p2}}: the latent point a point of the plane stands for ({@link Projection#lift}). */
    private ObjectNode lift(byte[] bytes) {
        RequestBody b = RequestBody.parse(bytes, Set.of("x", "y"));
        double p1 = b.number("x", -Z_LIMIT, Z_LIMIT, Double.NaN);
        double p2 = b.number("y", -Z_LIMIT, Z_LIMIT, Double.NaN);
        if (Double.isNaN(p1) || Double.isNaN(p2)) {
            throw ApiException.badRequest("both 'x' and 'y' (the point of the plane) are needed");
        }
        double[] z = projection.lift(p1, p2);
        ObjectNode o = Json.mapper().createObjectNode();
        ArrayNode a = o.putArray("z");
        for (double v : z) {
            a.add((float) v);
        }
        return o;
    }

    private ObjectNode decoded(float[] z) {
        int d = model.latentDim();
        int rows = z.length / d;
        float[] x;
        synchronized (lock) {
            x = model.decode(z, rows);
        }
        requireFinite(x, "decoded value");
        ObjectNode o = Json.mapper().createObjectNode();
        ArrayNode items = o.putArray("items");
        for (int r = 0; r < rows; r++) {
            ObjectNode item = items.addObject();
            item.set("z", floats(z, r * d, d));
            item.set("image", image(x, r));
        }
        return o;
    }

    /** A PNG data URL of row r when the data are images, else the row's values. */
    private com.fasterxml.jackson.databind.JsonNode image(float[] x, int r) {
        if (imageShape != null) {
            return Json.mapper().getNodeFactory().textNode(Images.pngDataUrl(x, r, imageShape[0], imageShape[1]));
        }
        return floats(x, r * model.inputDim(), model.inputDim());
    }

    private static ArrayNode floats(float[] v, int from, int length) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (int i = 0; i < length; i++) {
            a.add(v[from + i]);
        }
        return a;
    }

    /** A decoder that overflows at an extreme z answers 422 rather than showing NaN as an image. */
    private static void requireFinite(float[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new ApiException(422, "the model gave a non-finite " + what + " (" + v[i] + " at position " + i
                        + "); try a code closer to the data");
            }
        }
    }
}
