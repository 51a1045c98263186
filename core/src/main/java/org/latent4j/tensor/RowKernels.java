package org.latent4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The per-row loops of {@link RowLosses} on SIMD lanes (the JDK's Vector API), with a scalar tail.
 *
 * <p>exp and log1p are written here with basic IEEE operations (add, multiply, fused multiply-add,
 * divide, bit shifts) rather than taken from the Vector API's transcendental operators: those run the
 * platform's vector math library once the JIT has compiled the loop, and a Java fallback before, which
 * differ in the last bit, so a run's numbers would depend on how warm the JIT was. Every operation used
 * here is exact-rounded on both paths, and a row's lanes are summed in a fixed order, so results are
 * reproducible to the bit. Accuracy is about 2 ulp in float.
 */
final class RowKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Below this e^x leaves float's normal range; arguments are clamped there (e^x ≈ 1.2e-38). */
    private static final float EXP_MIN = -87.3f;
    private static final float LOG2E = 1.44269504f;
    /** ln 2 split so that n·LN2_HI is exact for |n| < 2^11 (Cody and Waite). */
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.42860677e-6f;
    private static final float LN2 = 0.693147181f;
    /** 1.5·2^23: adding and subtracting it rounds a float of magnitude < 2^22 to an integer. */
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = 0x4B400000;
    private static final float SQRT2 = 1.41421356f;

    private RowKernels() {}

    /**
     * Σ_i max(l, 0) − l·t + log1p(e^{−|l|}) over {@code [off, off + d)}; stores e^{−|l|} in {@code cache}
     * when it is not null.
     */
    static double bceRow(float[] l, float[] t, float[] cache, int off, int d) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        int bound = S.loopBound(d);
        for (; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, l, off + i);
            FloatVector tv = FloatVector.fromArray(S, t, off + i);
            FloatVector e = exp(v.abs().neg());
            if (cache != null) {
                e.intoArray(cache, off + i);
            }
            acc = acc.add(v.max(0f).sub(v.mul(tv)).add(log1pUnit(e)));
        }
        float[] lanes = new float[S.length()];
        acc.intoArray(lanes, 0);
        double sum = 0;
        for (float lane : lanes) {
            sum += lane;
        }
        for (; i < d; i++) {
            float v = l[off + i];
            float e = exp(-Math.abs(v));
            if (cache != null) {
                cache[off + i] = e;
            }
            sum += Math.max(v, 0f) - v * t[off + i] + log1pUnit(e);
        }
        return sum;
    }

    /**
     * {@code out = g·(σ(l) − t)} over {@code [off, off + d)}, with σ from the cached e = e^{−|l|} (computed
     * when the cache is null): σ(l) = 1/(1+e) for l ≥ 0, e/(1+e) otherwise.
     */
    static void bceGradRow(float g, float[] l, float[] t, float[] cache, float[] out, int off, int d) {
        int i = 0;
        int bound = S.loopBound(d);
        for (; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, l, off + i);
            FloatVector e = cache != null ? FloatVector.fromArray(S, cache, off + i) : exp(v.abs().neg());
            FloatVector inv = FloatVector.broadcast(S, 1f).div(e.add(1f));
            VectorMask<Float> nonNegative = v.compare(VectorOperators.GE, 0f);
            FloatVector sig = e.mul(inv).blend(inv, nonNegative);
            sig.sub(FloatVector.fromArray(S, t, off + i)).mul(g).intoArray(out, off + i);
        }
        for (; i < d; i++) {
            float v = l[off + i];
            float e = cache != null ? cache[off + i] : exp(-Math.abs(v));
            float inv = 1f / (1f + e);
            float sig = v >= 0 ? inv : e * inv;
            out[off + i] = g * (sig - t[off + i]);
        }
    }

    /**
     * e^x for x ≤ 0 (larger x are not needed here): x = n·ln 2 + r with |r| ≤ ln 2 / 2, e^r by its Taylor
     * polynomial of degree 6 (remainder < 2e-7 relative), times 2^n built in the exponent bits.
     */
    static FloatVector exp(FloatVector x) {
        x = x.max(EXP_MIN);
        FloatVector shifted = x.mul(LOG2E).add(ROUND);
        FloatVector n = shifted.sub(ROUND);
        FloatVector r = x.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
        FloatVector p = r.lanewise(VectorOperators.FMA, 1f / 720, 1f / 120);
        p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(S, 1f / 24));
        p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(S, 1f / 6));
        p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(S, 0.5f));
        p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(S, 1f));
        p = p.lanewise(VectorOperators.FMA, r, FloatVector.broadcast(S, 1f));
        FloatVector scale = shifted.reinterpretAsInts().sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        return p.mul(scale);
    }

    /** The scalar twin of {@link #exp(FloatVector)}, operation for operation (kept in {@link ScalarRowKernels}). */
    static float exp(float x) {
        return ScalarRowKernels.exp(x);
    }

    /**
     * log(1 + e) for e in [0, 1]: u = 1 + e rounded, log u = k·ln 2 + 2·atanh(s) with s = (m−1)/(m+1),
     * m = u/2^k in [√½, √2] (|s| ≤ 0.172, series to s⁹), plus the rounding error of u, (e − (u − 1))/u.
     */
    static FloatVector log1pUnit(FloatVector e) {
        FloatVector u = e.add(1f);
        VectorMask<Float> big = u.compare(VectorOperators.GT, SQRT2);
        FloatVector m = u.blend(u.mul(0.5f), big);
        FloatVector s = m.sub(1f).div(m.add(1f));
        FloatVector s2 = s.mul(s);
        FloatVector q = s2.lanewise(VectorOperators.FMA, 1f / 9, 1f / 7);
        q = q.lanewise(VectorOperators.FMA, s2, FloatVector.broadcast(S, 1f / 5));
        q = q.lanewise(VectorOperators.FMA, s2, FloatVector.broadcast(S, 1f / 3));
        q = q.lanewise(VectorOperators.FMA, s2, FloatVector.broadcast(S, 1f));
        FloatVector log = s.mul(2f).mul(q).add(FloatVector.zero(S).blend(LN2, big));
        FloatVector correction = e.sub(u.sub(1f)).div(u);
        return log.add(correction);
    }

    /** The scalar twin of {@link #log1pUnit(FloatVector)}, operation for operation (kept in {@link ScalarRowKernels}). */
    static float log1pUnit(float e) {
        return ScalarRowKernels.log1pUnit(e);
    }
}
