package org.latent4j.spark.vae;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.latent4j.io.ArrayData;
import org.latent4j.io.Json;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.vae.GaussianEncoder.Encoding;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.random.RandomSource;
import org.latent4j.spark.ModelDirectory;
import org.latent4j.spark.Rows;
import org.latent4j.tensor.Tensor;

/**
 * A trained VAE as a Spark ML model: {@code transform} adds the encoder's mean μ(x) and standard deviation
 * σ(x) (vectors) and an anomaly score, the negative importance-weighted log-likelihood −log p(x) estimated
 * with {@code importanceSamples} samples (Burda et al. 2016; higher is more anomalous). The weights are
 * broadcast once; each partition builds the network once and scores its rows in batches of
 * {@code batchRows}, so scoring a table costs one pass over it. The noise of each partition comes from
 * (seed, partition index): a fixed partitioning gives the same scores run after run.
 *
 * <p>{@code write().save(path)} writes latent4j's own VAE model directory ({@link VaeFiles}), which the
 * CLI opens ({@code latent4j sample}, {@code score}, ...); {@link #load} reads one, also one the CLI wrote.
 */
public final class VaeModel extends Model<VaeModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final transient org.latent4j.models.vae.Vae vae;
    private final transient List<EpochResult> history;
    private final Param<String> featuresCol;
    private final Param<String> muCol;
    private final Param<String> sigmaCol;
    private final Param<String> scoreCol;
    private final IntParam importanceSamples;
    private final IntParam batchRows;
    private final LongParam seed;

    VaeModel(String uid, org.latent4j.models.vae.Vae vae, List<EpochResult> history) {
        this.uid = uid;
        this.vae = vae;
        this.history = history == null ? List.of() : List.copyOf(history);
        featuresCol = new Param<>(this, "featuresCol", "the vector column of the rows to encode and score");
        muCol = new Param<>(this, "muCol", "output column: the encoder mean μ(x), a vector");
        sigmaCol = new Param<>(this, "sigmaCol", "output column: the encoder standard deviation σ(x), a vector");
        scoreCol = new Param<>(this, "scoreCol", "output column: the anomaly score −log p(x) (importance-weighted)");
        importanceSamples = new IntParam(this, "importanceSamples", "samples of z per row for the score (>= 1)", ParamValidators.gtEq(1));
        batchRows = new IntParam(this, "batchRows", "rows per batch of inference (>= 1)", ParamValidators.gtEq(1));
        seed = new LongParam(this, "seed", "seed of the importance samples");
        setDefault(featuresCol, "features");
        setDefault(muCol, "mu");
        setDefault(sigmaCol, "sigma");
        setDefault(scoreCol, "anomaly_score");
        setDefault(importanceSamples, 50);
        setDefault(batchRows, 256);
        setDefault(seed, 0L);
    }

    /** A Spark model over a VAE trained on one machine. */
    public static VaeModel of(org.latent4j.models.vae.Vae trained) {
        return new VaeModel(Identifiable.randomUID("latent4jVaeModel"), trained, null);
    }

    public Param<String> featuresCol() { return featuresCol; }
    public Param<String> muCol() { return muCol; }
    public Param<String> sigmaCol() { return sigmaCol; }
    public Param<String> scoreCol() { return scoreCol; }
    public IntParam importanceSamples() { return importanceSamples; }
    public IntParam batchRows() { return batchRows; }
    public LongParam seed() { return seed; }

    @Override
    public String uid() {
        return uid;
    }

    public VaeModel setFeaturesCol(String v) { set(featuresCol, v); return this; }
    public VaeModel setMuCol(String v) { set(muCol, v); return this; }
    public VaeModel setSigmaCol(String v) { set(sigmaCol, v); return this; }
    public VaeModel setScoreCol(String v) { set(scoreCol, v); return this; }
    public VaeModel setImportanceSamples(int v) { set(importanceSamples, v); return this; }
    public VaeModel setBatchRows(int v) { set(batchRows, v); return this; }
    public VaeModel setSeed(long v) { set(seed, v); return this; }

    /** The trained network (latent4j's single-machine VAE). */
    public org.latent4j.models.vae.Vae vae() {
        return vae;
    }

    /** Each epoch's training figures (empty for a loaded model). */
    public List<EpochResult> history() {
        return history;
    }

    static StructType outputSchema(StructType schema, String mu, String sigma, String score) {
        StructType out = Rows.addColumn(schema, mu, Rows.vectorType());
        out = Rows.addColumn(out, sigma, Rows.vectorType());
        return Rows.addColumn(out, score, Rows.doubleType());
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Rows.requireVectorColumn(schema, $(featuresCol), "features");
        return outputSchema(schema, $(muCol), $(sigmaCol), $(scoreCol));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        Dataset<Row> df = dataset.toDF();
        int fi = df.schema().fieldIndex($(featuresCol));
        String fc = $(featuresCol);
        int samples = (Integer) $(importanceSamples);
        int batch = (Integer) $(batchRows);
        long s = (Long) $(seed);
        Map<String, ArrayData> stateArrays = vae.stateArrays();
        double[] flat = new double[Flat.length(stateArrays)];
        Flat.add(stateArrays, 1.0, flat, 0);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
        Broadcast<double[]> weights = sc.broadcast(flat);
        String cfg = vae.config().toJson().toString();
        Function2<Integer, Iterator<Row>, Iterator<Row>> score = (p, it) -> {
            org.latent4j.models.vae.Vae local = Networks.with(cfg, weights.value());
            local.train(false);
            return new Scored(it, local, fi, fc, samples, batch, new RandomSource(Training.seedOf(s, p)));
        };
        JavaRDD<Row> rows = df.toJavaRDD().mapPartitionsWithIndex(score, true);
        return df.sparkSession().createDataFrame(rows, out);
    }

    /** Seeds per partition. */
    static final class Training {
        static long seedOf(long seed, int partition) {
            return seed * 0x9E3779B97F4A7C15L + 0xD1B54A32D192ED03L * (partition + 1);
        }
    }

    /** A partition's rows with μ, σ and the score added, a batch at a time. */
    private static final class Scored implements Iterator<Row> {
        private final Iterator<Row> it;
        private final org.latent4j.models.vae.Vae vae;
        private final int fi;
        private final String fc;
        private final int samples;
        private final int batch;
        private final RandomSource rng;
        private final List<Row> pending = new ArrayList<>();
        private int next;
        private long seen;

        Scored(Iterator<Row> it, org.latent4j.models.vae.Vae vae, int fi, String fc, int samples, int batch, RandomSource rng) {
            this.it = it;
            this.vae = vae;
            this.fi = fi;
            this.fc = fc;
            this.samples = samples;
            this.batch = batch;
            this.rng = rng;
        }

        @Override
        public boolean hasNext() {
            if (next < pending.size()) {
                return true;
            }
            pending.clear();
            next = 0;
            List<Row> in = new ArrayList<>();
            while (it.hasNext() && in.size() < batch) {
                in.add(it.next());
            }
            if (in.isEmpty()) {
                return false;
            }
            int d = vae.config().inputDim();
            int m = in.size();
            float[] x = new float[m * d];
            for (int i = 0; i < m; i++) {
                Object v = in.get(i).get(fi);
                if (!(v instanceof Vector vec) || vec.size() != d) {
                    throw new IllegalArgumentException("row " + (seen + i) + " of its partition: column '" + fc
                            + "' must be a vector of " + d + " values, got " + v);
                }
                for (int c = 0; c < d; c++) {
                    x[i * d + c] = (float) vec.apply(c);
                }
            }
            DataMatrix data = new DataMatrix("rows " + seen + ".." + (seen + m - 1) + " of a partition of column '" + fc + "'", x, m, d);
            Encoding e = vae.encode(Tensor.of(x, m, d));
            float[] mu = e.mu().data();
            float[] sigma = e.sigma().data();
            double[] nll = vae.score(data, samples, rng).negativeLogLikelihood();
            int latent = vae.config().latentDim();
            for (int i = 0; i < m; i++) {
                Row r = in.get(i);
                Object[] values = new Object[r.length() + 3];
                for (int c = 0; c < r.length(); c++) {
                    values[c] = r.get(c);
                }
                values[r.length()] = vector(mu, i * latent, latent);
                values[r.length() + 1] = vector(sigma, i * latent, latent);
                values[r.length() + 2] = nll[i];
                pending.add(RowFactory.create(values));
            }
            seen += m;
            return true;
        }

        private static Vector vector(float[] a, int o, int n) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = a[o + i];
            }
            return new DenseVector(v);
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
    public VaeModel copy(ParamMap extra) {
        VaeModel c = new VaeModel(uid, vae, history);
        copyValues(c, extra);
        return c.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** Reads a VAE model directory (written by {@code write().save(path)} or by the CLI). */
    public static MLReader<VaeModel> read() {
        return new Reader();
    }

    /** As {@code read().load(path)}. */
    public static VaeModel load(String path) {
        return read().load(path);
    }

    private static final class Writer extends MLWriter {
        private final VaeModel model;

        Writer(VaeModel model) {
            this.model = model;
        }

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
                spark.put("muCol", model.$(model.muCol));
                spark.put("sigmaCol", model.$(model.sigmaCol));
                spark.put("scoreCol", model.$(model.scoreCol));
                if (!model.history.isEmpty()) {
                    meta.put("train_loss", model.history.get(model.history.size() - 1).trainLoss());
                    meta.put("epochs", model.history.size());
                }
                VaeFiles.save(model.vae, dir, meta);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
    }

    private static final class Reader extends MLReader<VaeModel> {
        @Override
        public VaeModel load(String path) {
            Path dir = ModelDirectory.of(path);
            try {
                VaeFiles.Loaded l = VaeFiles.load(dir);
                JsonNode spark = Json.mapper().readTree(Files.readString(dir.resolve("metadata.json"))).path("spark");
                VaeModel m = new VaeModel(spark.path("uid").asText(Identifiable.randomUID("latent4jVaeModel")), l.vae(), null);
                if (spark.has("featuresCol")) {
                    m.setFeaturesCol(spark.get("featuresCol").asText());
                    m.setMuCol(spark.path("muCol").asText("mu"));
                    m.setSigmaCol(spark.path("sigmaCol").asText("sigma"));
                    m.setScoreCol(spark.path("scoreCol").asText("anomaly_score"));
                }
                return m;
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
    }
}
