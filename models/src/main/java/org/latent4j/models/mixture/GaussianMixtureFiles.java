package org.latent4j.models.mixture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latent4j.io.ArrayData;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.Json;
import org.latent4j.io.ModelFiles;
import org.latent4j.io.SafeTensors;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.pca.Pca;

/**
 * A fitted mixture as a model directory ({@link ModelFiles}, kind {@value #KIND}): config.json holds k,
 * d, the covariance type and the fitting hyperparameters; model.safetensors holds {@code weights} [k],
 * {@code means} [k, d] and {@code covariances} (shape by type: [k, d, d], [d, d], [k, d] or [k]) in F64,
 * and, when the mixture was fitted on principal components, {@code pca.mean} [D],
 * {@code pca.components} [d, D] and {@code pca.explained_variance} [d], so new data in the original D
 * columns are projected the same way before scoring.
 */
public final class GaussianMixtureFiles {
    public static final String KIND = "gmm";

    private GaussianMixtureFiles() {}

    /** A mixture read back from disk, with the projection its inputs go through (or null). */
    public record Stored(GaussianMixture mixture, Pca pca) {
        /** Columns the input data must have: the PCA's input dimension, else the mixture's. */
        public int inputColumns() {
            return pca != null ? pca.inputDimension() : mixture.parameters().d();
        }

        /** Projects raw input rows to the space the mixture was fitted in. */
        public double[] prepare(double[] x) {
            return pca != null ? pca.transform(x) : x;
        }
    }

    /** As {@code save(dir, g, null, null)}: a mixture fitted on the data's own columns, no extra metadata. */
    public static void save(Path dir, GaussianMixture g) throws IOException {
        save(dir, g, null, null);
    }

    /** Writes the mixture (and optional PCA) to dir atomically; metadata may be null. */
    public static void save(Path dir, GaussianMixture g, Pca pca, ObjectNode metadata) throws IOException {
        MixtureParameters p = g.parameters();
        GaussianMixtureConfig c = g.config();
        ObjectNode config = Json.mapper().createObjectNode();
        config.put("k", p.k());
        config.put("d", p.d());
        config.put("covariance_type", p.type().label());
        config.put("reg_covar", c.regCovar());
        config.put("tol", c.tol());
        config.put("max_iter", c.maxIter());
        config.put("n_init", c.nInit());
        config.put("init", c.initialParameters() != null ? "given" : c.init().label());
        config.put("seed", c.seed());
        config.put("pca_components", pca == null ? 0 : pca.components());
        Map<String, ArrayData> arrays = new LinkedHashMap<>();
        arrays.put("weights", new ArrayData.F64(new int[] {p.k()}, p.weights()));
        arrays.put("means", new ArrayData.F64(new int[] {p.k(), p.d()}, p.means()));
        arrays.put("covariances", new ArrayData.F64(p.type().storageShape(p.k(), p.d()), p.covariances()));
        if (pca != null) {
            if (pca.components() != p.d()) {
                throw new IllegalArgumentException("the PCA has " + pca.components() + " components but the mixture "
                        + p.d() + " dimensions");
            }
            arrays.put("pca.mean", new ArrayData.F64(new int[] {pca.inputDimension()}, pca.mean()));
            arrays.put("pca.components", new ArrayData.F64(new int[] {pca.components(), pca.inputDimension()}, pca.axes()));
            arrays.put("pca.explained_variance", new ArrayData.F64(new int[] {pca.components()}, pca.explainedVariance()));
            arrays.put("pca.total_variance", new ArrayData.F64(new int[] {1}, new double[] {pca.totalVariance()}));
        }
        ModelFiles.write(dir, new ModelFiles.Bundle(KIND, config, arrays,
                metadata == null ? Json.mapper().createObjectNode() : metadata));
    }

    /** Reads a mixture directory written by {@link #save}; errors name the file and the field. */
    public static Stored load(Path dir) throws IOException {
        ModelFiles.Bundle b = ModelFiles.read(dir, KIND);
        Path configFile = dir.resolve(ModelFiles.CONFIG);
        JsonNode cfg = b.config();
        int k = positiveInt(cfg, "k", configFile);
        int d = positiveInt(cfg, "d", configFile);
        CovarianceType type;
        try {
            type = CovarianceType.parse(cfg.path("covariance_type").asText(null));
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(configFile, e.getMessage());
        }
        SafeTensors.Contents w = new SafeTensors.Contents(b.weights(), Map.of(),
                dir.resolve(ModelFiles.WEIGHTS).toString());
        MixtureParameters p;
        try {
            p = new MixtureParameters(type, k, d, w.f64("weights", k), w.f64("means", k, d),
                    w.f64("covariances", type.storageShape(k, d)));
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(dir.resolve(ModelFiles.WEIGHTS), e.getMessage());
        }
        GaussianMixtureConfig config = GaussianMixtureConfig.builder()
                .k(k).covarianceType(type)
                .regCovar(cfg.path("reg_covar").asDouble(1e-6))
                .tol(cfg.path("tol").asDouble(1e-3))
                .maxIter(Math.max(1, cfg.path("max_iter").asInt(100)))
                .nInit(Math.max(1, cfg.path("n_init").asInt(1)))
                .seed(cfg.path("seed").asLong(0))
                .build();
        GaussianMixture g = new GaussianMixture(config);
        g.restore(p);
        Pca pca = null;
        int m = cfg.path("pca_components").asInt(0);
        if (m > 0) {
            if (m != d) {
                throw new FileFormatException(configFile, "pca_components = " + m + " but d = " + d);
            }
            ArrayData mean = b.weights().get("pca.mean");
            if (mean == null || mean.shape().length != 1) {
                throw new FileFormatException(dir.resolve(ModelFiles.WEIGHTS), "missing tensor pca.mean [D]");
            }
            int big = mean.shape()[0];
            pca = new Pca(w.f64("pca.mean", big), w.f64("pca.components", m, big),
                    w.f64("pca.explained_variance", m), w.f64("pca.total_variance", 1)[0]);
        }
        return new Stored(g, pca);
    }

    private static int positiveInt(JsonNode cfg, String name, Path file) throws FileFormatException {
        JsonNode v = cfg.get(name);
        if (v == null || !v.isIntegralNumber() || v.asInt() < 1) {
            throw new FileFormatException(file, "field '" + name + "' must be an integer >= 1, got " + v);
        }
        return v.asInt();
    }
}
