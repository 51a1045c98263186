package org.latent4j.spark.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.ArrayData;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.random.RandomSource;
import org.latent4j.spark.SparkTests;
import org.latent4j.tensor.Tensor;

class VaeTest {
    private static final int D = 12;

    /** Rows near one of two binary prototypes (each pixel flipped with probability 0.1); pattern B only when asked. */
    private static float[] rows(int n, boolean patternB, long seed) {
        RandomSource rng = new RandomSource(seed);
        float[] x = new float[n * D];
        for (int i = 0; i < n; i++) {
            int proto = patternB ? 2 : i % 2;
            for (int c = 0; c < D; c++) {
                boolean on = switch (proto) {
                    case 0 -> c < D / 2;
                    case 1 -> c >= D / 2;
                    default -> c % 2 == 0;
                };
                if (rng.nextDouble() < 0.1) {
                    on = !on;
                }
                x[i * D + c] = on ? 1f : 0f;
            }
        }
        return x;
    }

    private static Dataset<Row> frame(float[] x, int partitions) {
        SparkSession s = SparkTests.session();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length / D; i++) {
            double[] v = new double[D];
            for (int c = 0; c < D; c++) {
                v[c] = x[i * D + c];
            }
            rows.add(RowFactory.create(Vectors.dense(v)));
        }
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType());
        return s.createDataFrame(JavaSparkContext.fromSparkContext(s.sparkContext()).parallelize(rows, partitions), schema);
    }

    private static Vae estimator() {
        return new Vae().setLatentDim(2).setHidden(16).setEpochs(2).setBatchSize(40).setLearningRate(1e-2).setSeed(3);
    }

    @Test
    void synchronousTrainingEqualsSingleMachineTrainingWithTheSameGlobalBatch() {
        float[] x = rows(120, false, 1);
        Vae est = estimator();
        VaeModel m = est.fit(frame(x, 3));
        org.latent4j.models.vae.Vae single = org.latent4j.models.vae.Vae.create(est.modelConfig(D));
        TrainingHistory h = single.fit(new DataMatrix("rows", x, 120, D), null, est.trainingConfig());
        Map<String, ArrayData> a = single.stateArrays();
        Map<String, ArrayData> b = m.vae().stateArrays();
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            float[] fa = ((ArrayData.F32) a.get(k)).data();
            float[] fb = ((ArrayData.F32) b.get(k)).data();
            for (int i = 0; i < fa.length; i++) {
                assertEquals(fa[i], fb[i], 1e-4 * Math.max(1, Math.abs(fa[i])), k + "[" + i + "]");
            }
        }
        for (int e = 0; e < 2; e++) {
            assertEquals(h.epochs().get(e).trainLoss(), m.history().get(e).trainLoss(), 1e-4 * Math.abs(h.epochs().get(e).trainLoss()));
        }
    }

    @Test
    void localSgdLowersTheLossAndRepeatsItself() {
        float[] x = rows(200, false, 2);
        Dataset<Row> df = frame(x, 2);
        Vae est = estimator().setMode("local").setSyncEvery(2).setEpochs(3).setBatchSize(20);
        VaeModel a = est.fit(df);
        VaeModel b = est.fit(df);
        List<Double> losses = a.history().stream().map(r -> r.trainLoss()).toList();
        for (int e = 1; e < losses.size(); e++) {
            assertTrue(losses.get(e) < losses.get(e - 1), "train loss per epoch " + losses);
        }
        assertTrue(losses.get(2) < losses.get(0) - 0.1, "train loss per epoch " + losses);
        assertEquals(a.vae().stateArrays(), b.vae().stateArrays());
    }

    @Test
    void transformEncodesAndScoresAsTheSingleMachineModelAndFlagsTheUnseenPattern(@TempDir Path tmp) throws Exception {
        float[] x = rows(200, false, 4);
        VaeModel m = estimator().setEpochs(6).setBatchSize(25).fit(frame(x, 2)).setImportanceSamples(20);
        float[] odd = rows(40, true, 5);
        float[] both = new float[x.length + odd.length];
        System.arraycopy(x, 0, both, 0, x.length);
        System.arraycopy(odd, 0, both, x.length, odd.length);
        Dataset<Row> one = frame(both, 1);
        List<Row> out = m.transform(one).collectAsList();
        int n = both.length / D;
        float[] mu = m.vae().encode(Tensor.of(both, n, D)).mu().data();
        double[] nll = m.vae().score(new DataMatrix("all", both, n, D), 20, new RandomSource(VaeModel.Training.seedOf(0, 0)))
                .negativeLogLikelihood();
        double seen = 0, unseen = 0;
        for (int i = 0; i < n; i++) {
            Row r = out.get(i);
            Vector v = r.getAs("mu");
            assertEquals(mu[i * 2], v.apply(0), 1e-6);
            assertEquals(nll[i], r.getDouble(r.fieldIndex("anomaly_score")), 1e-6 * Math.abs(nll[i]));
            Vector sigma = r.getAs("sigma");
            assertTrue(sigma.apply(0) > 0);
            if (i < 200) {
                seen += nll[i] / 200;
            } else {
                unseen += nll[i] / 40;
            }
        }
        assertTrue(unseen > seen + 1, "mean score of the unseen pattern " + unseen + " vs the training pattern " + seen);
        Path dir = tmp.resolve("vae");
        m.write().save(dir.toString());
        assertEquals(m.vae().stateArrays(), VaeFiles.load(dir).vae().stateArrays());
        VaeModel back = VaeModel.load(dir.toString());
        assertEquals(m.vae().stateArrays(), back.vae().stateArrays());
        Path cli = tmp.resolve("cli-vae");
        VaeFiles.save(cli, m.vae());
        assertArrayEquals(((ArrayData.F32) m.vae().stateArrays().values().iterator().next()).data(),
                ((ArrayData.F32) VaeModel.load(cli.toString()).vae().stateArrays().values().iterator().next()).data());
    }
}
