package org.latent4j.spark.vae;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.latent4j.io.ArrayData;
import org.latent4j.models.training.Checkpoint;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.NonFiniteLossException;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingListener;
import org.latent4j.models.vae.LikelihoodKind;
import org.latent4j.models.vae.VaeConfig;
import org.latent4j.models.vae.VaeShards;
import org.latent4j.optim.GradientClipping;
import org.latent4j.optim.LearningRateSchedule;
import org.latent4j.optim.Optimizer;
import org.latent4j.optim.Optimizers;
import org.latent4j.random.RandomSource;
import org.latent4j.spark.Rows;
import org.latent4j.spark.TreeSum;
import org.latent4j.tensor.Tensor;

/**
 * A variational autoencoder (latent4j's {@link org.latent4j.models.vae.Vae}, MLP encoder and decoder)
 * trained data-parallel on Spark, as a Spark ML estimator over a vector column.
 *
 * <p>Two modes. {@code sync} (the default): every optimizer step is one Spark job; the driver broadcasts
 * the weights and the batch's noise, each partition computes the gradient of the rows of the global
 * mini-batch it holds ({@link VaeShards}), the gradients are summed by a deterministic tree
 * ({@link TreeSum}) and the driver takes the optimizer step. The steps are those of the single-machine
 * {@link org.latent4j.models.training.Trainer} with the same seed and global batch (same shuffles, same
 * noise), so the result equals single-machine training to float rounding; it fits when one machine is too
 * slow per step rather than too small, and when the result must not depend on the cluster. Each step pays
 * a job's latency and a weights-sized exchange, so it scales with large batches and large partitions.
 * {@code local} (local SGD, Stich 2019; "model averaging"): every partition trains on its own rows
 * (its own shuffle and noise) for {@code syncEvery} steps from the broadcast weights and optimizer state,
 * then the driver averages weights and Adam moments weighted by the partitions' rows; one job per
 * {@code syncEvery} steps of every partition at once. It scales much further, but is not the
 * single-machine run: each partition steps on its own batches, so an epoch makes as many steps per
 * partition as its rows give, and the average of models drifts from plain SGD as {@code syncEvery} grows.
 *
 * <p>A checkpoint ({@link Checkpoint}, as the CLI writes them) is written on the driver after each epoch
 * when {@code checkpointDir} is set; listeners ({@link #addListener}) hear each epoch as the CLI's
 * progress does.
 */
public final class Vae extends Estimator<VaeModel> {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> featuresCol;
    private final IntParam latentDim;
    private final IntArrayParam hidden;
    private final Param<String> likelihood;
    private final IntParam epochs;
    private final IntParam batchSize;
    private final DoubleParam learningRate;
    private final Param<String> optimizer;
    private final Param<String> mode;
    private final IntParam syncEvery;
    private final LongParam seed;
    private final Param<String> checkpointDir;
    private final transient List<TrainingListener> listeners = new ArrayList<>();

    public Vae() {
        this(Identifiable.randomUID("latent4jVae"));
    }

    public Vae(String uid) {
        this.uid = uid;
        featuresCol = new Param<>(this, "featuresCol", "the vector column of the rows to fit");
        latentDim = new IntParam(this, "latentDim", "latent dimension (>= 1)", ParamValidators.gtEq(1));
        hidden = new IntArrayParam(this, "hidden", "hidden layer widths of the encoder (the decoder mirrors them)");
        likelihood = new Param<>(this, "likelihood", "decoder likelihood: bernoulli, gaussian, learned-gaussian or continuous-bernoulli");
        epochs = new IntParam(this, "epochs", "passes over the data (>= 1)", ParamValidators.gtEq(1));
        batchSize = new IntParam(this, "batchSize", "rows per step: the global batch (sync) or each partition's (local)", ParamValidators.gtEq(1));
        learningRate = new DoubleParam(this, "learningRate", "the optimizer's learning rate (> 0)", ParamValidators.gt(0));
        optimizer = new Param<>(this, "optimizer", "sgd, adam, adamw, rmsprop or adagrad",
                ParamValidators.inArray(Optimizers.NAMES.toArray(new String[0])));
        mode = new Param<>(this, "mode", "sync (one global step per job) or local (local SGD, averaged every syncEvery steps)",
                ParamValidators.inArray(new String[] {"sync", "local"}));
        syncEvery = new IntParam(this, "syncEvery", "local mode: steps between averagings (>= 1)", ParamValidators.gtEq(1));
        seed = new LongParam(this, "seed", "seed of the initial weights, the shuffles and the noise");
        checkpointDir = new Param<>(this, "checkpointDir", "a directory on the driver for a checkpoint after each epoch, or empty");
        setDefault(featuresCol, "features");
        setDefault(latentDim, 20);
        setDefault(hidden, new int[] {400});
        setDefault(likelihood, "bernoulli");
        setDefault(epochs, 10);
        setDefault(batchSize, 128);
        setDefault(learningRate, 1e-3);
        setDefault(optimizer, "adam");
        setDefault(mode, "sync");
        setDefault(syncEvery, 8);
        setDefault(seed, 0L);
        setDefault(checkpointDir, "");
    }

