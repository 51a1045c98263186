package org.latent4j.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The backward pass of {@link LinearActivation} for relu and leaky relu on SIMD lanes: a select by the sign
 * of the output instead of a branch per element (the branch, taken about half the time at random, made the
 * plain loop mispredict so often that it cost a tenth of a VAE step). The column sums of the bias gradient
 * are kept in double precision, lane by lane, in row order: the same running sums as the scalar loop.
 */
final class LinearActivationKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, S.vectorShape());

    private LinearActivationKernels() {}

    /**
     * {@code o = y > 0 ? g : (leaky ? 0.01·g : 0)} over columns {@code [c0, c1)} of the row at {@code off},
     * each value added to {@code sums[j]} for its column j.
     */
    static void maskRow(boolean leaky, float[] g, float[] y, float[] o, double[] sums, int off, int c0, int c1) {
        int j = c0;
        int bound = c0 + S.loopBound(c1 - c0);
        FloatVector zero = FloatVector.zero(S);
        for (; j < bound; j += S.length()) {
            FloatVector q = FloatVector.fromArray(S, g, off + j);
            VectorMask<Float> positive = FloatVector.fromArray(S, y, off + j).compare(VectorOperators.GT, 0f);
            FloatVector m = (leaky ? q.mul(LinearActivation.Kind.LEAKY_SLOPE) : zero).blend(q, positive);
            m.intoArray(o, off + j);
            for (int part = 0; part < S.length() / D.length(); part++) {
                DoubleVector wide = (DoubleVector) m.convertShape(VectorOperators.F2D, D, part);
                int col = j + part * D.length();
                DoubleVector.fromArray(D, sums, col).add(wide).intoArray(sums, col);
            }
        }
        for (; j < c1; j++) {
            float v = y[off + j], q = g[off + j];
            float m = v > 0 ? q : (leaky ? q * LinearActivation.Kind.LEAKY_SLOPE : 0f);
            o[off + j] = m;
            sums[j] += m;
        }
    }
}
