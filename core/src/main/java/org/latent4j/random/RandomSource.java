package org.latent4j.random;

import java.util.Arrays;

/**
 * A seedable source of random numbers that can be split into independent streams.
 *
 * <p>The generator is xoshiro256++ (Blackman and Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 2021), seeded through SplitMix64 so that nearby seeds give unrelated streams.
 * Normal variates use the Box-Muller transform and keep the second value of each pair, so a stream's
 * whole state is five numbers that {@link #state()} exports and {@link #fromState(long[])} restores
 * (checkpoints resume the exact sequence).
 *
 * <p>{@link #split()} derives a new, statistically independent stream from this one; splitting the
 * same source the same number of times gives the same streams, so results depend only on the seed and
 * the number of streams, never on thread timing. A {@code RandomSource} is not thread-safe: give each
 * thread its own split.
 */
public final class RandomSource {
    private long s0, s1, s2, s3;
    private boolean hasSpare;
    private double spare;

    /** A stream determined entirely by {@code seed}. */
    public RandomSource(long seed) {
        long x = seed;
        s0 = splitMix(x += 0x9E3779B97F4A7C15L);
        s1 = splitMix(x += 0x9E3779B97F4A7C15L);
        s2 = splitMix(x += 0x9E3779B97F4A7C15L);
        s3 = splitMix(x + 0x9E3779B97F4A7C15L);
        if ((s0 | s1 | s2 | s3) == 0) {
            s0 = 1; // the all-zero state is the one state xoshiro cannot leave
        }
    }

    private RandomSource(long[] state, boolean hasSpare, double spare) {
        this.s0 = state[0];
        this.s1 = state[1];
        this.s2 = state[2];
        this.s3 = state[3];
        this.hasSpare = hasSpare;
        this.spare = spare;
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next 64 uniformly distributed bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s0 + s3, 23) + s0;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, bound), without modulo bias (Lemire's method). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** A standard normal variate (Box-Muller; the second value of each pair is kept for the next call). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 == 0.0);
        double u2 = nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        double theta = 2.0 * Math.PI * u2;
        spare = r * Math.sin(theta);
        hasSpare = true;
        return r * Math.cos(theta);
    }

    /** Fills {@code out[off, off+len)} with N(mean, std²) variates. */
    public void fillNormal(float[] out, int off, int len, double mean, double std) {
        for (int i = off, end = off + len; i < end; i++) {
            out[i] = (float) (mean + std * nextGaussian());
        }
    }

    /** Fills {@code out[off, off+len)} with N(mean, std²) variates in double precision. */
    public void fillNormal(double[] out, int off, int len, double mean, double std) {
        for (int i = off, end = off + len; i < end; i++) {
            out[i] = mean + std * nextGaussian();
        }
    }

    /** Fills {@code out[off, off+len)} with values uniform in [lo, hi). */
    public void fillUniform(float[] out, int off, int len, double lo, double hi) {
        double w = hi - lo;
        for (int i = off, end = off + len; i < end; i++) {
            out[i] = (float) (lo + w * nextDouble());
        }
    }

    /** A uniformly random permutation of {0, ..., n-1} (Fisher-Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }

    /** Shuffles {@code a} in place (Fisher-Yates). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A new independent stream derived from this one (advances this stream). */
    public RandomSource split() {
        return new RandomSource(nextLong());
    }

    /** {@code n} independent streams derived from this one, in a fixed order. */
    public RandomSource[] split(int n) {
        RandomSource[] out = new RandomSource[n];
        for (int i = 0; i < n; i++) {
            out[i] = split();
        }
        return out;
    }

    /** The whole state: four generator words, a has-spare flag and the spare normal's bits. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3, hasSpare ? 1 : 0, Double.doubleToRawLongBits(spare)};
    }

    /** Restores a stream from {@link #state()}. */
    public static RandomSource fromState(long[] state) {
        if (state == null || state.length != 6) {
            throw new IllegalArgumentException("RandomSource.fromState: expected 6 numbers, got "
                    + (state == null ? "null" : Arrays.toString(state)));
        }
        if ((state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("RandomSource.fromState: the generator words are all zero, which no stream reaches");
        }
        return new RandomSource(state, state[4] != 0, Double.longBitsToDouble(state[5]));
    }

    /** A copy that continues exactly as this stream would. */
    public RandomSource copy() {
        return fromState(state());
    }
}
