package org.latent4j.spark.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.mllib.stat.distribution.MultivariateGaussian;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.mixture.GaussianMixtureConfig;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.models.mixture.MixtureStatistics;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.random.RandomSource;
import org.latent4j.spark.mixture.GaussianMixture;
import org.latent4j.spark.mixture.GaussianMixtureModel;
import org.latent4j.spark.vae.Vae;
import org.latent4j.spark.vae.VaeModel;

/**
 * The figures of bench/spark_gmm_vs_mllib.sh, one part per command, each printing "name value" lines:
 * {@code gmm CSV ITERATIONS}, {@code scale ROWS DIM ITERATIONS}, {@code vae IDX_DIR EPOCHS}.
 */
public final class SparkBench {
    private SparkBench() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        SparkSession spark = SparkSession.builder().master(System.getProperty("bench.master", "local[2]")).appName("latent4j-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            switch (args[0]) {
                case "gmm" -> gmm(spark, Path.of(args[1]), Integer.parseInt(args[2]));
                case "scale" -> scale(spark, Long.parseLong(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                case "vae" -> vae(spark, Path.of(args[1]), Integer.parseInt(args[2]));
                default -> throw new IllegalArgumentException("commands: gmm CSV ITERS | scale ROWS DIM ITERS | vae IDX_DIR EPOCHS");
            }
        } finally {
            spark.stop();
        }
    }

    private static void gmm(SparkSession spark, Path csv, int iters) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int n = lines.size();
        int d = lines.get(0).split(",").length;
        double[] x = new double[n * d];
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String[] t = lines.get(i).split(",");
            double[] v = new double[d];
            for (int c = 0; c < d; c++) {
                v[c] = Double.parseDouble(t[c]);
                x[i * d + c] = v[c];
            }
            rows.add(RowFactory.create(Vectors.dense(v)));
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset<Row> df = spark.createDataFrame(sc.parallelize(rows, 4), new StructType().add("features", SQLDataTypes.VectorType()))
                .persist(StorageLevel.MEMORY_ONLY());
        System.out.printf("data rows %d dims %d partitions 4 k 10 covariance full iterations %d tol 0%n", n, d, iters);
        df.count();
        // warm-up of both (JIT, Spark's first jobs), not timed
        new GaussianMixture().setK(10).setMaxIter(2).setTol(0).fit(df);
        new org.apache.spark.ml.clustering.GaussianMixture().setK(10).setMaxIter(2).setTol(0).fit(df);

        // each library's own start
        long t0 = System.nanoTime();
        GaussianMixtureModel own = new GaussianMixture().setK(10).setMaxIter(iters).setTol(0).setSeed(1).fit(df);
        double l4Sec = (System.nanoTime() - t0) / 1e9 / iters;
        t0 = System.nanoTime();
        org.apache.spark.ml.clustering.GaussianMixtureModel ml = new org.apache.spark.ml.clustering.GaussianMixture()
                .setK(10).setMaxIter(iters).setTol(0).setSeed(1).fit(df);
        double mlSec = (System.nanoTime() - t0) / 1e9 / iters;
        MixtureParameters mlParams = fromMl(ml.weights(), ml.gaussians());
        double l4Ll = own.toMixture().score(x);
        double mlLl = MixtureStatistics.toMixture(own.config(), mlParams).score(x);
        System.out.printf("own-start latent4j seconds_per_iter %.4f mean_loglik %.6f%n", l4Sec, l4Ll);
        System.out.printf("own-start mllib    seconds_per_iter %.4f mean_loglik %.6f%n", mlSec, mlLl);

