package org.latent4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.random.RandomSource;
import org.latent4j.spark.mixture.GaussianMixture;
import org.latent4j.spark.mixture.GaussianMixtureModel;
import org.latent4j.spark.vae.Vae;
import org.latent4j.spark.vae.VaeModel;

/** The Java example of README.md ("Scale out on Spark"), run as written on local[2]: keep the two in step. */
class ReadmeExampleTest {
    @Test
    void theReadmeExampleRuns(@TempDir Path tmp) throws Exception {
        SparkTests.session();   // the README's builder then returns the tests' session
        List<Row> rows = new ArrayList<>();
        RandomSource rng = new RandomSource(7);
        for (int i = 0; i < 300; i++) {
            double[] v = new double[8];
            for (int c = 0; c < 8; c++) {
                v[c] = (i % 2 == 0) == (c < 4) ? 0.9 - 0.1 * rng.nextDouble() : 0.1 * rng.nextDouble();
            }
            rows.add(RowFactory.create(Vectors.dense(v)));
        }
        String dir = tmp.toString();
        // --- README example (between the markers) ---
        SparkSession spark = SparkSession.builder().master("local[2]").getOrCreate();
        Dataset<Row> df = spark.createDataFrame(rows, new StructType().add("features", SQLDataTypes.VectorType()));

        GaussianMixtureModel gmm = new GaussianMixture().setK(2).setCovarianceType("full").setSeed(1).fit(df);
        gmm.write().save(dir + "/gmm");                       // latent4j's model files: the CLI opens them
        GaussianMixtureModel gmmBack = GaussianMixtureModel.load(dir + "/gmm");
        gmmBack.transform(df).select("prediction", "probability", "log_likelihood").show(3);

        VaeModel vae = new Vae().setLatentDim(2).setHidden(16).setEpochs(3).setBatchSize(50).fit(df);
        vae.write().save(dir + "/vae");
        VaeModel vaeBack = VaeModel.load(dir + "/vae");
        vaeBack.transform(df).select("mu", "sigma", "anomaly_score").show(3);
        // --- end of README example ---
        assertEquals(300, gmmBack.transform(df).count());
        assertEquals(gmm.parameters().means()[0], gmmBack.parameters().means()[0]);
        assertEquals(300, vaeBack.transform(df).count());
    }
}
