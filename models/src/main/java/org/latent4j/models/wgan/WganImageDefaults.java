package org.latent4j.models.wgan;

/**
 * The learning rate of a WGAN on images where the user gives none: under the gradient penalty and spectral
 * normalization, Adam 2e-4 decayed linearly to 0 over the run, the WGAN-GP code's setting for CIFAR-10
 * (Gulrajani et al. 2017, {@code lr·(1 − iteration/iterations)} from 2e-4) rather than its MNIST one (1e-4,
 * constant). On Fashion-MNIST (channels 32, seed 1, docs/wgan.md) 1,128 generator steps gave a Fréchet
 * distance of 91.3 at 1e-4 constant and 76.0 at 2e-4 constant; 10,904 steps at 2e-4 decayed linearly gave
 * 21.5, where 5,640 at 1e-4 constant had reached 40.6. Weight clipping keeps its paper's RMSprop 5e-5,
 * constant.
 */
public final class WganImageDefaults {
    /** Adam's base rate under gp and sn. */
    public static final double ADAM_RATE = 2e-4;

    /** Adam's β₁ under gp and sn: 0.5, as both papers' image experiments (β₂ is {@link WganToyDefaults#BETA2}). */
    public static final double BETA1 = 0.5;

    private WganImageDefaults() {}

    /** The base rate: {@link #ADAM_RATE} with Adam, the paper's RMSprop rate under clipping. */
    public static double learningRate(Lipschitz l) {
        return l == Lipschitz.CLIP ? WganObjective.defaultLearningRate(l) : ADAM_RATE;
    }

    /** The schedule: linear decay to 0 with Adam, constant under clipping (Arjovsky et al.'s Algorithm 1). */
    public static String schedule(Lipschitz l) {
        return l == Lipschitz.CLIP ? "const" : "linear";
    }
}
