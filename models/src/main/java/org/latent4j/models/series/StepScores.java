package org.latent4j.models.series;

/**
 * Per-time-step scores of a series from per-step scores of its overlapping windows: the score of a step is the mean
 * of the scores it gets in the windows that cover it (for a sequence VAE, each step's share of the window's negative
 * log-likelihood). Steps are counted in the series: window w covers steps {@code starts[w]} to
 * {@code starts[w] + steps - 1}.
 *
 * @param from     the first step scored (the first window's start)
 * @param score    the mean score of steps {@code from} to {@code from + score.length - 1}
 * @param coverage how many windows cover each of those steps (at least 1)
 */
public record StepScores(int from, double[] score, int[] coverage) {

    /** The step after the last one scored. */
    public int to() {
        return from + score.length;
    }

    /**
     * Averages per-window per-step scores over the windows covering each step.
     *
     * @param perStep scores, flat [N, steps] (window w's step t at {@code w * steps + t})
     * @param starts  each window's first step in the series, increasing
     * @param steps   the steps of a window (T)
     * @throws IllegalArgumentException when the sizes disagree, a score is not finite, or a step between the first
     *                                  and the last window is covered by none (a stride longer than the window)
     */
    public static StepScores aggregate(double[] perStep, int[] starts, int steps) {
        int n = starts.length;
        if (n == 0 || steps < 1 || perStep.length != (long) n * steps) {
            throw new IllegalArgumentException(perStep.length + " per-step scores are not " + n + " windows of " + steps
                    + " steps (at least one window)");
        }
        for (int w = 1; w < n; w++) {
            if (starts[w] <= starts[w - 1]) {
                throw new IllegalArgumentException("window starts must increase: window " + w + " starts at " + starts[w]
                        + ", after window " + (w - 1) + " at " + starts[w - 1]);
            }
        }
        int from = starts[0];
        int length = Math.toIntExact((long) starts[n - 1] + steps - from);
        double[] sum = new double[length];
        int[] count = new int[length];
        for (int w = 0; w < n; w++) {
            for (int t = 0; t < steps; t++) {
                double v = perStep[w * steps + t];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("window " + w + ", step " + t + " has score " + v
                            + "; per-step scores must be finite");
                }
                int s = starts[w] - from + t;
                sum[s] += v;
                count[s]++;
            }
        }
        for (int s = 0; s < length; s++) {
            if (count[s] == 0) {
                throw new IllegalArgumentException("step " + (from + s) + " lies in no window (the windows are further apart"
                        + " than their length); per-step scores need a stride of at most the window length");
            }
            sum[s] /= count[s];
        }
        return new StepScores(from, sum, count);
    }
}
