package org.latent4j.nn;

import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * Parameter initializers, in place. Fans follow PyTorch: for a weight [out, in, ...], fan-in is
 * in × (product of the rest) and fan-out is out × (product of the rest).
 */
public final class Init {
    private Init() {}

    public static void uniform(Tensor t, RandomSource rng, double lo, double hi) {
        rng.fillUniform(t.data(), 0, t.numel(), lo, hi);
    }

    public static void normal(Tensor t, RandomSource rng, double mean, double std) {
        rng.fillNormal(t.data(), 0, t.numel(), mean, std);
    }

    /** Glorot and Bengio (AISTATS 2010): U(±gain·√(6/(fan_in+fan_out))). */
    public static void xavierUniform(Tensor t, RandomSource rng, double gain) {
        double a = gain * Math.sqrt(6.0 / (fanIn(t) + fanOut(t)));
        uniform(t, rng, -a, a);
    }

    /** Glorot and Bengio (AISTATS 2010): N(0, gain²·2/(fan_in+fan_out)). */
    public static void xavierNormal(Tensor t, RandomSource rng, double gain) {
        normal(t, rng, 0, gain * Math.sqrt(2.0 / (fanIn(t) + fanOut(t))));
    }

    /** He et al. (ICCV 2015), fan-in mode: U(±gain·√(3/fan_in)); gain √2 for ReLU. */
    public static void kaimingUniform(Tensor t, RandomSource rng, double gain) {
        double a = gain * Math.sqrt(3.0 / fanIn(t));
        uniform(t, rng, -a, a);
    }

    /** He et al. (ICCV 2015), fan-in mode: N(0, gain²/fan_in); gain √2 for ReLU. */
    public static void kaimingNormal(Tensor t, RandomSource rng, double gain) {
        normal(t, rng, 0, gain / Math.sqrt(fanIn(t)));
    }

    /** The gain PyTorch recommends for ReLU, √2. */
    public static final double RELU_GAIN = Math.sqrt(2.0);

    /**
     * PyTorch's {@code nn.Linear} default: weight from Kaiming-uniform with a = √5, which is U(±1/√fan_in),
     * and bias U(±1/√fan_in).
     */
    public static void linearDefault(Tensor weight, Tensor bias, RandomSource rng) {
        double bound = 1.0 / Math.sqrt(fanIn(weight));
        uniform(weight, rng, -bound, bound);
        if (bias != null) {
            uniform(bias, rng, -bound, bound);
        }
    }

    static double fanIn(Tensor t) {
        if (t.rank() < 2) {
            throw new IllegalArgumentException("fan-in needs a weight of rank >= 2, got shape " + java.util.Arrays.toString(t.shape()));
        }
        return (double) t.numel() / t.dim(0);
    }

    static double fanOut(Tensor t) {
        if (t.rank() < 2) {
            throw new IllegalArgumentException("fan-out needs a weight of rank >= 2, got shape " + java.util.Arrays.toString(t.shape()));
        }
        return (double) t.numel() / t.dim(1);
    }
}
