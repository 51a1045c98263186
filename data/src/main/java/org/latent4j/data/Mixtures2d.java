package org.latent4j.data;

import java.util.List;
import java.util.Locale;
import org.latent4j.random.RandomSource;

/**
 * The 2-D toy data sets of the GAN mode-collapse literature, drawn from a seed:
 * <ul>
 *   <li>{@code ring8}: 8 Gaussians of standard deviation 0.01 centred on the unit circle at angles 2πk/8
 *       (the ring of VEEGAN, Srivastava et al. 2017, and PacGAN, Lin et al. 2018);</li>
 *   <li>{@code grid25}: 25 Gaussians of standard deviation 0.05 centred on {−4, −2, 0, 2, 4}² (their grid);</li>
 *   <li>{@code swissroll}: the WGAN-GP paper's Swiss roll (Gulrajani et al. 2017, toy experiments):
 *       t = 1.5π(1 + 2u), u ~ U[0, 1], the point (t cos t, t sin t) plus N(0, 0.25²) noise per
 *       coordinate, all divided by 7.5 (scikit-learn's {@code make_swiss_roll} seen from above).</li>
 * </ul>
 * Each is a fixed sample: the training split of {@code rows} points and a test split of
 * {@link #TEST_ROWS}, from independent streams of the seed (the reference script samples fresh points
 * for every batch; a fixed set of 100,000 points per split is as good for these densities and keeps
 * latent4j's data, shuffling and checkpoints as for every other data set). For the mixtures a point's
 * label is the index of the Gaussian it was drawn from.
 */
public final class Mixtures2d {
    /** The names accepted as data specs. */
    public static final List<String> NAMES = List.of("ring8", "grid25", "swissroll");
    /** Training points by default. */
    public static final int DEFAULT_ROWS = 100_000;
    /** Points of the test split. */
    public static final int TEST_ROWS = 2_500;

    private Mixtures2d() {}

    /** The centres of a mixture's Gaussians, [K][2]; null for the Swiss roll, which is no mixture. */
    public static double[][] means(String name) {
        return switch (key(name)) {
            case "ring8" -> {
                double[][] m = new double[8][];
                for (int k = 0; k < 8; k++) {
                    m[k] = new double[] {Math.cos(2 * Math.PI * k / 8), Math.sin(2 * Math.PI * k / 8)};
                }
                yield m;
            }
            case "grid25" -> {
                double[][] m = new double[25][];
                int k = 0;
                for (int i = -4; i <= 4; i += 2) {
                    for (int j = -4; j <= 4; j += 2) {
                        m[k++] = new double[] {i, j};
                    }
                }
                yield m;
            }
            default -> null;
        };
    }

    /** The common standard deviation of a mixture's Gaussians (NaN for the Swiss roll). */
    public static double std(String name) {
        return switch (key(name)) {
            case "ring8" -> 0.01;
            case "grid25" -> 0.05;
            default -> Double.NaN;
        };
    }

    /** The training and test splits of a data set, drawn from {@code seed}. */
    public static Splits load(String name, int rows, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException("data set " + name + ": rows must be >= 1, got " + rows);
        }
        RandomSource root = new RandomSource(seed);
        RandomSource trainRng = root.split();
        RandomSource testRng = root.split();
        String k = key(name);
        return new Splits(draw(k, k + "/train", rows, trainRng, seed), draw(k, k + "/test", TEST_ROWS, testRng, seed));
    }

    private static Dataset draw(String name, String splitName, int n, RandomSource rng, long seed) {
        float[] x = new float[2 * n];
        double[][] means = means(name);
        int[] labels = means == null ? null : new int[n];
        for (int i = 0; i < n; i++) {
            if (means == null) {
                double t = 1.5 * Math.PI * (1 + 2 * rng.nextDouble());
                x[2 * i] = (float) ((t * Math.cos(t) + 0.25 * rng.nextGaussian()) / 7.5);
                x[2 * i + 1] = (float) ((t * Math.sin(t) + 0.25 * rng.nextGaussian()) / 7.5);
            } else {
                int k = rng.nextInt(means.length);
                labels[i] = k;
                double s = std(name);
                x[2 * i] = (float) (means[k][0] + s * rng.nextGaussian());
                x[2 * i + 1] = (float) (means[k][1] + s * rng.nextGaussian());
            }
        }
        return new Dataset(splitName, name + " (seed " + seed + ")", x, n, 2, labels, null, List.of("x", "y"), 0, 0);
    }

    private static String key(String name) {
        String k = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(k)) {
            throw new IllegalArgumentException("unknown 2-D data set '" + name + "'; expected one of " + NAMES);
        }
        return k;
    }
}