    // Spark ML finds a stage's params through its public no-argument methods returning a Param.
    public Param<String> featuresCol() { return featuresCol; }
    public IntParam latentDim() { return latentDim; }
    public IntArrayParam hidden() { return hidden; }
    public Param<String> likelihood() { return likelihood; }
    public IntParam epochs() { return epochs; }
    public IntParam batchSize() { return batchSize; }
    public DoubleParam learningRate() { return learningRate; }
    public Param<String> optimizer() { return optimizer; }
    public Param<String> mode() { return mode; }
    public IntParam syncEvery() { return syncEvery; }
    public LongParam seed() { return seed; }
    public Param<String> checkpointDir() { return checkpointDir; }

    @Override
    public String uid() {
        return uid;
    }

    public Vae setFeaturesCol(String v) { set(featuresCol, v); return this; }
    public Vae setLatentDim(int v) { set(latentDim, v); return this; }
    public Vae setHidden(int... v) { set(hidden, v); return this; }
    public Vae setLikelihood(String v) { set(likelihood, v); return this; }
    public Vae setEpochs(int v) { set(epochs, v); return this; }
    public Vae setBatchSize(int v) { set(batchSize, v); return this; }
    public Vae setLearningRate(double v) { set(learningRate, v); return this; }
    public Vae setOptimizer(String v) { set(optimizer, v); return this; }
    public Vae setMode(String v) { set(mode, v); return this; }
    public Vae setSyncEvery(int v) { set(syncEvery, v); return this; }
    public Vae setSeed(long v) { set(seed, v); return this; }
    public Vae setCheckpointDir(String v) { set(checkpointDir, v); return this; }

    /** Adds a listener that hears each epoch (and each step, in sync mode); returns this. */
    public Vae addListener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /** The model configuration for rows of d columns. */
    public VaeConfig modelConfig(int d) {
        return VaeConfig.builder(d).latentDim((Integer) $(latentDim)).hidden($(hidden))
                .likelihood(LikelihoodKind.parse($(likelihood))).seed((Long) $(seed)).build();
    }

    /** The training settings, as the single-machine trainer takes them. */
    public TrainingConfig trainingConfig() {
        String dir = $(checkpointDir);
        return TrainingConfig.builder().epochs((Integer) $(epochs)).batchSize((Integer) $(batchSize))
                .optimizer($(optimizer)).learningRate((Double) $(learningRate)).seed((Long) $(seed))
                .checkpointDir(dir.isEmpty() ? null : Path.of(dir)).build();
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Rows.requireVectorColumn(schema, $(featuresCol), "features");
        return VaeModel.outputSchema(schema, "mu", "sigma", "anomaly_score");
    }

    @Override
    public Vae copy(ParamMap extra) {
        Vae c = (Vae) defaultCopy(extra);
        c.listeners.addAll(listeners);
        return c;
    }

