package org.latent4j.models.wgan;

import java.util.Locale;

/** How the critic of a {@link Wgan} is kept (approximately) 1-Lipschitz. */
public enum Lipschitz {
    /** Every critic weight clipped to [−c, c] after each critic step (Arjovsky, Chintala and Bottou 2017, Algorithm 1). */
    CLIP,
    /**
     * The gradient penalty λ·E[(‖∇D(x̂)‖₂ − 1)²] on random interpolates x̂ = εx + (1 − ε)G(z), ε ~ U[0, 1]
     * (Gulrajani et al. 2017, "Improved Training of Wasserstein GANs", Algorithm 1).
     */
    GP,
    /**
     * Every critic weight divided by its largest singular value, estimated by one power iteration per
     * critic step (Miyato et al. 2018, "Spectral Normalization for Generative Adversarial Networks").
     */
    SN;

    /** The lower-case name used on the command line and in files. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code clip}, {@code gp} or {@code sn} (case-insensitive). */
    public static Lipschitz parse(String s) {
        if (s != null) {
            for (Lipschitz l : values()) {
                if (l.cliName().equalsIgnoreCase(s.trim())) {
                    return l;
                }
            }
        }
        throw new IllegalArgumentException("unknown Lipschitz constraint '" + s + "'; expected clip, gp or sn");
    }
}
