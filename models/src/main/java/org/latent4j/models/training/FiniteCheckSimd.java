package org.latent4j.models.training;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link FiniteCheck}'s test on SIMD lanes; only loaded when the Vector API is there. */
final class FiniteCheckSimd {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private FiniteCheckSimd() {}

    /** Whether {@code x[start..end)} are all finite. */
    static boolean finite(float[] x, int start, int end) {
        FloatVector acc = FloatVector.zero(S);
        int i = start;
        for (int bound = start + S.loopBound(end - start); i < bound; i += S.length()) {
            acc = acc.add(FloatVector.fromArray(S, x, i).mul(0f));
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < end; i++) {
            sum += x[i] * 0f;
        }
        return sum == 0f;
    }

}
