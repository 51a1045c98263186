package org.latent4j.spark.mixture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.latent4j.io.Json;
import org.latent4j.models.mixture.FitResult;
import org.latent4j.models.mixture.GaussianMixtureConfig;
import org.latent4j.models.mixture.GaussianMixtureFiles;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.models.mixture.MixtureStatistics;
import org.latent4j.spark.ModelDirectory;
import org.latent4j.spark.Rows;

/**
 * A fitted Gaussian mixture as a Spark ML model: {@code transform} adds the most probable component
 * ({@code prediction}, an integer), the responsibilities ({@code probability}, a vector) and log p(x)
 * ({@code log_likelihood}) to every row, computed by latent4j's log-space E-step on blocks of rows, the
 * parameters broadcast once. {@code write().save(path)} writes latent4j's own model directory
 * ({@link GaussianMixtureFiles}: config.json, model.safetensors, metadata.json, the Spark column names in
 * the metadata), which {@code latent4j score} and {@code latent4j sample} open; {@link #load} reads such a
 * directory, also one the CLI wrote.
 */
public final class GaussianMixtureModel extends Model<GaussianMixtureModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    private static final int TRANSFORM_BLOCK = 1024;

    private final String uid;
    private final GaussianMixtureConfig config;
    private final MixtureParameters parameters;
    private final FitResult fitResult;
    private final Param<String> featuresCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> logLikelihoodCol;

    GaussianMixtureModel(String uid, GaussianMixtureConfig config, MixtureParameters parameters, FitResult fitResult) {
        this.uid = uid;
        this.config = config.toBuilder().initialParameters(null).build();
        this.parameters = parameters;
        this.fitResult = fitResult;
        featuresCol = new Param<>(this, "featuresCol", "the vector column of the rows to score");
        predictionCol = new Param<>(this, "predictionCol", "output column: the most probable component");
        probabilityCol = new Param<>(this, "probabilityCol", "output column: the responsibilities p(j | x), a vector");
        logLikelihoodCol = new Param<>(this, "logLikelihoodCol", "output column: log p(x)");
        setDefault(featuresCol, "features");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(logLikelihoodCol, "log_likelihood");
    }

    /** A model over given parameters (e.g. fitted on one machine), with default column names. */
    public static GaussianMixtureModel of(org.latent4j.models.mixture.GaussianMixture fitted) {
        return new GaussianMixtureModel(Identifiable.randomUID("latent4jGaussianMixtureModel"), fitted.config(),
                fitted.parameters(), fitted.fitResult());
    }

    // Spark ML finds a stage's params through its public no-argument methods returning a Param.
    public Param<String> featuresCol() { return featuresCol; }
    public Param<String> predictionCol() { return predictionCol; }
    public Param<String> probabilityCol() { return probabilityCol; }
    public Param<String> logLikelihoodCol() { return logLikelihoodCol; }

    @Override
    public String uid() {
        return uid;
    }

    public GaussianMixtureModel setFeaturesCol(String v) { set(featuresCol, v); return this; }
    public GaussianMixtureModel setPredictionCol(String v) { set(predictionCol, v); return this; }
    public GaussianMixtureModel setProbabilityCol(String v) { set(probabilityCol, v); return this; }
    public GaussianMixtureModel setLogLikelihoodCol(String v) { set(logLikelihoodCol, v); return this; }

    /** The learned weights, means and covariances. */
    public MixtureParameters parameters() {
        return parameters;
    }

    /** What the fit did (iterations, trace, final mean log-likelihood), or null for a loaded model. */
    public FitResult fitResult() {
        return fitResult;
    }

    /** The hyperparameters, as the single-machine mixture records them. */
    public GaussianMixtureConfig config() {
        return config;
    }

    /** The same model as latent4j's single-machine mixture (for sampling, BIC, scoring arrays). */
    public org.latent4j.models.mixture.GaussianMixture toMixture() {
        return MixtureStatistics.toMixture(config, parameters);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Rows.requireVectorColumn(schema, $(featuresCol), "features");
        StructType out = Rows.addColumn(schema, $(predictionCol), DataTypes.IntegerType);
        out = Rows.addColumn(out, $(probabilityCol), Rows.vectorType());
        return Rows.addColumn(out, $(logLikelihoodCol), Rows.doubleType());
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        Dataset<Row> df = dataset.toDF();
        int fi = df.schema().fieldIndex($(featuresCol));
        String fc = $(featuresCol);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
        Broadcast<Payload> bc = sc.broadcast(Payload.of(parameters));
        // Rows in, rows out through the RDD API: Spark's Row encoders do not carry the vector type's UDT
        // through generated code reliably, and nothing here needs the optimizer.
        org.apache.spark.api.java.JavaRDD<Row> scored = df.toJavaRDD().mapPartitions(it ->
                new Scored(it, org.latent4j.models.mixture.GaussianMixture.of(bc.value().parameters()), fi, fc));
        return df.sparkSession().createDataFrame(scored, out);
    }

    /** The rows of a partition with the three columns added, scored a block of rows at a time. */
    private static final class Scored implements Iterator<Row> {
        private final Iterator<Row> it;
        private final org.latent4j.models.mixture.GaussianMixture g;
        private final int fi;
        private final String fc;
        private final int d;
        private final int k;

        Scored(Iterator<Row> it, org.latent4j.models.mixture.GaussianMixture g, int fi, String fc) {
            this.it = it;
            this.g = g;
            this.fi = fi;
            this.fc = fc;
            this.d = g.parameters().d();
            this.k = g.parameters().k();
        }

        private final List<Row> pending = new ArrayList<>();
        private int next;
        private long seen;

        @Override
        public boolean hasNext() {
            if (next < pending.size()) {
                return true;
            }
            pending.clear();
            next = 0;
            List<Row> in = new ArrayList<>();
            while (it.hasNext() && in.size() < TRANSFORM_BLOCK) {
                in.add(it.next());
            }
            if (in.isEmpty()) {
                return false;
            }
            double[] x = new double[in.size() * d];
            for (int i = 0; i < in.size(); i++) {
                Object v = in.get(i).get(fi);
                if (!(v instanceof Vector vec) || vec.size() != d) {
                    throw new IllegalArgumentException("row " + (seen + i) + " of its partition: column '" + fc
                            + "' must be a vector of " + d + " values, got " + v);
                }
                for (int c = 0; c < d; c++) {
                    x[i * d + c] = vec.apply(c);
                }
            }
            double[] resp = g.predictProba(x);
            double[] ll = g.scoreSamples(x);
            for (int i = 0; i < in.size(); i++) {
                int best = 0;
                for (int j = 1; j < k; j++) {
                    if (resp[i * k + j] > resp[i * k + best]) {
                        best = j;
                    }
                }
                Row r = in.get(i);
                Object[] values = new Object[r.length() + 3];
                for (int c = 0; c < r.length(); c++) {
                    values[c] = r.get(c);
                }
                values[r.length()] = best;
                values[r.length() + 1] = Rows.dense(resp, i * k, k);
                values[r.length() + 2] = ll[i];
                pending.add(RowFactory.create(values));
            }
            seen += in.size();
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return pending.get(next++);
        }
    }

    @Override
    public GaussianMixtureModel copy(ParamMap extra) {
        GaussianMixtureModel c = new GaussianMixtureModel(uid, config, parameters, fitResult);
        copyValues(c, extra);
        return c.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** Reads a model directory (written by {@code write().save(path)} or by the CLI). */
    public static MLReader<GaussianMixtureModel> read() {
        return new Reader();
    }

    /** As {@code read().load(path)}. */
    public static GaussianMixtureModel load(String path) {
        return read().load(path);
    }

    private static final class Writer extends MLWriter {
        private final GaussianMixtureModel model;

        Writer(GaussianMixtureModel model) {
            this.model = model;
        }

        /** Writes latent4j's files atomically; never replaces what latent4j did not write (see {@link ModelDirectory}). */
        @Override
        public void save(String path) {
            saveImpl(path);
        }

        @Override
        public void saveImpl(String path) {
            Path dir = ModelDirectory.of(path);
            try {
                ModelDirectory.checkWritable(dir, shouldOverwrite());
                ObjectNode meta = Json.mapper().createObjectNode();
                ObjectNode spark = meta.putObject("spark");
                spark.put("uid", model.uid);
                spark.put("featuresCol", model.$(model.featuresCol));
                spark.put("predictionCol", model.$(model.predictionCol));
                spark.put("probabilityCol", model.$(model.probabilityCol));
                spark.put("logLikelihoodCol", model.$(model.logLikelihoodCol));
                if (model.fitResult != null) {
                    meta.put("mean_log_likelihood", model.fitResult.meanLogLikelihood());
                    meta.put("iterations", model.fitResult.iterations());
                    meta.put("converged", model.fitResult.converged());
                }
                GaussianMixtureFiles.save(dir, model.toMixture(), null, meta);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
    }

    private static final class Reader extends MLReader<GaussianMixtureModel> {
        @Override
        public GaussianMixtureModel load(String path) {
            Path dir = ModelDirectory.of(path);
            try {
                GaussianMixtureFiles.Stored s = GaussianMixtureFiles.load(dir);
                if (s.pca() != null) {
                    throw new IllegalArgumentException("model " + dir + " was fitted on principal components of its input"
                            + " (pca_components in config.json); the Spark model scores the vector column as it is:"
                            + " project the column first, or refit on Spark");
                }
                JsonNode spark = Json.mapper().readTree(Files.readString(dir.resolve("metadata.json"))).path("spark");
                String uid = spark.path("uid").asText(Identifiable.randomUID("latent4jGaussianMixtureModel"));
                GaussianMixtureModel m = new GaussianMixtureModel(uid, s.mixture().config(), s.mixture().parameters(), null);
                if (spark.has("featuresCol")) {
                    m.setFeaturesCol(spark.get("featuresCol").asText());
                    m.setPredictionCol(spark.path("predictionCol").asText("prediction"));
                    m.setProbabilityCol(spark.path("probabilityCol").asText("probability"));
                    m.setLogLikelihoodCol(spark.path("logLikelihoodCol").asText("log_likelihood"));
                }
                return m;
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
    }
}