        // the same given start: one single-machine EM iteration from latent4j's k-means++ start
        MixtureParameters start = new org.latent4j.models.mixture.GaussianMixture(GaussianMixtureConfig.builder().k(10)
                .maxIter(1).seed(1).build()).fit(x, d).parameters();
        t0 = System.nanoTime();
        GaussianMixtureModel given = new GaussianMixture().setInitialParameters(start).setMaxIter(iters).setTol(0).fit(df);
        double l4GivenSec = (System.nanoTime() - t0) / 1e9 / iters;
        MultivariateGaussian[] gs = new MultivariateGaussian[10];
        for (int j = 0; j < 10; j++) {
            gs[j] = new MultivariateGaussian(org.apache.spark.mllib.linalg.Vectors.dense(java.util.Arrays.copyOfRange(start.means(), j * d, (j + 1) * d)),
                    new org.apache.spark.mllib.linalg.DenseMatrix(d, d, start.covarianceMatrix(j)));
        }
        JavaRDD<org.apache.spark.mllib.linalg.Vector> old = df.toJavaRDD()
                .map(r -> org.apache.spark.mllib.linalg.Vectors.fromML(r.getAs(0))).persist(StorageLevel.MEMORY_ONLY());
        old.count();
        t0 = System.nanoTime();
        org.apache.spark.mllib.clustering.GaussianMixtureModel oldModel = new org.apache.spark.mllib.clustering.GaussianMixture()
                .setK(10).setMaxIterations(iters).setConvergenceTol(0).setSeed(1)
                .setInitialModel(new org.apache.spark.mllib.clustering.GaussianMixtureModel(start.weights(), gs)).run(old.rdd());
        double oldSec = (System.nanoTime() - t0) / 1e9 / iters;
        double[] ow = oldModel.weights();
        double[] om = new double[10 * d];
        double[] oc = new double[10 * d * d];
        for (int j = 0; j < 10; j++) {
            System.arraycopy(oldModel.gaussians()[j].mu().toArray(), 0, om, j * d, d);
            System.arraycopy(symmetric(oldModel.gaussians()[j].sigma().toArray(), d), 0, oc, j * d * d, d * d);
        }
        double oldLl = MixtureStatistics.toMixture(own.config(), new MixtureParameters(CovarianceType.FULL, 10, d, normalized(ow), om, oc)).score(x);
        System.out.printf("given-start latent4j seconds_per_iter %.4f mean_loglik %.6f%n", l4GivenSec, given.toMixture().score(x));
        System.out.printf("given-start mllib    seconds_per_iter %.4f mean_loglik %.6f%n", oldSec, oldLl);
        System.out.printf("time per iteration (own starts): latent4j / MLlib = %.3f%n", l4Sec / mlSec);
    }

    private static MixtureParameters fromMl(double[] weights, org.apache.spark.ml.stat.distribution.MultivariateGaussian[] g) {
        int k = g.length;
        int d = g[0].mean().size();
        double[] m = new double[k * d];
        double[] c = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(g[j].mean().toArray(), 0, m, j * d, d);
            System.arraycopy(symmetric(g[j].cov().toArray(), d), 0, c, j * d * d, d * d);
        }
        return new MixtureParameters(CovarianceType.FULL, k, d, normalized(weights), m, c);
    }

    private static double[] normalized(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v;
        }
        double[] out = w.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] /= s;
        }
        return out;
    }

    /** (A + Aᵀ)/2 of a column-major d×d matrix (MLlib's covariances are symmetric up to rounding). */
    private static double[] symmetric(double[] a, int d) {
        double[] out = new double[d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                out[r * d + c] = 0.5 * (a[c * d + r] + a[r * d + c]);
            }
        }
        return out;
    }

    private static void scale(SparkSession spark, long rows, int dim, int iters) {
        int k = 5;
        int partitions = 8;
        long seed = 11;
        Dataset<Row> df = spark.createDataFrame(spark.range(0, rows, 1, partitions).toJavaRDD().mapPartitions(it -> {
            List<Row> out = new ArrayList<>();
            RandomSource rng = null;
            while (it.hasNext()) {
                long i = it.next();
                if (rng == null) {
                    rng = new RandomSource(seed * 31 + i);
                }
                int j = (int) (i % k);
                double[] v = new double[dim];
                for (int c = 0; c < dim; c++) {
                    v[c] = 4.0 * ((j * 7 + c * 3) % 5) + (1 + 0.2 * j) * rng.nextGaussian();
                }
                out.add(RowFactory.create(Vectors.dense(v)));
            }
            return out.iterator();
        }), new StructType().add("features", SQLDataTypes.VectorType()));
        List<Long> stamps = new ArrayList<>();
        long t0 = System.nanoTime();
        GaussianMixtureModel m = new GaussianMixture().setK(k).setMaxIter(iters).setTol(0).setInitSampleSize(20000)
                .setListener((init, it, ll) -> stamps.add(System.nanoTime())).fit(df);
        double total = (System.nanoTime() - t0) / 1e9;
        // iterations after the first (the first also pays for caching the blocks)
        double perIter = (stamps.get(stamps.size() - 1) - stamps.get(0)) / 1e9 / (stamps.size() - 1);
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        int statBytes = 8 * MixtureStatistics.length(CovarianceType.FULL, k, dim);
        long t1 = System.nanoTime();
        int jobs = 5;
        for (int i = 0; i < jobs; i++) {
            spark.range(0, 8, 1, 8).count();
        }
        double jobOverhead = (System.nanoTime() - t1) / 1e9 / jobs;
        double perRow = perIter * 2 / rows;   // core-seconds per row per iteration (local[2]: 2 cores)
        System.out.printf("scale rows %d dims %d k %d full partitions %d: fit %.1f s, seconds_per_iter %.3f, mean_loglik %.4f%n",
                rows, dim, k, partitions, total, perIter, m.fitResult().meanLogLikelihood());
        System.out.printf("peak JVM heap (driver and local executors in one JVM) %.0f MiB; statistics per partition %d bytes%n",
                peak / 1048576.0, statBytes);
        System.out.printf("per-row cost %.3e core-seconds per iteration; empty-job latency %.3f s%n", perRow, jobOverhead);
        for (int executors : new int[] {10, 100}) {
            int cores = 4;
            double compute = perRow * rows / (executors * cores);
            // at most TreeSum.FAN_IN arrays reach the driver, 1 GB/s assumed
            double agg = Math.min(executors * cores, 32) * statBytes / 1e9;
            System.out.printf("projection %d executors x %d cores: %.3f s per iteration (compute %.3f + aggregation %.4f + job %.3f)%n",
                    executors, cores, compute + agg + jobOverhead, compute, agg, jobOverhead);
        }
    }

    private static float[] idx(Path file, int[] dims) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file)); DataInputStream s = new DataInputStream(in)) {
            s.readInt();
            int n = s.readInt();
            int r = s.readInt();
            int c = s.readInt();
            byte[] b = s.readNBytes(n * r * c);
            float[] x = new float[b.length];
            for (int i = 0; i < b.length; i++) {
                x[i] = (b[i] & 0xff) / 255f;
            }
            dims[0] = n;
            dims[1] = r * c;
            return x;
        }
    }

    private static void vae(SparkSession spark, Path dir, int epochs) throws IOException {
        int[] dims = new int[2];
        float[] x = idx(dir.resolve("train-images-idx3-ubyte.gz"), dims);
        int n = dims[0];
        int d = dims[1];
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] v = new double[d];
            for (int c = 0; c < d; c++) {
                v[c] = x[i * d + c];
            }
            rows.add(RowFactory.create(Vectors.dense(v)));
        }
        Dataset<Row> df = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2),
                new StructType().add("features", SQLDataTypes.VectorType())).persist(StorageLevel.MEMORY_ONLY());
        df.count();
        Vae est = new Vae().setLatentDim(20).setHidden(400).setEpochs(epochs).setBatchSize(128).setLearningRate(1e-3).setSeed(1);
        long t0 = System.nanoTime();
        VaeModel m = est.fit(df);
        double sparkSec = (System.nanoTime() - t0) / 1e9;
        org.latent4j.models.vae.Vae single = org.latent4j.models.vae.Vae.create(est.modelConfig(d));
        t0 = System.nanoTime();
        TrainingHistory h = single.fit(new DataMatrix("fashion-mnist train", x, n, d), null, est.trainingConfig());
        double singleSec = (System.nanoTime() - t0) / 1e9;
        for (int e = 0; e < epochs; e++) {
            System.out.printf("vae epoch %d: spark sync %.1f s loss %.3f | single machine %.1f s loss %.3f%n", e + 1,
                    m.history().get(e).seconds(), m.history().get(e).trainLoss(), h.epochs().get(e).seconds(), h.epochs().get(e).trainLoss());
        }
        System.out.printf("vae sync total %.1f s, single machine %.1f s; epoch time ratio spark/single %.2f%n", sparkSec, singleSec,
                m.history().get(0).seconds() / h.epochs().get(0).seconds());
        int[] td = new int[2];
        float[] test = idx(dir.resolve("t10k-images-idx3-ubyte.gz"), td);
        List<Row> trows = new ArrayList<>(td[0]);
        for (int i = 0; i < td[0]; i++) {
            double[] v = new double[d];
            for (int c = 0; c < d; c++) {
                v[c] = test[i * d + c];
            }
            trows.add(RowFactory.create(Vectors.dense(v)));
        }
        Dataset<Row> tdf = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(trows, 2),
                new StructType().add("features", SQLDataTypes.VectorType()));
        t0 = System.nanoTime();
        long scored = m.setImportanceSamples(50).transform(tdf).select("anomaly_score").count();
        double sec = (System.nanoTime() - t0) / 1e9;
        System.out.printf("vae scoring %d rows (50 importance samples) in %.1f s: %.0f rows/s%n", scored, sec, scored / sec);
    }
}
