package org.latent4j.models.networks;

import java.util.Arrays;
import java.util.Locale;

/**
 * The normalization layer a convolutional network puts after each convolution but the last, before its
 * activation: none, batch normalization (Ioffe and Szegedy 2015; running statistics in evaluation mode)
 * or group normalization (Wu and He 2018; the same computation in training and evaluation).
 */
public enum Normalization {
    NONE, BATCH, GROUP;

    /** The lower-case name used in config files and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code none}, {@code batch} or {@code group} (case-insensitive). */
    public static Normalization parse(String s) {
        for (Normalization n : values()) {
            if (n.id().equalsIgnoreCase(s.trim())) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown normalization '" + s + "'; expected one of "
                + Arrays.stream(values()).map(Normalization::id).toList());
    }
}
