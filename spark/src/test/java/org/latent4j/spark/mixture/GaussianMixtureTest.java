package org.latent4j.spark.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.mixture.GaussianMixtureConfig;
import org.latent4j.models.mixture.GaussianMixtureFiles;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.random.RandomSource;
import org.latent4j.spark.SparkTests;

class GaussianMixtureTest {
    private static final int N = 900;
    private static final int D = 3;
    private static final double[][] TRUE_MEANS = {{0, 0, 0}, {6, 1, -2}, {-3, 7, 4}};

    /** Rows of a known 3-component mixture (seeded), with weights 0.5..2. */
    private static double[] rows(double[] weights) {
        RandomSource rng = new RandomSource(42);
        double[] x = new double[N * D];
        for (int i = 0; i < N; i++) {
            int j = i % 3;
            for (int c = 0; c < D; c++) {
                x[i * D + c] = 10 + TRUE_MEANS[j][c] + (1 + 0.5 * j) * rng.nextGaussian() + (c == 1 ? 0.3 * x[i * D] : 0);
            }
            weights[i] = 0.5 + 1.5 * rng.nextDouble();
        }
        return x;
    }

    private static Dataset<Row> frame(double[] x, double[] w, int partitions) {
        SparkSession s = SparkTests.session();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length / D; i++) {
            rows.add(RowFactory.create(Vectors.dense(java.util.Arrays.copyOfRange(x, i * D, (i + 1) * D)), w[i]));
        }
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("weight", DataTypes.DoubleType);
        return s.createDataFrame(JavaSparkContext.fromSparkContext(s.sparkContext()).parallelize(rows, partitions), schema);
    }

    private static MixtureParameters start(CovarianceType type, double[] x) {
        int k = 3;
        double[] means = new double[k * D];
        for (int j = 0; j < k; j++) {
            System.arraycopy(x, (7 * j + 1) * D, means, j * D, D);
        }
        double[] cov = switch (type) {
            case FULL -> {
                double[] c = new double[k * D * D];
                for (int j = 0; j < k; j++) {
                    for (int r = 0; r < D; r++) {
                        c[j * D * D + r * D + r] = 2.0;
                    }
                }
                yield c;
            }
            case TIED -> new double[] {2, 0, 0, 0, 2, 0, 0, 0, 2};
            case DIAG -> new double[] {2, 2, 2, 2, 2, 2, 2, 2, 2};
            case SPHERICAL -> new double[] {2, 2, 2};
        };
        return new MixtureParameters(type, k, D, new double[] {0.3, 0.3, 0.4}, means, cov);
    }

    private static void assertClose(double[] expected, double[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], rel * Math.max(scale, 1e-300), what + "[" + i + "]");
        }
    }

    @Test
    void fromTheSameStartEqualsTheSingleMachineFitForEveryCovarianceType() {
        double[] w = new double[N];
        double[] x = rows(w);
        Dataset<Row> df = frame(x, w, 3);
        for (CovarianceType type : CovarianceType.values()) {
            for (boolean weighted : new boolean[] {false, true}) {
                MixtureParameters p0 = start(type, x);
                org.latent4j.models.mixture.GaussianMixture single = new org.latent4j.models.mixture.GaussianMixture(
                        GaussianMixtureConfig.builder().initialParameters(p0).tol(1e-8).maxIter(12).regCovar(1e-4).build())
                        .fit(x, D, weighted ? w : null);
                GaussianMixture est = new GaussianMixture().setInitialParameters(p0).setTol(1e-8).setMaxIter(12).setRegCovar(1e-4);
                if (weighted) {
                    est.setWeightCol("weight");
                }
                GaussianMixtureModel m = est.fit(df);
                String what = type + (weighted ? " weighted" : "");
                assertEquals(single.fitResult().iterations(), m.fitResult().iterations(), what + " iterations");
                assertEquals(single.fitResult().meanLogLikelihood(), m.fitResult().meanLogLikelihood(),
                        1e-9 * Math.abs(single.fitResult().meanLogLikelihood()), what + " log-likelihood");
                assertClose(single.parameters().weights(), m.parameters().weights(), 1e-9, what + " weights");
                assertClose(single.parameters().means(), m.parameters().means(), 1e-9, what + " means");
                assertClose(single.parameters().covariances(), m.parameters().covariances(), 1e-9, what + " covariances");
            }
        }
    }

    @Test
    void kmeansPlusPlusOnTheWholeDataStartsAsTheSingleMachineAndFindsTheTrueMeans() {
        double[] w = new double[N];
        double[] x = rows(w);
        org.latent4j.models.mixture.GaussianMixture single = new org.latent4j.models.mixture.GaussianMixture(
                GaussianMixtureConfig.builder().k(3).seed(5).nInit(2).tol(1e-6).build()).fit(x, D);
        GaussianMixtureModel m = new GaussianMixture().setK(3).setSeed(5).setNInit(2).setTol(1e-6).setInitSampleSize(N)
                .fit(frame(x, w, 4));
        assertClose(single.parameters().means(), m.parameters().means(), 1e-9, "means");
        assertClose(single.parameters().covariances(), m.parameters().covariances(), 1e-9, "covariances");
        // the truth: each true mean (shifted by 10, second coordinate by 0.3·first) is within 0.5 of a fitted one
        double[] mu = m.parameters().means();
        for (double[] t : TRUE_MEANS) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 3; j++) {
                double dist = 0;
                for (int c = 0; c < D; c++) {
                    double truth = 10 + t[c] + (c == 1 ? 0.3 * (10 + t[0]) : 0);
                    dist += (mu[j * D + c] - truth) * (mu[j * D + c] - truth);
                }
                best = Math.min(best, Math.sqrt(dist));
            }
            assertTrue(best < 0.5, "a true mean is " + best + " from the nearest fitted one");
        }
    }

    @Test
    void aFixedPartitioningGivesTheSameResultRunAfterRun() {
        double[] w = new double[N];
        double[] x = rows(w);
        Dataset<Row> df = frame(x, w, 4);
        GaussianMixture est = new GaussianMixture().setK(3).setSeed(1).setWeightCol("weight").setInitSampleSize(300).setMaxIter(8);
        GaussianMixtureModel a = est.fit(df);
        GaussianMixtureModel b = est.fit(df);
        assertArrayEquals(a.parameters().means(), b.parameters().means());
        assertArrayEquals(a.parameters().covariances(), b.parameters().covariances());
        assertEquals(a.fitResult().meanLogLikelihood(), b.fitResult().meanLogLikelihood());
    }

    @Test
    void transformSaveAndLoadAgreeWithTheSingleMachineModelAndTheCliFiles(@TempDir Path tmp) throws Exception {
        double[] w = new double[N];
        double[] x = rows(w);
        Dataset<Row> df = frame(x, w, 3);
        GaussianMixtureModel m = new GaussianMixture().setK(3).setSeed(2).fit(df);
        org.latent4j.models.mixture.GaussianMixture single = m.toMixture();
        double[] ll = single.scoreSamples(x);
        double[] resp = single.predictProba(x);
        int[] labels = single.predict(x);
        List<Row> out = m.transform(df).collectAsList();
        assertEquals(N, out.size());
        for (int i = 0; i < N; i++) {
            Row r = out.get(i);
            assertEquals(labels[i], r.getInt(r.fieldIndex("prediction")));
            assertEquals(ll[i], r.getDouble(r.fieldIndex("log_likelihood")), 1e-12 * Math.abs(ll[i]));
            Vector p = r.getAs("probability");
            for (int j = 0; j < 3; j++) {
                assertEquals(resp[i * 3 + j], p.apply(j), 1e-12);
            }
        }
        Path dir = tmp.resolve("gmm");
        m.write().save(dir.toString());
        // the CLI's reader opens it
        GaussianMixtureFiles.Stored stored = GaussianMixtureFiles.load(dir);
        assertArrayEquals(m.parameters().means(), stored.mixture().parameters().means());
        GaussianMixtureModel back = GaussianMixtureModel.load(dir.toString());
        assertEquals(m.uid(), back.uid());
        assertArrayEquals(m.parameters().covariances(), back.parameters().covariances());
        double[] llBack = back.transform(df).select("log_likelihood").collectAsList().stream().mapToDouble(r -> r.getDouble(0)).toArray();
        assertArrayEquals(ll, llBack, 1e-12 * Math.abs(ll[0]));
        // a model directory written by the single-machine code (as the CLI writes it) loads on Spark
        Path cli = tmp.resolve("cli-gmm");
        GaussianMixtureFiles.save(cli, single);
        assertArrayEquals(single.parameters().means(), GaussianMixtureModel.load(cli.toString()).parameters().means());
        // never over a model without overwrite(), never over a folder latent4j did not write
        var again = assertThrows(java.io.UncheckedIOException.class, () -> m.write().save(dir.toString()));
        assertTrue(again.getMessage().contains("overwrite()"), again.getMessage());
        m.write().overwrite().save(dir.toString());
        Path foreign = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(foreign.resolve("notes.txt"), "keep");
        var refused = assertThrows(java.io.UncheckedIOException.class, () -> m.write().overwrite().save(foreign.toString()));
        assertTrue(refused.getMessage().contains("not a latent4j model directory"), refused.getMessage());
        assertEquals("keep", Files.readString(foreign.resolve("notes.txt")));
    }

    @Test
    void badInputIsRefusedNamingTheColumnOrValue() {
        double[] w = new double[N];
        double[] x = rows(w);
        x[5 * D + 1] = Double.NaN;
        Dataset<Row> df = frame(x, w, 2);
        var nan = assertThrows(Exception.class, () -> new GaussianMixture().setK(2).fit(df));
        assertTrue(rootMessage(nan).contains("column 'features' has NaN at index 1"), rootMessage(nan));
        var missing = assertThrows(IllegalArgumentException.class, () -> new GaussianMixture().setFeaturesCol("f").fit(df));
        assertTrue(missing.getMessage().contains("'f' is not in the data set; its columns are features, weight"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GaussianMixture().setK(0));
        var tooMany = assertThrows(IllegalArgumentException.class,
                () -> new GaussianMixture().setK(N + 1).fit(frame(rows(new double[N]), w, 2)));
        assertTrue(tooMany.getMessage().contains("larger than the number of rows"), tooMany.getMessage());
    }

    private static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
