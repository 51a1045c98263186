package org.latent4j.models.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;

/** The discriminative and predictive scores on windows whose relation is known. */
class SyntheticMeasuresTest {
    static final int T = 24;
    static final int F = 2;

    /** Windows of sines with random frequency and phase (TimeGAN's benchmark, as in data's Sines), in [0, 1]. */
    static float[] sines(int n, long seed) {
        RandomSource rng = new RandomSource(seed);
        float[] x = new float[n * T * F];
        for (int w = 0; w < n; w++) {
            for (int k = 0; k < F; k++) {
                double omega = rng.nextDouble() * 0.1;
                double phase = rng.nextDouble() * 0.1;
                for (int t = 0; t < T; t++) {
                    x[(w * T + t) * F + k] = (float) ((Math.sin(omega * t + phase) + 1) / 2);
                }
            }
        }
        return x;
    }

    /** Values uniform in [0, 1], independent from step to step: nothing to predict. */
    static float[] noise(int n, long seed) {
        RandomSource rng = new RandomSource(seed);
        float[] x = new float[n * T * F];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        return x;
    }

    @Test
    void identicalSetsCannotBeToldApart() {
        float[] real = sines(600, 1);
        DiscriminativeScore d = DiscriminativeScore.of(real, real.clone(), T * F, MeasureSettings.defaults());
        assertEquals(960, d.trainExamples());
        assertEquals(240, d.testExamples());
        // chance: the standard deviation of the accuracy over 240 test windows is about 0.032
        assertTrue(d.score() < 0.1, "identical sets scored " + d.score());
        assertEquals(Math.abs(d.accuracy() - 0.5), d.score(), 1e-15);
    }

    @Test
    void differentSetsAreToldApartAndTheScoreIsSeeded() {
        float[] real = sines(600, 1);
        float[] fake = noise(600, 2);
        DiscriminativeScore d = DiscriminativeScore.of(real, fake, T * F, MeasureSettings.defaults());
        assertTrue(d.score() > 0.35, "sines against noise scored " + d.score());
        // trained longer, the classifier tells them apart almost always
        DiscriminativeScore longer = DiscriminativeScore.of(real, fake, T * F, MeasureSettings.defaults().withEpochs(200));
        assertTrue(longer.score() > 0.47, "sines against noise, 200 epochs, scored " + longer.score());
        DiscriminativeScore again = DiscriminativeScore.of(real, fake, T * F, MeasureSettings.defaults());
        assertEquals(d, again);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DiscriminativeScore.of(real, new float[T * F],
                T * F, MeasureSettings.defaults())).getMessage().contains("needs more windows"));
        float[] bad = fake.clone();
        bad[T * F + 3] = Float.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DiscriminativeScore.of(real, bad, T * F,
                MeasureSettings.defaults())).getMessage().contains("synthetic windows: window 1, value 3 is NaN"));
    }

    @Test
    void predictorTrainedOnTheSameDistributionDoesAsWellAsOnRealOnNoiseItFails() {
        float[] realTrain = sines(800, 1);
        float[] realTest = sines(300, 2);
        MeasureSettings s = MeasureSettings.defaults();
        PredictiveScore same = PredictiveScore.of(sines(800, 3), realTrain, realTest, T, F, s);
        assertTrue(same.realTrained() < 0.05, "a smooth sine's next step is easy: " + same);
        assertTrue(same.ratio() < 1.5, "synthetic windows from the same distribution: " + same);
        PredictiveScore noisy = PredictiveScore.of(noise(800, 4), realTrain, realTest, T, F, s);
        assertEquals(same.realTrained(), noisy.realTrained(), 1e-12); // same seed, same real training
        assertTrue(noisy.ratio() > 3, "trained on noise: " + noisy);
        assertEquals(300, same.testWindows());
        assertThrows(IllegalArgumentException.class, () -> PredictiveScore.of(new float[2], new float[2], new float[2], 1, 2, s));
    }
}
