package org.latent4j.optim;

/**
 * The optimizers keep their arithmetic out of the subnormal floats (magnitudes below {@link Float#MIN_NORMAL},
 * 2<sup>−126</sup> ≈ 1.18e−38), as a processor in flush-to-zero mode would.
 *
 * <p>Why: a parameter whose gradient stays zero (a weight from an input that is always 0, a unit that never
 * fires) sees its moving averages decay geometrically, Adam's first moment by 0.9 a step, until after a few
 * hundred steps they are subnormal and stay so for a hundred more; on the way, for about 65 steps, Adam's
 * step lr·m/(1 − β₁ᵗ) is already subnormal. Many x86 processors (Intel's cores in particular) take a
 * microcode assist of about a hundred cycles for a multiplication with a subnormal operand or result, and the
 * JVM does not set the flush-to-zero mode that would avoid it. On the reference VAE half of the first layer's
 * Adam moments were subnormal by the third epoch, and the optimizer's pass took 0.64–0.70 s an epoch instead
 * of 0.11–0.14 (docs/performance.md, "Subnormal moments").
 *
 * <p>What the optimizers do: moving averages are stored as 0 once below the smallest normal float
 * ({@link #flush}). Adam, which most models train with, goes further: where a product of its update would be
 * subnormal (the step, and (1 − β₂)·g²), a factor is taken as 0 before the multiplication ({@link #zeroBelow}
 * with {@link #productFloor} or {@link #squareFloor}), which gives the product flush-to-zero mode gives (up
 * to rounding at the boundary) without the slow multiplication. The parameters move as without any of it:
 * the terms dropped are below 1.2e−38 before the division by √v̂ + ε, so they could change only a parameter
 * smaller than about 1e−23 in magnitude. Zero, infinity and NaN are kept as they are.
 */
final class Subnormals {
    private Subnormals() {}

    /** {@code x}, or 0 when it is subnormal. */
    static float flush(float x) {
        return zeroBelow(x, Float.MIN_NORMAL);
    }

    /** {@code x}, or 0 when {@code |x| < floor} (NaN is kept). */
    static float zeroBelow(float x, float floor) {
        return Math.abs(x) < floor ? 0f : x;
    }

    /** The magnitude below which {@code x·c} is subnormal: {@code MIN_NORMAL / |c|} (infinite for c = 0). */
    static float productFloor(float c) {
        return c == 0 ? Float.POSITIVE_INFINITY : (float) (Float.MIN_NORMAL / Math.abs((double) c));
    }

    /** The magnitude below which {@code c·x·x} is subnormal: {@code √(MIN_NORMAL / |c|)} (infinite for c = 0). */
    static float squareFloor(float c) {
        return c == 0 ? Float.POSITIVE_INFINITY : (float) Math.sqrt(Float.MIN_NORMAL / Math.abs((double) c));
    }
}