    @Override
    public VaeModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        String fc = $(featuresCol);
        Dataset<Row> df = dataset.toDF().select(fc);
        List<Row> first = df.takeAsList(1);
        if (first.isEmpty()) {
            throw new IllegalArgumentException("the data set has no rows to fit");
        }
        int d = ((Vector) first.get(0).get(0)).size();
        VaeConfig config = modelConfig(d);
        TrainingConfig training = trainingConfig();
        JavaRDD<Shard> shards = df.toJavaRDD().mapPartitionsWithIndex((p, it) -> {
            List<float[]> rows = new ArrayList<>();
            long row = 0;
            while (it.hasNext()) {
                Object v = it.next().get(0);
                if (!(v instanceof Vector vec) || vec.size() != d) {
                    throw new IllegalArgumentException("partition " + p + ", row " + row + ": column '" + fc
                            + "' must be a vector of " + d + " values (the size of the first row), got " + v);
                }
                float[] r = new float[d];
                for (int c = 0; c < d; c++) {
                    double value = vec.apply(c);
                    if (!Double.isFinite(value)) {
                        throw new IllegalArgumentException("partition " + p + ", row " + row + ": column '" + fc
                                + "' has " + value + " at index " + c + "; expected finite numbers");
                    }
                    r[c] = (float) value;
                }
                rows.add(r);
                row++;
            }
            float[] x = new float[rows.size() * d];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.get(i), 0, x, i * d, d);
            }
            return Collections.singletonList(new Shard(p, x, rows.size(), d)).iterator();
        }, true).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Integer> counts = shards.map(Shard::n).collect();
            org.latent4j.models.vae.Vae vae = org.latent4j.models.vae.Vae.create(config);
            Training t = new Training(JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext()), shards,
                    counts, vae, training, listeners);
            if ("sync".equals($(mode))) {
                t.synchronous();
            } else {
                t.localSgd((Integer) $(syncEvery));
            }
            vae.train(false);
            VaeModel model = new VaeModel(uid, vae, t.history);
            model.setFeaturesCol(fc);
            return model.setParent(this);
        } finally {
            shards.unpersist(false);
        }
    }

    /** The driver's side of one training run. */
    private static final class Training {
        private final JavaSparkContext sc;
        private final JavaRDD<Shard> shards;
        private final int[] offsets;
        private final int n;
        private final org.latent4j.models.vae.Vae vae;
        private final VaeConfig config;
        private final String configJson;
        private final TrainingConfig training;
        private final List<TrainingListener> listeners;
        private final Map<String, Tensor> params;
        private final Optimizer opt;
        final List<EpochResult> history = new ArrayList<>();

        Training(JavaSparkContext sc, JavaRDD<Shard> shards, List<Integer> counts, org.latent4j.models.vae.Vae vae,
                 TrainingConfig training, List<TrainingListener> listeners) {
            this.sc = sc;
            this.shards = shards;
            this.offsets = new int[counts.size() + 1];
            for (int p = 0; p < counts.size(); p++) {
                offsets[p + 1] = offsets[p] + counts.get(p);
            }
            this.n = offsets[counts.size()];
            if (n == 0) {
                throw new IllegalArgumentException("the data set has no rows to fit");
            }
            this.vae = vae;
            this.config = vae.config();
            this.configJson = config.toJson().toString();
            this.training = training;
            this.listeners = listeners;
            this.params = vae.namedParameters();
            this.opt = Optimizers.create(training.optimizer(), training.learningRate(), params);
        }

        private double[] state() {
            Map<String, ArrayData> s = vae.stateArrays();
            double[] flat = new double[Flat.length(s)];
            Flat.add(s, 1.0, flat, 0);
            return flat;
        }

        /** One job per step; the steps of the single-machine Trainer (same shuffles, same noise). */
        void synchronous() {
            RandomSource root = new RandomSource(training.seed());
            RandomSource shuffle = root.split();
            RandomSource noise = root.split();
            LearningRateSchedule schedule = training.parsedSchedule();
            int bs = training.batchSize();
            int batches = (n + bs - 1) / bs;
            int paramLength = 0;
            for (Tensor p : params.values()) {
                paramLength += p.numel();
            }
            final int gradLength = paramLength;
            int[] offs = offsets;
            String cfg = configJson;
            listeners.forEach(l -> l.onStart(1, training.epochs(), batches));
            vae.train(true);
            for (int epoch = 1; epoch <= training.epochs(); epoch++) {
                opt.setLearningRate(schedule.rate(training.learningRate(), epoch - 1, training.epochs()));
                long t0 = System.nanoTime();
                Broadcast<int[]> order = sc.broadcast(shuffle.permutation(n));
                double[] sums = new double[3];
                for (int b = 0, start = 0; start < n; b++, start += bs) {
                    int end = Math.min(n, start + bs);
                    int m = end - start;
                    Tensor eps = VaeShards.noise(config, m, noise);
                    Broadcast<double[]> weights = sc.broadcast(state());
                    Broadcast<float[]> epsBc = sc.broadcast(eps.data());
                    int[] epsShape = eps.shape();
                    int s0 = start;
                    double position = epoch - 1 + (double) start / n;
                    double[] total = TreeSum.sum(shards.map(shard -> {
                        double[] out = new double[gradLength + 3];
                        int lo = offs[shard.partition()];
                        int hi = lo + shard.n();
                        int[] ord = order.value();
                        int count = 0;
                        for (int r = s0; r < s0 + m; r++) {
                            if (ord[r] >= lo && ord[r] < hi) {
                                count++;
                            }
                        }
                        if (count == 0) {
                            return out;
                        }
                        int[] positions = new int[count];
                        float[] x = new float[count * shard.d()];
                        int c = 0;
                        for (int r = s0; r < s0 + m; r++) {
                            if (ord[r] >= lo && ord[r] < hi) {
                                positions[c] = r - s0;
                                System.arraycopy(shard.x(), (ord[r] - lo) * shard.d(), x, c * shard.d(), shard.d());
                                c++;
                            }
                        }
                        org.latent4j.models.vae.Vae local = Networks.with(cfg, weights.value());
                        local.train(true);
                        local.zeroGrad();
                        Tensor all = Tensor.of(epsBc.value(), epsShape);
                        double[] parts = VaeShards.lossAndBackward(local, Tensor.of(x, count, shard.d()),
                                VaeShards.rows(all, m, positions), position);
                        int o = 0;
                        for (Tensor p : local.namedParameters().values()) {
                            Tensor g = p.grad();
                            if (g != null) {
                                float[] gd = g.data();
                                for (int i = 0; i < gd.length; i++) {
                                    out[o + i] = gd[i];
                                }
                            }
                            o += p.numel();
                        }
                        System.arraycopy(parts, 0, out, gradLength, 3);
                        return out;
                    }));
                    weights.destroy();
                    epsBc.destroy();
                    double loss = total[gradLength];
                    if (!Double.isFinite(loss)) {
                        throw new NonFiniteLossException(epoch, b + 1, "the loss", loss);
                    }
                    int o = 0;
                    for (Tensor p : params.values()) {
                        float[] g = new float[p.numel()];
                        for (int i = 0; i < g.length; i++) {
                            g[i] = (float) total[o + i];
                            if (!Float.isFinite(g[i])) {
                                throw new NonFiniteLossException(epoch, b + 1, "the gradient", Double.NaN);
                            }
                        }
                        p.setGrad(Tensor.of(g, p.shape()));
                        o += p.numel();
                    }
                    if (training.clipNorm() > 0) {
                        GradientClipping.clipByGlobalNorm(params, training.clipNorm());
                    }
                    opt.step();
                    for (int k = 0; k < 3; k++) {
                        sums[k] += total[gradLength + k];
                    }
                    int batch = b + 1;
                    int e = epoch;
                    listeners.forEach(l -> l.onBatch(e, batch, loss / m));
                }
                order.destroy();
                endEpoch(epoch, t0, sums, shuffle, noise);
            }
        }

        /** Local SGD: one job per syncEvery steps of every partition; weights and optimizer state averaged. */
        void localSgd(int syncEvery) {
            int bs = training.batchSize();
            int most = 0;
            for (int p = 0; p + 1 < offsets.length; p++) {
                most = Math.max(most, (offsets[p + 1] - offsets[p] + bs - 1) / bs);
            }
            final int stepsPerEpoch = most;
            String cfg = configJson;
            String optName = training.optimizer();
            long seed = training.seed();
            Map<String, ArrayData> optTemplate = opt.exportState();
            Map<String, ArrayData> modelTemplate = vae.stateArrays();
            int modelLength = Flat.length(modelTemplate);
            int optLength = Flat.length(optTemplate);
            LearningRateSchedule schedule = training.parsedSchedule();
            listeners.forEach(l -> l.onStart(1, training.epochs(), stepsPerEpoch));
            for (int epoch = 1; epoch <= training.epochs(); epoch++) {
                double lr = schedule.rate(training.learningRate(), epoch - 1, training.epochs());
                opt.setLearningRate(lr);
                long t0 = System.nanoTime();
                double[] sums = new double[3];
                for (int first = 0; first < stepsPerEpoch; first += syncEvery) {
                    double[] flat = new double[modelLength + optLength];
                    Flat.add(vae.stateArrays(), 1.0, flat, 0);
                    Flat.add(opt.exportState(), 1.0, flat, modelLength);
                    Broadcast<double[]> start = sc.broadcast(flat);
                    int s0 = first;
                    int s1 = Math.min(stepsPerEpoch, first + syncEvery);
                    int e = epoch;
                    double[] total = TreeSum.sum(shards.map(shard -> {
                        double[] out = new double[modelLength + optLength + 4];
                        double[] init = start.value();
                        org.latent4j.models.vae.Vae local = Networks.with(cfg, init);
                        local.train(true);
                        Map<String, Tensor> ps = local.namedParameters();
                        Optimizer o = Optimizers.create(optName, lr, ps);
                        o.importState(Flat.read(o.exportState(), init, modelLength));
                        int rows = shard.n();
                        if (rows > 0) {
                            // this partition's own shuffle of epoch e and noise of these steps, from the seed alone
                            int[] order = new RandomSource(mix(seed, e, shard.partition(), -1)).permutation(rows);
                            RandomSource noise = new RandomSource(mix(seed, e, shard.partition(), s0));
                            int steps = (rows + bs - 1) / bs;
                            for (int s = s0; s < Math.min(s1, steps); s++) {
                                int a = s * bs;
                                int b = Math.min(rows, a + bs);
                                float[] x = new float[(b - a) * shard.d()];
                                for (int i = a; i < b; i++) {
                                    System.arraycopy(shard.x(), order[i] * shard.d(), x, (i - a) * shard.d(), shard.d());
                                }
                                o.zeroGrad();
                                double[] parts = VaeShards.lossAndBackward(local, Tensor.of(x, b - a, shard.d()),
                                        VaeShards.noise(local.config(), b - a, noise), e - 1 + (double) s / steps);
                                o.step();
                                for (int k = 0; k < 3; k++) {
                                    out[modelLength + optLength + 1 + k] += parts[k];
                                }
                            }
                        }
                        // weighted by the partition's rows: the driver divides by the total
                        Flat.add(local.stateArrays(), rows, out, 0);
                        Flat.add(o.exportState(), rows, out, modelLength);
                        out[modelLength + optLength] = rows;
                        return out;
                    }));
                    start.destroy();
                    double rows = total[modelLength + optLength];
                    for (int i = 0; i < modelLength + optLength; i++) {
                        total[i] /= rows;
                    }
                    for (int k = 0; k < 3; k++) {
                        sums[k] += total[modelLength + optLength + 1 + k];
                    }
                    if (!Double.isFinite(total[modelLength + optLength + 1])) {
                        throw new NonFiniteLossException(epoch, s1, "the loss", total[modelLength + optLength + 1]);
                    }
                    vae.loadStateArrays(Flat.read(modelTemplate, total, 0));
                    Map<String, ArrayData> averaged = Flat.read(optTemplate, total, modelLength);
                    averaged.put(optTemplate.keySet().stream().filter(k -> k.endsWith(".lr")).findFirst().orElseThrow(),
                            new ArrayData.F64(new int[0], new double[] {lr}));
                    opt.importState(averaged);
                }
                endEpoch(epoch, t0, sums, null, null);
            }
        }

        static long mix(long seed, int epoch, int partition, int step) {
            long h = seed * 0x9E3779B97F4A7C15L;
            h = (h ^ epoch) * 0xBF58476D1CE4E5B9L;
            h = (h ^ partition) * 0x94D049BB133111EBL;
            return (h ^ step) * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        }

        private void endEpoch(int epoch, long t0, double[] sums, RandomSource shuffle, RandomSource noise) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> parts = new LinkedHashMap<>();
            parts.put("recon", sums[1] / n);
            parts.put("kl", sums[2] / n);
            EpochResult r = new EpochResult(epoch, seconds, sums[0] / n, parts, Map.of(), opt.learningRate());
            history.add(r);
            if (training.checkpointDir() != null) {
                Checkpoint cp = new Checkpoint(epoch, vae.stateArrays(), opt.exportState(), null,
                        shuffle == null ? new RandomSource(0).state() : shuffle.state(),
                        noise == null ? new RandomSource(0).state() : noise.state(), Double.NaN, 0, 0,
                        List.copyOf(history), training.toJson(), null, null);
                try {
                    Path dir = training.checkpointDir();
                    Files.createDirectories(dir.toAbsolutePath().getParent());
                    cp.write(dir);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write checkpoint " + training.checkpointDir() + ": " + e.getMessage(), e);
                }
            }
            listeners.forEach(l -> l.onEpoch(r));
        }
    }
}
