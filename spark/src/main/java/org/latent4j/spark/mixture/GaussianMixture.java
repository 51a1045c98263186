package org.latent4j.spark.mixture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
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
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.mixture.FitResult;
import org.latent4j.models.mixture.GaussianMixtureConfig;
import org.latent4j.models.mixture.InitMethod;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.models.mixture.MixtureStatistics;
import org.latent4j.random.RandomSource;
import org.latent4j.spark.Block;
import org.latent4j.spark.Rows;
import org.latent4j.spark.TreeSum;

/**
 * A Gaussian mixture fitted by distributed EM, as a Spark ML estimator: {@code fit} on a vector column
 * ({@code featuresCol}, optional {@code weightCol}) gives a {@link GaussianMixtureModel}.
 *
 * <p>The mathematics is latent4j's single-machine mixture's ({@link org.latent4j.models.mixture.GaussianMixture}):
 * the rows are centred on their weighted mean and cached as blocks; each EM iteration broadcasts the
 * parameters, every partition runs the same log-space E-step on its blocks and accumulates the sufficient
 * statistics in double ({@link MixtureStatistics}), the partial sums are added by a deterministic tree
 * ({@link TreeSum}), and the driver takes the M-step. The start: k centres by k-means++ (or Lloyd's
 * k-means, or random rows) on a sample of at most {@code initSampleSize} rows collected to the driver,
 * then every row assigned to its nearest centre in one distributed pass and one M-step, as the single
 * machine starts from its hard assignment. {@code nInit} starts, the best final likelihood kept; EM stops
 * when the mean log-likelihood changes by less than {@code tol}. From the same start on the same rows the
 * result equals the single-machine fit to rounding (tested to 1e-9 relative); with a fixed partitioning,
 * it is the same run after run.
 *
 * <p>Full, tied, diagonal and spherical covariances, each regularized by {@code regCovar} on the diagonal.
 */
public final class GaussianMixture extends Estimator<GaussianMixtureModel> {
    private static final long serialVersionUID = 1L;
    /** Rows per cached block: the E-step's matrix products run on blocks of this many rows. */
    static final int BLOCK_ROWS = 4096;

    private final String uid;
    private final Param<String> featuresCol;
    private final Param<String> weightCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> logLikelihoodCol;
    private final IntParam k;
    private final Param<String> covarianceType;
    private final DoubleParam tol;
    private final IntParam maxIter;
    private final IntParam nInit;
    private final Param<String> init;
    private final DoubleParam regCovar;
    private final LongParam seed;
    private final IntParam initSampleSize;
    private MixtureParameters initialParameters;
    private transient org.latent4j.models.mixture.EmListener listener = org.latent4j.models.mixture.EmListener.NONE;

    public GaussianMixture() {
        this(Identifiable.randomUID("latent4jGaussianMixture"));
    }

    public GaussianMixture(String uid) {
        this.uid = uid;
        featuresCol = new Param<>(this, "featuresCol", "the vector column of the rows to fit");
        weightCol = new Param<>(this, "weightCol", "a numeric column of row weights >= 0, or empty for weight 1");
        predictionCol = new Param<>(this, "predictionCol", "output column: the most probable component");
        probabilityCol = new Param<>(this, "probabilityCol", "output column: the responsibilities p(j | x), a vector");
        logLikelihoodCol = new Param<>(this, "logLikelihoodCol", "output column: log p(x)");
        k = new IntParam(this, "k", "number of components (>= 1)", ParamValidators.gtEq(1));
        covarianceType = new Param<>(this, "covarianceType", "full, tied, diag or spherical",
                ParamValidators.inArray(new String[] {"full", "tied", "diag", "spherical"}));
        tol = new DoubleParam(this, "tol", "EM stops when the mean log-likelihood changes by less (>= 0)", ParamValidators.gtEq(0));
        maxIter = new IntParam(this, "maxIter", "most EM iterations per start (>= 1)", ParamValidators.gtEq(1));
        nInit = new IntParam(this, "nInit", "starts tried; the best final likelihood is kept (>= 1)", ParamValidators.gtEq(1));
        init = new Param<>(this, "init", "k-means++, kmeans or random-from-data, on a sample of initSampleSize rows",
                ParamValidators.inArray(new String[] {"k-means++", "kmeans", "random-from-data"}));
        regCovar = new DoubleParam(this, "regCovar", "added to every covariance diagonal (>= 0)", ParamValidators.gtEq(0));
        seed = new LongParam(this, "seed", "seed of the sample and the initialization");
        initSampleSize = new IntParam(this, "initSampleSize", "rows sampled to the driver to choose the start (>= k)",
                ParamValidators.gtEq(1));
        setDefault(featuresCol, "features");
        setDefault(weightCol, "");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(logLikelihoodCol, "log_likelihood");
        setDefault(k, 2);
        setDefault(covarianceType, "full");
        setDefault(tol, 1e-3);
        setDefault(maxIter, 100);
        setDefault(nInit, 1);
        setDefault(init, "k-means++");
        setDefault(regCovar, 1e-6);
        setDefault(seed, 0L);
        setDefault(initSampleSize, 20000);
    }

