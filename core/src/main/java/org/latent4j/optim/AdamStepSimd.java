package org.latent4j.optim;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link AdamStep}'s update on SIMD lanes (the JDK's Vector API), operation for operation as
 * {@link AdamStep#scalar}: separate multiplies and adds (never fused), the square root and division
 * exactly rounded as in the scalar code, subnormals flushed alike, so parameters and moments are
 * bit-identical to it. Only loaded when the Vector API is present ({@link org.latent4j.runtime.VectorSupport}).
 */
final class AdamStepSimd {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private AdamStepSimd() {}

    static void run(float[] p, float[] g, float[] m, float[] v, float[] vMax, double lr, double beta1, double beta2,
                    double eps, double l2, double decoupled, long step, int start, int end) {
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        float negStepSize = (float) -(lr / biasCorrection1);
        float bc2 = (float) Math.sqrt(1 - Math.pow(beta2, step));
        float b1 = (float) beta1, oneMinusB1 = (float) (1 - beta1);
        float b2 = (float) beta2, oneMinusB2 = (float) (1 - beta2);
        float e = (float) eps;
        float wd = (float) l2;
        float decay = (float) (1 - lr * decoupled);
        boolean useL2 = l2 != 0;
        boolean useDecay = decoupled != 0;
        float gradientFloor = Subnormals.squareFloor(oneMinusB2), stepFloor = Subnormals.productFloor(negStepSize);
        int i = start;
        for (int bound = start + S.loopBound(end - start); i < bound; i += S.length()) {
            FloatVector pi = FloatVector.fromArray(S, p, i);
            FloatVector gi = FloatVector.fromArray(S, g, i);
            if (useL2) {
                gi = gi.add(pi.mul(wd));
            }
            if (useDecay) {
                pi = pi.mul(decay);
            }
            FloatVector mi = flush(FloatVector.fromArray(S, m, i).mul(b1).add(gi.mul(oneMinusB1)));
            FloatVector gv = zeroBelow(gi, gradientFloor);
            FloatVector vi = flush(FloatVector.fromArray(S, v, i).mul(b2).add(gv.mul(oneMinusB2).mul(gv)));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector second = vi;
            if (vMax != null) {
                second = FloatVector.fromArray(S, vMax, i).max(vi);
                second.intoArray(vMax, i);
            }
            FloatVector denom = second.sqrt().div(bc2).add(e);
            pi.add(zeroBelow(mi, stepFloor).mul(negStepSize).div(denom)).intoArray(p, i);
        }
        if (i < end) {
            AdamStep.scalar(p, g, m, v, vMax, lr, beta1, beta2, eps, l2, decoupled, step, i, end);
        }
    }

    /** {@link Subnormals#flush} on each lane (a compare and a blend: neither is slowed by a subnormal). */
    private static FloatVector flush(FloatVector x) {
        return zeroBelow(x, Float.MIN_NORMAL);
    }

    /** {@link Subnormals#zeroBelow} on each lane. */
    private static FloatVector zeroBelow(FloatVector x, float floor) {
        return x.blend(0f, x.abs().lt(floor));
    }
}
