package org.latent4j.models.networks;

import java.util.Arrays;
import java.util.Locale;

/**
 * The recurrent cell of a sequence VAE's networks: an LSTM (Hochreiter and Schmidhuber 1997) or a GRU
 * (Cho et al. 2014), both with PyTorch's gate equations, names and weight layouts ({@code org.latent4j.nn.Lstm},
 * {@code org.latent4j.nn.Gru}).
 */
public enum RecurrentCell {
    LSTM, GRU;

    /** The lower-case name used in config files and on the command line ({@code lstm}, {@code gru}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code lstm} or {@code gru} (case-insensitive). */
    public static RecurrentCell parse(String s) {
        for (RecurrentCell c : values()) {
            if (c.id().equalsIgnoreCase(s.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown recurrent cell '" + s + "'; expected one of "
                + Arrays.stream(values()).map(RecurrentCell::id).toList());
    }
}
