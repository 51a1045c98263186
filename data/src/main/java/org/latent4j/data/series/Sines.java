package org.latent4j.data.series;

import java.util.ArrayList;
import java.util.List;
import org.latent4j.data.Dataset;
import org.latent4j.data.Splits;
import org.latent4j.random.RandomSource;

/**
 * The standard synthetic benchmark of time-series generation (Yoon, Jarrett and van der Schaar, "Time-series
 * Generative Adversarial Networks", NeurIPS 2019, section 5.1): each window has F independent sine features,
 * feature k at step t being {@code x = sin(ω t + φ)} with its own angular frequency {@code ω = 2π f} and phase
 * {@code φ}, both drawn uniform in [0, 0.1) per window and feature as in the paper's code, then mapped into
 * [0, 1] by {@code (x + 1) / 2}. Every window is independent of the others, so the test windows are simply
 * the last ones drawn.
 *
 * @param count    windows in all (N)
 * @param steps    steps per window (T)
 * @param features features per step (F)
 * @param seed     of the draws: same seed, same windows
 * @param test     the share of the windows, at the end, held out (0 for none)
 */
public record Sines(int count, int steps, int features, long seed, double test) {
    /** The most values the generator makes (N * T * F). */
    public static final long MAX_VALUES = 1L << 28;

    /** The largest angular frequency and phase drawn (TimeGAN's code draws both uniform in [0, 0.1)). */
    public static final double MAX_OMEGA = 0.1;
    public static final double MAX_PHASE = 0.1;

    public Sines {
        if (count < 1 || steps < 1 || features < 1) {
            throw new IllegalArgumentException("sines needs n, window and features of at least 1, got n=" + count
                    + ", window=" + steps + ", features=" + features);
        }
        if ((long) count * steps * features > MAX_VALUES) {
            throw new IllegalArgumentException("sines: n=" + count + " x window=" + steps + " x features=" + features
                    + " is more than " + MAX_VALUES + " values");
        }
        if (!(test >= 0 && test < 1)) {
            throw new IllegalArgumentException("sines: test must be the share of the windows held out, in [0, 1), got " + test);
        }
        if (count - (int) Math.round(test * count) < 1) {
            throw new IllegalArgumentException("sines: test=" + test + " of n=" + count + " leaves no training window");
        }
    }

    /** The windows, flat [N, T*F], time-major, every value in [0, 1]. */
    public float[] generate() {
        RandomSource rng = new RandomSource(seed);
        float[] x = new float[count * steps * features];
        for (int n = 0; n < count; n++) {
            int row = n * steps * features;
            for (int k = 0; k < features; k++) {
                double omega = rng.nextDouble() * MAX_OMEGA;
                double phase = rng.nextDouble() * MAX_PHASE;
                for (int t = 0; t < steps; t++) {
                    x[row + t * features + k] = (float) ((Math.sin(omega * t + phase) + 1) * 0.5);
                }
            }
        }
        return x;
    }

    /** The windows as data: the first {@code 1 - test} share for training, the rest for test; identity scaler. */
    public SequenceData load() {
        float[] all = generate();
        int testCount = (int) Math.round(test * count);
        int trainCount = count - testCount;
        SequenceShape shape = new SequenceShape(steps, features);
        int w = shape.width();
        List<String> feats = new ArrayList<>();
        for (int k = 0; k < features; k++) {
            feats.add("sine" + k);
        }
        List<String> cols = SequenceData.columnNames(feats, steps);
        String source = "sines: " + count + " windows of " + steps + " steps x " + features + " features, seed " + seed
                + " (TimeGAN's sine benchmark)";
        Dataset tr = Dataset.builder("sines/train", java.util.Arrays.copyOf(all, trainCount * w), trainCount, w)
                .source(source).columnNames(cols).build();
        Dataset te = testCount == 0 ? null : Dataset.builder("sines/test",
                java.util.Arrays.copyOfRange(all, trainCount * w, count * w), testCount, w).source(source).columnNames(cols).build();
        return new SequenceData(new Splits(tr, te), shape, SeriesScaler.identity(feats), null, null, null);
    }
}
