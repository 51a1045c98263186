package org.latent4j.models.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.vae.LikelihoodKind;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

class AutoencoderTest {

    static DataMatrix data(int n, long seed) {
        RandomSource rng = new RandomSource(seed);
        float[] x = new float[n * 10];
        for (int i = 0; i < n; i++) {
            double t = rng.nextDouble();
            for (int j = 0; j < 10; j++) {
                x[i * 10 + j] = (float) (0.5 + 0.4 * Math.sin(6 * t + j));
            }
        }
        return new DataMatrix("curve", x, n, 10);
    }

    @Test
    void learnsToReconstructAndRoundTripsThroughFiles(@TempDir Path dir) throws IOException {
        Autoencoder ae = Autoencoder.create(AutoencoderConfig.builder(10).latentDim(2).hidden(16).seed(3).build());
        TrainingHistory h = ae.fit(data(400, 1), data(100, 2),
                TrainingConfig.builder().epochs(8).batchSize(20).learningRate(1e-2).build());
        assertTrue(h.last().testLoss() < h.epochs().get(0).testLoss(), h.epochs().toString());
        Tensor x = data(5, 3).slice(0, 5);
        assertArrayEquals(new int[] {5, 2}, ae.encode(x).shape());
        assertArrayEquals(new int[] {5, 10}, ae.reconstruct(x).shape());
        double[] scores = ae.scoreSamples(data(100, 2));
        double mean = 0;
        for (double s : scores) {
            mean += s / scores.length;
        }
        assertEquals(h.last().testLoss(), mean, 1e-3);

        ae.save(dir.resolve("ae"), null);
        Autoencoder back = Autoencoder.load(dir.resolve("ae"));
        assertTrue(!back.isTraining() && !ae.isTraining(), "trained and loaded models are in evaluation mode");
        assertArrayEquals(ae.reconstruct(x).toArray(), back.reconstruct(x).toArray());
        assertEquals(ae.config(), back.config());
    }

    @Test
    void gaussianAutoencoderTakesAnyFiniteValueButBernoulliDoesNot() {
        float[] x = new float[20];
        x[3] = -2f;
        DataMatrix d = new DataMatrix("signed", x, 2, 10);
        Autoencoder bern = Autoencoder.create(AutoencoderConfig.builder(10).latentDim(2).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bern.fit(d, null, TrainingConfig.builder().epochs(1).build()));
        assertTrue(e.getMessage().contains("signed") && e.getMessage().contains("-2.0"), e.getMessage());
        Autoencoder gauss = Autoencoder.create(AutoencoderConfig.builder(10).latentDim(2)
                .likelihood(LikelihoodKind.GAUSSIAN).build());
        gauss.fit(d, null, TrainingConfig.builder().epochs(1).build());
    }
}