    // Spark ML finds a stage's params through its public no-argument methods returning a Param.
    public Param<String> featuresCol() { return featuresCol; }
    public Param<String> weightCol() { return weightCol; }
    public Param<String> predictionCol() { return predictionCol; }
    public Param<String> probabilityCol() { return probabilityCol; }
    public Param<String> logLikelihoodCol() { return logLikelihoodCol; }
    public IntParam k() { return k; }
    public Param<String> covarianceType() { return covarianceType; }
    public DoubleParam tol() { return tol; }
    public IntParam maxIter() { return maxIter; }
    public IntParam nInit() { return nInit; }
    public Param<String> init() { return init; }
    public DoubleParam regCovar() { return regCovar; }
    public LongParam seed() { return seed; }
    public IntParam initSampleSize() { return initSampleSize; }

    @Override
    public String uid() {
        return uid;
    }

    public GaussianMixture setFeaturesCol(String v) { set(featuresCol, v); return this; }
    public GaussianMixture setWeightCol(String v) { set(weightCol, v); return this; }
    public GaussianMixture setPredictionCol(String v) { set(predictionCol, v); return this; }
    public GaussianMixture setProbabilityCol(String v) { set(probabilityCol, v); return this; }
    public GaussianMixture setLogLikelihoodCol(String v) { set(logLikelihoodCol, v); return this; }
    public GaussianMixture setK(int v) { set(k, v); return this; }
    public GaussianMixture setCovarianceType(String v) { set(covarianceType, v); return this; }
    public GaussianMixture setTol(double v) { set(tol, v); return this; }
    public GaussianMixture setMaxIter(int v) { set(maxIter, v); return this; }
    public GaussianMixture setNInit(int v) { set(nInit, v); return this; }
    public GaussianMixture setInit(String v) { set(init, v); return this; }
    public GaussianMixture setRegCovar(double v) { set(regCovar, v); return this; }
    public GaussianMixture setSeed(long v) { set(seed, v); return this; }
    public GaussianMixture setInitSampleSize(int v) { set(initSampleSize, v); return this; }

    /**
     * Starts EM from these parameters (in the data's coordinates) instead of an initialization; k and the
     * covariance type are taken from them. Null goes back to {@code init}.
     */
    public GaussianMixture setInitialParameters(MixtureParameters p) {
        initialParameters = p;
        if (p != null) {
            setK(p.k());
            setCovarianceType(p.type().label());
        }
        return this;
    }

    /** Who hears each EM iteration on the driver (progress, timing); it only observes. */
    public GaussianMixture setListener(org.latent4j.models.mixture.EmListener l) {
        listener = l == null ? org.latent4j.models.mixture.EmListener.NONE : l;
        return this;
    }

    public String getFeaturesCol() { return $(featuresCol); }
    public String getWeightCol() { return $(weightCol); }
    public int getK() { return (Integer) $(k); }
    public String getCovarianceType() { return $(covarianceType); }
    public double getTol() { return (Double) $(tol); }
    public int getMaxIter() { return (Integer) $(maxIter); }
    public int getNInit() { return (Integer) $(nInit); }
    public String getInit() { return $(init); }
    public double getRegCovar() { return (Double) $(regCovar); }
    public long getSeed() { return (Long) $(seed); }
    public int getInitSampleSize() { return (Integer) $(initSampleSize); }

    /** The single-machine configuration these parameters describe (what the saved model records). */
    public GaussianMixtureConfig config() {
        return GaussianMixtureConfig.builder().k(getK()).covarianceType(CovarianceType.parse(getCovarianceType()))
                .tol(getTol()).maxIter(getMaxIter()).nInit(getNInit()).init(InitMethod.parse(getInit()))
                .initialParameters(initialParameters).regCovar(getRegCovar()).seed(getSeed()).build();
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Rows.requireVectorColumn(schema, getFeaturesCol(), "features");
        if (!getWeightCol().isEmpty()) {
            Rows.requireNumericColumn(schema, getWeightCol(), "weight");
        }
        StructType out = Rows.addColumn(schema, $(predictionCol), org.apache.spark.sql.types.DataTypes.IntegerType);
        out = Rows.addColumn(out, $(probabilityCol), Rows.vectorType());
        return Rows.addColumn(out, $(logLikelihoodCol), Rows.doubleType());
    }

