package org.latent4j.models.series;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.latent4j.random.RandomSource;

/**
 * Labelled anomalies injected into a part of a series (usually its test part), to measure how well per-step
 * anomaly scores find them ({@link RankingMetrics}): a copy of the values with the anomalies added, and a label per
 * time step. Sizes are in units σ of each feature, measured over the steps before the part (the training steps; over
 * the part itself when it starts at step 0): by default ({@link Unit#STEP_CHANGES}) the standard deviation of the
 * changes from one step to the next, the series' local variability, so that a trend or a slow cycle (CO₂'s rise, its
 * seasons) does not make every anomaly huge; or ({@link Unit#STANDARD_DEVIATION}) the standard deviation of the
 * values. Each anomaly touches one feature, chosen at random, and anomalies never overlap or touch (one normal step
 * at least between two), so each is its own event.
 * <ul>
 *   <li>{@link Kind#SPIKE}: one step moved by ± {@code spikeSize} σ;</li>
 *   <li>{@link Kind#LEVEL_SHIFT}: {@code length} steps moved by ± {@code shiftSize} σ;</li>
 *   <li>{@link Kind#VARIANCE_BURST}: {@code length} steps with Gaussian noise of standard deviation
 *       {@code burstSize} σ added.</li>
 * </ul>
 *
 * @param values    the series with the anomalies, time-major [steps, features]
 * @param anomalous per step of the whole series, whether an anomaly touches it
 * @param anomalies what was injected, in the order of their start
 */
public record AnomalyInjection(double[] values, boolean[] anomalous, List<Anomaly> anomalies) {

    /** The kinds of anomaly. */
    public enum Kind {
        SPIKE, LEVEL_SHIFT, VARIANCE_BURST;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What the sizes of the anomalies are measured in. */
    public enum Unit {
        /** The standard deviation of the step-to-step changes x[t+1] − x[t]. */
        STEP_CHANGES,
        /** The standard deviation of the values. */
        STANDARD_DEVIATION
    }

    /**
     * One injected anomaly.
     *
     * @param start     its first step in the series
     * @param length    its steps
     * @param feature   the feature it touches
     * @param magnitude the shift added (signed, in the data's units) or, for a burst, the noise's standard deviation
     */
    public record Anomaly(Kind kind, int start, int length, int feature, double magnitude) {}

    /**
     * How many anomalies of each kind, how long and how large (sizes in units σ, see {@link Unit}), and the seed.
     */
    public record Settings(int spikes, int levelShifts, int varianceBursts, int length, double spikeSize,
                           double shiftSize, double burstSize, Unit unit, long seed) {
        public Settings {
            if (spikes < 0 || levelShifts < 0 || varianceBursts < 0 || spikes + levelShifts + varianceBursts == 0) {
                throw new IllegalArgumentException("anomaly counts must be >= 0 and not all 0, got " + spikes + " spikes, "
                        + levelShifts + " level shifts, " + varianceBursts + " variance bursts");
            }
            if (length < 1) {
                throw new IllegalArgumentException("the length of a level shift or burst must be at least 1 step, got " + length);
            }
            if (!(spikeSize > 0 && shiftSize > 0 && burstSize > 0) || !Double.isFinite(spikeSize + shiftSize + burstSize)) {
                throw new IllegalArgumentException("anomaly sizes must be positive, got " + spikeSize + ", " + shiftSize
                        + ", " + burstSize);
            }
            if (unit == null) {
                throw new IllegalArgumentException("the unit of the anomaly sizes is required");
            }
        }

        /**
         * 3 spikes of 6 σ, 2 level shifts of 3 σ and 2 variance bursts of 2 σ, each 8 steps long, σ the standard
         * deviation of the step-to-step changes; seed 1.
         */
        public static Settings defaults() {
            return new Settings(3, 2, 2, 8, 6, 3, 2, Unit.STEP_CHANGES, 1);
        }

        public Settings withSeed(long s) {
            return new Settings(spikes, levelShifts, varianceBursts, length, spikeSize, shiftSize, burstSize, unit, s);
        }

        public Settings withUnit(Unit u) {
            return new Settings(spikes, levelShifts, varianceBursts, length, spikeSize, shiftSize, burstSize, u, seed);
        }
    }

    /** The steps an anomaly touches. */
    public int anomalousSteps() {
        int c = 0;
        for (boolean b : anomalous) {
            if (b) {
                c++;
            }
        }
        return c;
    }

