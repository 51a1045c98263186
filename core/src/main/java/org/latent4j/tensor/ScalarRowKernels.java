package org.latent4j.tensor;

/**
 * The loops of {@link RowKernels} without the Vector API: used when the JVM was started without
 * {@code --add-modules jdk.incubator.vector} (see {@link org.latent4j.runtime.VectorSupport}), and the scalar
 * tails of the SIMD loops. The same exact-rounded operations as the SIMD lanes, so each element's value is
 * the same to the bit; only a row's sum runs in another order (element by element in double instead of
 * lane sums in float), so losses agree with the SIMD path to float rounding.
 */
final class ScalarRowKernels {
    // The constants of RowKernels, repeated here: reading them from RowKernels would load that class, whose
    // static FloatVector species fails to initialise without the Vector API.
    private static final float EXP_MIN = -87.3f;
    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.42860677e-6f;
    private static final float LN2 = 0.693147181f;
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = 0x4B400000;
    private static final float SQRT2 = 1.41421356f;

    private ScalarRowKernels() {}

    /** As {@link RowKernels#bceRow}: Σ_i max(l, 0) − l·t + log1p(e^{−|l|}), caching e^{−|l|} when asked. */
    static double bceRow(float[] l, float[] t, float[] cache, int off, int d) {
        double sum = 0;
        for (int i = off, end = off + d; i < end; i++) {
            float v = l[i];
            float e = exp(-Math.abs(v));
            if (cache != null) {
                cache[i] = e;
            }
            sum += Math.max(v, 0f) - v * t[i] + log1pUnit(e);
        }
        return sum;
    }

    /** As {@link RowKernels#bceGradRow}: {@code out = g·(σ(l) − t)}, σ from the cached e^{−|l|}. */
    static void bceGradRow(float g, float[] l, float[] t, float[] cache, float[] out, int off, int d) {
        for (int i = off, end = off + d; i < end; i++) {
            float v = l[i];
            float e = cache != null ? cache[i] : exp(-Math.abs(v));
            float inv = 1f / (1f + e);
            float sig = v >= 0 ? inv : e * inv;
            out[i] = g * (sig - t[i]);
        }
    }

    /** e^x for x ≤ 0, as {@link RowKernels#exp(jdk.incubator.vector.FloatVector)} lane by lane, operation for operation. */
    static float exp(float x) {
        x = Math.max(x, EXP_MIN);
        float shifted = x * LOG2E + ROUND;
        float n = shifted - ROUND;
        float r = x - n * LN2_HI - n * LN2_LO;
        float p = Math.fma(r, 1f / 720, 1f / 120);
        p = Math.fma(p, r, 1f / 24);
        p = Math.fma(p, r, 1f / 6);
        p = Math.fma(p, r, 0.5f);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(shifted) - (ROUND_BITS - 127)) << 23);
        return p * scale;
    }

    /** log(1 + e) for e in [0, 1], as {@link RowKernels#log1pUnit(jdk.incubator.vector.FloatVector)} lane by lane. */
    static float log1pUnit(float e) {
        float u = e + 1f;
        boolean big = u > SQRT2;
        float m = big ? u * 0.5f : u;
        float s = (m - 1f) / (m + 1f);
        float s2 = s * s;
        float q = Math.fma(s2, 1f / 9, 1f / 7);
        q = Math.fma(q, s2, 1f / 5);
        q = Math.fma(q, s2, 1f / 3);
        q = Math.fma(q, s2, 1f);
        float log = s * 2f * q + (big ? LN2 : 0f);
        float correction = (e - (u - 1f)) / u;
        return log + correction;
    }
}
