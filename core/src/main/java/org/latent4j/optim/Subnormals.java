package org.latent4j.optim;

/**
 * The optimizers' moving averages are stored flushed to zero once they fall below the smallest normal float
 * ({@link Float#MIN_NORMAL}, 2<sup>−126</sup> ≈ 1.18e−38).
 *
 * <p>Why: a parameter whose gradient stays zero (a weight from an input that is always 0, a unit that never
 * fires) sees its averages decay geometrically, Adam's first moment by 0.9 a step, until after a few
 * hundred steps they are subnormal floats and stay so for a hundred more. Many x86 processors (Intel's cores
 * in particular) take a microcode assist of about a hundred cycles for every vector operation with a
 * subnormal operand or result; the JVM does not set the flush-to-zero mode that would avoid it. On the
 * reference VAE half of the first layer's Adam moments were subnormal by the third epoch, and the optimizer's
 * pass took 0.70 s an epoch instead of 0.13 (docs/performance.md, "Subnormal moments").
 *
 * <p>What it changes: only moments below 1.18e−38 become 0, which is what the processor's own flush-to-zero
 * mode (and {@code torch.set_flush_denormal(True)}) would give. The parameter moves by lr·m/(√v + ε) with
 * ε ≥ 1e−8 in practice, so a subnormal m moves it by less than 1e−33: nothing, for any parameter of
 * magnitude above 1e−26. Zero, infinity and NaN are kept as they are.
 */
final class Subnormals {
    private Subnormals() {}

    /** {@code x}, or 0 when it is subnormal. */
    static float flush(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }
}