    /**
     * Injects anomalies into steps [from, to) of a series.
     *
     * @param values   the series, time-major [steps, features], in its own units (not changed)
     * @throws IllegalArgumentException when the part has no room for the anomalies, or the sizes disagree
     */
    public static AnomalyInjection inject(double[] values, int steps, int features, int from, int to, Settings s) {
        if (features < 1 || steps < 1 || values.length != (long) steps * features) {
            throw new IllegalArgumentException(values.length + " values are not " + steps + " steps of " + features + " features");
        }
        if (from < 0 || to > steps || to <= from) {
            throw new IllegalArgumentException("the part [" + from + ", " + to + ") is not inside the " + steps + " steps");
        }
        int count = s.spikes() + s.levelShifts() + s.varianceBursts();
        long needed = s.spikes() + (long) (s.levelShifts() + s.varianceBursts()) * s.length() + count - 1;
        if (needed > (to - from) / 2) {
            throw new IllegalArgumentException("steps " + from + " to " + (to - 1) + " (" + (to - from) + " steps) have no room"
                    + " for " + count + " anomalies taking " + needed + " steps; anomalies may take at most half of the part");
        }
        double[] sd = units(values, features, from > 0 ? 0 : from, from > 0 ? from : to, s.unit());
        RandomSource rng = new RandomSource(s.seed());
        double[] out = values.clone();
        boolean[] taken = new boolean[steps];
        boolean[] anomalous = new boolean[steps];
        List<Anomaly> list = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        for (int i = 0; i < s.spikes(); i++) kinds.add(Kind.SPIKE);
        for (int i = 0; i < s.levelShifts(); i++) kinds.add(Kind.LEVEL_SHIFT);
        for (int i = 0; i < s.varianceBursts(); i++) kinds.add(Kind.VARIANCE_BURST);
        for (Kind kind : kinds) {
            int length = kind == Kind.SPIKE ? 1 : s.length();
            int start = place(rng, taken, from, to, length);
            int f = rng.nextInt(features);
            double sign = rng.nextDouble() < 0.5 ? -1 : 1;
            double magnitude = switch (kind) {
                case SPIKE -> sign * s.spikeSize() * sd[f];
                case LEVEL_SHIFT -> sign * s.shiftSize() * sd[f];
                case VARIANCE_BURST -> s.burstSize() * sd[f];
            };
            for (int t = start; t < start + length; t++) {
                out[t * features + f] += kind == Kind.VARIANCE_BURST ? rng.nextGaussian() * magnitude : magnitude;
                anomalous[t] = true;
            }
            for (int t = Math.max(from, start - 1); t < Math.min(to, start + length + 1); t++) {
                taken[t] = true;
            }
            list.add(new Anomaly(kind, start, length, f, magnitude));
        }
        list.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return new AnomalyInjection(out, anomalous, List.copyOf(list));
    }

    /** A free start for an anomaly of {@code length} steps: uniform among the free places, seeded. */
    private static int place(RandomSource rng, boolean[] taken, int from, int to, int length) {
        List<Integer> free = new ArrayList<>();
        for (int start = from; start + length <= to; start++) {
            boolean ok = true;
            for (int t = start; t < start + length && ok; t++) {
                ok = !taken[t];
            }
            if (ok) {
                free.add(start);
            }
        }
        if (free.isEmpty()) {
            throw new IllegalArgumentException("steps " + from + " to " + (to - 1) + " have no room left for an anomaly of "
                    + length + " steps; inject fewer or shorter anomalies");
        }
        return free.get(rng.nextInt(free.size()));
    }

    /** Each feature's σ over steps [from, to): of the values, or of their step-to-step changes; 1 where it is 0. */
    private static double[] units(double[] v, int features, int from, int to, Unit unit) {
        double[] sd = new double[features];
        boolean changes = unit == Unit.STEP_CHANGES && to - from > 1;
        int n = changes ? to - from - 1 : to - from;
        for (int f = 0; f < features; f++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += item(v, features, f, from + i, changes);
            }
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double d = item(v, features, f, from + i, changes) - mean;
                ss += d * d;
            }
            double s = Math.sqrt(ss / n);
            sd[f] = s > 0 && Double.isFinite(s) ? s : 1;
        }
        return sd;
    }

    private static double item(double[] v, int features, int f, int t, boolean change) {
        return change ? v[(t + 1) * features + f] - v[t * features + f] : v[t * features + f];
    }
}
