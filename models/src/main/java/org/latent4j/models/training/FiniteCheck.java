package org.latent4j.models.training;

import java.util.Collection;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.latent4j.tensor.Tensor;

/**
 * Whether every gradient value is finite, in one SIMD pass: x·0 is 0 for finite x and NaN for NaN or
 * ±∞, so the sum of x·0 over all values is 0 exactly when all of them are finite.
 */
public final class FiniteCheck {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private FiniteCheck() {}

    /** True when every present gradient of the tensors is finite (tensors without a gradient are skipped). */
    public static boolean gradientsFinite(Collection<Tensor> params) {
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g != null && !finite(g.data())) {
                return false;
            }
        }
        return true;
    }

    static boolean finite(float[] x) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(x.length); i < bound; i += S.length()) {
            acc = acc.add(FloatVector.fromArray(S, x, i).mul(0f));
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < x.length; i++) {
            sum += x[i] * 0f;
        }
        return sum == 0f;
    }
}
