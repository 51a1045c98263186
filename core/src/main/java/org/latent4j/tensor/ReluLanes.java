package org.latent4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * relu's backward selection {@code out = x > 0 ? g : 0} on SIMD lanes (the JDK's Vector API), for
 * {@link Pointwise#reluBackward}. The scalar loop compiles to a branch per element, which the sign of
 * x, as good as random in a hidden layer, makes the processor mispredict about every other time: it took
 * 7 % of a WGAN-GP training step on one core, as long as some of the step's matrix products. A lane
 * select has no branch; being a selection, it gives the scalar loop's bits.
 */
final class ReluLanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private ReluLanes() {}

    /** {@code out[i] = x[i] > 0 ? g[i] : 0} for i in [start, end); NaN in x selects 0, as the scalar loop. */
    static void select(float[] g, float[] x, float[] out, int start, int end) {
        FloatVector zero = FloatVector.zero(S);
        int i = start;
        for (int bound = start + S.loopBound(end - start); i < bound; i += L) {
            FloatVector xv = FloatVector.fromArray(S, x, i);
            zero.blend(FloatVector.fromArray(S, g, i), xv.compare(VectorOperators.GT, 0f)).intoArray(out, i);
        }
        for (; i < end; i++) {
            out[i] = x[i] > 0 ? g[i] : 0f;
        }
    }
}
