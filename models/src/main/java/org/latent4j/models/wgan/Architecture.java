package org.latent4j.models.wgan;

import java.util.Locale;

/** The layout of a {@link Wgan}'s generator and critic. */
public enum Architecture {
    /** Multilayer perceptrons of ReLU layers (the WGAN-GP paper's toy experiments). */
    MLP,
    /**
     * DCGAN-style convolutional networks for images (Radford, Metz and Chintala 2016, as the WGAN-GP paper
     * uses them without batch normalization in the critic): see {@link ConvWganNetworks}.
     */
    CONV;

    /** The lower-case name used on the command line and in files. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code mlp} or {@code conv} (case-insensitive). */
    public static Architecture parse(String s) {
        if (s != null) {
            for (Architecture a : values()) {
                if (a.cliName().equalsIgnoreCase(s.trim())) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("unknown WGAN architecture '" + s + "'; expected mlp or conv");
    }
}