    @Override
    public GaussianMixture copy(ParamMap extra) {
        GaussianMixture c = (GaussianMixture) defaultCopy(extra);
        c.initialParameters = initialParameters;
        c.listener = listener;
        return c;
    }

    @Override
    public GaussianMixtureModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        GaussianMixtureConfig config = config();
        Fit fit = new Fit(dataset, config, getFeaturesCol(), getWeightCol(), getInitSampleSize(), initialParameters);
        fit.listener = listener == null ? org.latent4j.models.mixture.EmListener.NONE : listener;
        GaussianMixtureModel model = new GaussianMixtureModel(uid, config, fit.run(), fit.result);
        copyValues(model, extractParamMap());
        return model.setParent(this);
    }

    /** One distributed fit: the cached centred blocks, the EM loop on the driver. */
    static final class Fit {
        private final GaussianMixtureConfig config;
        private final MixtureParameters given;
        private final JavaRDD<Row> rows;
        private final int featuresIndex;
        private final int weightIndex;
        private final String featuresCol;
        private final String weightCol;
        private final int sampleSize;
        FitResult result;
        org.latent4j.models.mixture.EmListener listener = org.latent4j.models.mixture.EmListener.NONE;

        Fit(Dataset<?> dataset, GaussianMixtureConfig config, String featuresCol, String weightCol, int sampleSize,
            MixtureParameters given) {
            this.config = config;
            this.given = given;
            this.featuresCol = featuresCol;
            this.weightCol = weightCol;
            this.sampleSize = sampleSize;
            Dataset<Row> df = weightCol.isEmpty() ? dataset.toDF().select(featuresCol)
                    : dataset.toDF().select(featuresCol, weightCol);
            this.rows = df.toJavaRDD();
            this.featuresIndex = 0;
            this.weightIndex = weightCol.isEmpty() ? -1 : 1;
        }

        private JavaRDD<Block> blocks(int d, double[] center) {
            int fi = featuresIndex, wi = weightIndex;
            String fc = featuresCol, wc = weightCol;
            return rows.mapPartitionsWithIndex((p, it) -> Rows.blocks(it, p, fi, wi, d, center, BLOCK_ROWS, fc, wc), true);
        }

        MixtureParameters run() {
            List<Row> first = rows.take(1);
            if (first.isEmpty()) {
                throw new IllegalArgumentException("the data set has no rows to fit");
            }
            int d = ((org.apache.spark.ml.linalg.Vector) first.get(0).get(featuresIndex)).size();
            int k = config.k();
            CovarianceType type = config.covarianceType();
            if (given != null && given.d() != d) {
                throw new IllegalArgumentException("initial parameters have " + given.d() + " dimensions but column '"
                        + featuresCol + "' has " + d);
            }
            // Pass 0: count, total weight and weighted mean (EM runs on centred rows, as on one machine).
            double[] moments = TreeSum.sum(blocks(d, null).mapPartitions(it -> {
                double[] s = new double[2 + d];
                while (it.hasNext()) {
                    Block b = it.next();
                    for (int i = 0; i < b.n(); i++) {
                        double w = b.weights() == null ? 1.0 : b.weights()[i];
                        s[0] += 1;
                        s[1] += w;
                        for (int c = 0; c < d; c++) {
                            s[2 + c] += w * b.x()[i * d + c];
                        }
                    }
                }
                return Collections.singletonList(s).iterator();
            }));
            long n = (long) moments[0];
            if (!(moments[1] > 0)) {
                throw new IllegalArgumentException("weight column '" + weightCol + "': the weights sum to " + moments[1]
                        + "; at least one row needs a positive weight");
            }
            if (k > n) {
                throw new IllegalArgumentException("k = " + k + " is larger than the number of rows (" + n + ")");
            }
            double[] center = new double[d];
            for (int c = 0; c < d; c++) {
                center[c] = moments[2 + c] / moments[1];
            }
            JavaRDD<Block> data = blocks(d, center).persist(StorageLevel.MEMORY_AND_DISK());
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.context());
            try {
                MixtureParameters best = null;
                FitResult bestResult = null;
                RandomSource rng = new RandomSource(config.seed());
                int inits = given != null ? 1 : config.nInit();
                Sample sample = given != null ? null : sample(data, n, d);
                for (int run = 0; run < inits; run++) {
                    listener.onStart(k, run, inits, config.maxIter());
                    MixtureParameters p0;
                    if (given != null) {
                        p0 = shift(given, center, -1.0);
                    } else {
                        double[] centers = MixtureStatistics.initialCenters(config.init(), sample.x, d, sample.w, k, rng);
                        Broadcast<double[]> bc = sc.broadcast(centers);
                        double[] stats = TreeSum.sum(data.mapPartitions(it -> {
                            MixtureStatistics.Accumulator acc = MixtureStatistics.Accumulator.forCenters(type, bc.value(), k, d);
                            return accumulate(acc, it, true);
                        }));
                        bc.destroy();
                        p0 = MixtureStatistics.mStep(stats, type, k, d, config.regCovar(), null).parameters();
                    }
                    Em em = em(sc, data, p0, run);
                    if (best == null || em.result.meanLogLikelihood() > bestResult.meanLogLikelihood()) {
                        best = em.params;
                        bestResult = em.result;
                    }
                }
                result = bestResult;
                return shift(best, center, 1.0);
            } finally {
                data.unpersist(false);
            }
        }

        private record Sample(double[] x, double[] w) {}

        /** All rows when they are at most initSampleSize, else a Bernoulli sample of about that many (seeded per partition). */
        private Sample sample(JavaRDD<Block> data, long n, int d) {
            double fraction = Math.min(1.0, (double) sampleSize / n);
            long seed = config.seed();
            List<double[]> parts = data.mapPartitionsWithIndex((p, it) -> {
                RandomSource r = new RandomSource(seed * 0x9E3779B97F4A7C15L + p);
                List<double[]> out = new ArrayList<>();
                while (it.hasNext()) {
                    Block b = it.next();
                    for (int i = 0; i < b.n(); i++) {
                        if (fraction >= 1.0 || r.nextDouble() < fraction) {
                            double[] row = new double[d + 1];
                            System.arraycopy(b.x(), i * d, row, 0, d);
                            row[d] = b.weights() == null ? 1.0 : b.weights()[i];
                            out.add(row);
                        }
                    }
                }
                return out.iterator();
            }, true).collect();
            double[] x = new double[parts.size() * d];
            double[] w = new double[parts.size()];
            for (int i = 0; i < parts.size(); i++) {
                System.arraycopy(parts.get(i), 0, x, i * d, d);
                w[i] = parts.get(i)[d];
            }
            return new Sample(x, w);
        }

        private record Em(MixtureParameters params, FitResult result) {}

        /** EM from p (centred coordinates), as {@code GaussianMixture.runEm} on one machine. */
        private Em em(JavaSparkContext sc, JavaRDD<Block> data, MixtureParameters p, int run) {
            double[] trace = new double[config.maxIter()];
            double previous = Double.NEGATIVE_INFINITY;
            boolean converged = false;
            int it = 0;
            int collapsed = 0;
            int k = p.k();
            int d = p.d();
            CovarianceType type = p.type();
            while (it < config.maxIter()) {
                double[] stats = pass(sc, data, p, true);
                double ll = MixtureStatistics.meanLogLikelihood(stats);
                MixtureStatistics.Update u = MixtureStatistics.mStep(stats, type, k, d, config.regCovar(), p);
                p = u.parameters();
                collapsed = u.collapsed();
                trace[it++] = ll;
                listener.onIteration(run, it, ll);
                if (Math.abs(ll - previous) < config.tol()) {
                    converged = true;
                    break;
                }
                previous = ll;
            }
            double finalLl = MixtureStatistics.meanLogLikelihood(pass(sc, data, p, false));
            return new Em(p, new FitResult(java.util.Arrays.copyOf(trace, it), converged, it, finalLl, collapsed, run));
        }

        private static double[] pass(JavaSparkContext sc, JavaRDD<Block> data, MixtureParameters p, boolean second) {
            Broadcast<Payload> bc = sc.broadcast(Payload.of(p));
            try {
                return TreeSum.sum(data.mapPartitions(it -> {
                    MixtureStatistics.Accumulator acc = MixtureStatistics.Accumulator.forParameters(bc.value().parameters());
                    return accumulate(acc, it, second);
                }));
            } finally {
                bc.destroy();
            }
        }

        private static java.util.Iterator<double[]> accumulate(MixtureStatistics.Accumulator acc,
                                                             java.util.Iterator<Block> it, boolean second) {
            double[] stats = acc.newStatistics();
            while (it.hasNext()) {
                Block b = it.next();
                acc.add(b.x(), b.n(), b.weights(), stats, second);
            }
            return Collections.singletonList(stats).iterator();
        }
    }

    /** The same parameters with every mean moved by sign·delta. */
    static MixtureParameters shift(MixtureParameters p, double[] delta, double sign) {
        double[] mu = p.means();
        int d = p.d();
        for (int j = 0; j < p.k(); j++) {
            for (int c = 0; c < d; c++) {
                mu[j * d + c] += sign * delta[c];
            }
        }
        return new MixtureParameters(p.type(), p.k(), d, p.weights(), mu, p.covariances());
    }
}
