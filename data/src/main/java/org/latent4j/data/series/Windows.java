package org.latent4j.data.series;

import java.util.Arrays;

/**
 * Where the windows of one split lie in their series: window w covers the series' steps
 * {@code start(w)} to {@code start(w) + length - 1} (indices into the whole series, training and test
 * parts together), which {@link #time} turns into times. Per-step scores of the windows are mapped back
 * to the series' steps with this.
 *
 * @param length the steps of a window (T)
 * @param starts the first step of each window, increasing
 * @param time   the time axis of the whole series
 */
public record Windows(int length, int[] starts, TimeAxis time) {
    public Windows {
        starts = starts.clone();
        for (int i = 0; i < starts.length; i++) {
            if (starts[i] < 0 || starts[i] + (long) length > time.size() || i > 0 && starts[i] <= starts[i - 1]) {
                throw new IllegalArgumentException("window " + i + " starting at step " + starts[i] + " does not lie in the "
                        + time.size() + " steps in increasing order");
            }
        }
    }

    /**
     * The windows of {@code length} steps starting every {@code stride} steps inside [from, to).
     *
     * @throws IllegalArgumentException when the part is shorter than one window
     */
    public static Windows cut(TimeAxis time, int from, int to, int length, int stride) {
        if (to - from < length) {
            throw new IllegalArgumentException("has " + (to - from) + " steps, fewer than window=" + length);
        }
        int n = (to - from - length) / stride + 1;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = from + i * stride;
        }
        return new Windows(length, s, time);
    }

    public int count() {
        return starts.length;
    }

    /** The first step of window w. */
    public int start(int w) {
        return starts[w];
    }

    /** The first step after window w. */
    public int end(int w) {
        return starts[w] + length;
    }

    /** The time of window w's first step, as written in the file. */
    public String firstTime(int w) {
        return time.label(starts[w]);
    }

    /** The time of window w's last step, as written in the file. */
    public String lastTime(int w) {
        return time.label(starts[w] + length - 1);
    }

    /** The steps covered by at least one window: [first start, last end). */
    public int[] span() {
        return new int[] {starts[0], starts[starts.length - 1] + length};
    }

    /**
     * The windows' rows, flat [N, T*F] and time-major, cut from a scaled time-major series of {@code features}
     * values per step.
     */
    public float[] rows(float[] series, int features) {
        if (series.length != (long) time.size() * features) {
            throw new IllegalArgumentException(series.length + " values are not " + time.size() + " steps of " + features + " features");
        }
        int width = Math.multiplyExact(length, features);
        float[] out = new float[Math.multiplyExact(starts.length, width)];
        for (int w = 0; w < starts.length; w++) {
            System.arraycopy(series, starts[w] * features, out, w * width, width);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Windows w && w.length == length && Arrays.equals(w.starts, starts) && w.time.equals(time);
    }

    @Override
    public int hashCode() {
        return 31 * length + Arrays.hashCode(starts);
    }

    @Override
    public String toString() {
        return "Windows[" + starts.length + " of " + length + " steps" + (starts.length > 0
                ? ", " + firstTime(0) + " to " + lastTime(starts.length - 1) : "") + "]";
    }
}
