package org.latent4j.nn;

import java.util.Arrays;

/** Checks and prints the {h, w} pairs of window settings (kernel, stride, padding, dilation) of the 2-D layers. */
final class ConvSettings {
    private ConvSettings() {}

    /** A copy of {@code values} after checking it holds two numbers >= {@code min}; the error names the layer. */
    static int[] pair(String layer, String what, int[] values, int min) {
        if (values == null || values.length != 2) {
            throw new IllegalArgumentException(layer + ": expected " + what + " as two numbers {h, w}, got "
                    + (values == null ? "null" : Arrays.toString(values)));
        }
        if (values[0] < min || values[1] < min) {
            throw new IllegalArgumentException(layer + ": " + what + " must be >= " + min + ", got " + str(values));
        }
        return values.clone();
    }

    /** {@code 2} for a square pair, {@code 2×3} otherwise. */
    static String str(int[] pair) {
        return pair[0] == pair[1] ? Integer.toString(pair[0]) : pair[0] + "×" + pair[1];
    }
}
