package org.latent4j.models.wgan;

/**
 * The training settings of a WGAN on low-dimensional data (the 2-D mixtures; everything that is not an
 * image) where the user gives none. The papers' settings ({@link WganObjective#defaultLearningRate}:
 * Adam 1e-4 at a constant rate) leave the samples wandering between the modes for thousands of generator
 * steps: at 500–3,000 steps the WGAN-GP reference puts 19–53 % of ring8's samples within 3σ of a mode.
 * A larger rate that falls linearly to 0 over the run, as the WGAN-GP code decays it (Gulrajani et al. 2017,
 * {@code lr·(1 − iteration/iterations)}), moves the generator fast first and lets it settle last; the
 * measurements behind the values are in docs/wgan.md. Weight clipping keeps the paper's RMSprop rate,
 * decayed the same way.
 */
public final class WganToyDefaults {
    /** The generator steps of {@code latent4j train wgan}. */
    public static final int STEPS = 3000;

    /** Adam's base rate under the gradient penalty (ring8: 96 % high quality at 3,000 steps, against 55 % at 3e-4). */
    public static final double GP_RATE = 2e-3;

    /**
     * Adam's base rate under spectral normalization, lower than the penalty's: the spectrally normalized critic
     * let the generator swing between modes at 6e-4 to 2e-3 (ring8: 6–40 % at 1,500 steps, 56 % at 3e-4).
     */
    public static final double SN_RATE = 3e-4;

    /**
     * Adam's β₁ under spectral normalization: 0, one of the SN-GAN and WGAN-GP papers' settings (Miyato et al.
     * 2018, Table 1, settings with β₁ = 0; Gulrajani et al. 2017 use (0, 0.9) for some models). With the
     * penalty's β₁ = 0.5 the spectrally normalized critic on grid25 left the samples spread between the modes
     * (24/25 modes, 3.8 % within 3σ at 3,000 steps); with β₁ = 0, 25/25 and 44 % (docs/wgan.md).
     */
    public static final double SN_BETA1 = 0;

    /** Adam's β₁ under the gradient penalty: 0.5, as the WGAN-GP toy experiments. */
    public static final double GP_BETA1 = 0.5;

    /** Adam's β₂ under gp and sn: 0.9, as both papers. */
    public static final double BETA2 = 0.9;

    /**
     * The learning-rate schedule: linear decay to 0 over the run ({@code linear}), so that epoch e (from 0) of a
     * run of E epochs (logging periods) trains at base·(1 − e/E).
     */
    public static final String SCHEDULE = "linear";

    private WganToyDefaults() {}

    /** The base learning rate of both networks: the paper's 5e-5 for clipping (RMSprop), {@link #GP_RATE}, {@link #SN_RATE}. */
    public static double learningRate(Lipschitz l) {
        return switch (l) {
            case CLIP -> WganObjective.defaultLearningRate(l);
            case GP -> GP_RATE;
            case SN -> SN_RATE;
        };
    }

    /** Adam's β₁ on low-dimensional data: {@link #SN_BETA1} under sn, {@link #GP_BETA1} otherwise (unused by clip's RMSprop). */
    public static double beta1(Lipschitz l) {
        return l == Lipschitz.SN ? SN_BETA1 : GP_BETA1;
    }
}
