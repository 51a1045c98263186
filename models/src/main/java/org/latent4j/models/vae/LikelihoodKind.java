package org.latent4j.models.vae;

import java.util.Arrays;
import java.util.Locale;

/** The decoder likelihoods p_θ(x|z) a VAE or autoencoder can use, by the names the command line and config files use. */
public enum LikelihoodKind {
    /** Bernoulli with logits; the negative log-likelihood is binary cross-entropy. Data in [0, 1]. */
    BERNOULLI("bernoulli"),
    /** Gaussian with unit variance: squared error plus its normalizing constant. */
    GAUSSIAN("gaussian"),
    /** Gaussian with a learned variance per output dimension. */
    GAUSSIAN_LEARNED("gaussian-learned"),
    /** Continuous Bernoulli (Loaiza-Ganem and Cunningham 2019), the normalized density on [0, 1]. */
    CONTINUOUS_BERNOULLI("continuous-bernoulli");

    private final String id;

    LikelihoodKind(String id) {
        this.id = id;
    }

    /** The lower-case name, e.g. {@code continuous-bernoulli}. */
    public String id() {
        return id;
    }

    /** Whether the data must lie in [0, 1]. */
    public boolean needsUnitInterval() {
        return this == BERNOULLI || this == CONTINUOUS_BERNOULLI;
    }

    /** Parses a name (case-insensitive; '-' or '_'). */
    public static LikelihoodKind parse(String s) {
        String key = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (LikelihoodKind k : values()) {
            if (k.id.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown likelihood '" + s + "'; expected one of "
                + Arrays.stream(values()).map(LikelihoodKind::id).toList());
    }
}
