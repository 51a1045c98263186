package org.latent4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The per-row loops of {@link RowLosses}, on SIMD lanes (the JDK's Vector API, whose exp and log1p are
 * the vectorized math library of the platform), with a scalar tail. A row's lanes are summed in float and
 * their total combined in double; the order is fixed, so results are reproducible.
 */
final class RowKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

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
            FloatVector e = v.abs().neg().lanewise(VectorOperators.EXP);
            if (cache != null) {
                e.intoArray(cache, off + i);
            }
            acc = acc.add(v.max(0f).sub(v.mul(tv)).add(e.lanewise(VectorOperators.LOG1P)));
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < d; i++) {
            float v = l[off + i];
            double e = Math.exp(-Math.abs(v));
            if (cache != null) {
                cache[off + i] = (float) e;
            }
            sum += Math.max(v, 0f) - v * t[off + i] + Math.log1p(e);
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
            FloatVector e = cache != null ? FloatVector.fromArray(S, cache, off + i)
                    : v.abs().neg().lanewise(VectorOperators.EXP);
            FloatVector inv = FloatVector.broadcast(S, 1f).div(e.add(1f));
            VectorMask<Float> nonNegative = v.compare(VectorOperators.GE, 0f);
            FloatVector sig = e.mul(inv).blend(inv, nonNegative);
            sig.sub(FloatVector.fromArray(S, t, off + i)).mul(g).intoArray(out, off + i);
        }
        for (; i < d; i++) {
            float v = l[off + i];
            float e = cache != null ? cache[off + i] : (float) Math.exp(-Math.abs(v));
            float inv = 1f / (1f + e);
            float sig = v >= 0 ? inv : e * inv;
            out[off + i] = g * (sig - t[off + i]);
        }
    }
}
