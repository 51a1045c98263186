package org.latent4j.optim;

import org.latent4j.runtime.VectorSupport;

/**
 * The element-wise update shared by {@link Adam} and {@link AdamW}, in float32 in the order of operations of
 * PyTorch's single-tensor implementation (torch/optim/adam.py, adamw.py):
 * <pre>
 *   p ← p·(1 − lr·λ_decoupled)                       (AdamW only)
 *   g ← g + λ·p                                      (Adam's L2 weight decay only)
 *   m ← β₁·m + (1 − β₁)·g
 *   v ← β₂·v + (1 − β₂)·g²          v̂ ← max(v̂, v) with AMSGrad
 *   p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * The two moments are stored flushed to zero below the smallest normal float, and a gradient too small for
 * g² or a moment too small for the step to be a normal float counts as 0 there ({@link Subnormals}: the
 * processor's arithmetic on subnormal floats is slow).
 * (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015; Loshchilov and Hutter,
 * "Decoupled Weight Decay Regularization", ICLR 2019; Reddi et al., "On the Convergence of Adam and
 * Beyond", ICLR 2018.)
 */
final class AdamStep {
    private AdamStep() {}

    static void run(float[] p, float[] g, float[] m, float[] v, float[] vMax, double lr, double beta1, double beta2,
                    double eps, double l2, double decoupled, long step, int start, int end) {
        if (VectorSupport.AVAILABLE) {
            AdamStepSimd.run(p, g, m, v, vMax, lr, beta1, beta2, eps, l2, decoupled, step, start, end);
        } else {
            VectorSupport.noticeScalarFallback();
            scalar(p, g, m, v, vMax, lr, beta1, beta2, eps, l2, decoupled, step, start, end);
        }
    }

    /**
     * The update one element at a time; {@link AdamStepSimd} does the same operations on SIMD lanes (no fused
     * multiply-add, so every rounding is the same: the two agree to the bit) and calls this for its tail.
     */
    static void scalar(float[] p, float[] g, float[] m, float[] v, float[] vMax, double lr, double beta1, double beta2,
                       double eps, double l2, double decoupled, long step, int start, int end) {
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        float negStepSize = (float) -(lr / biasCorrection1);
        float bc2 = (float) biasCorrection2Sqrt;
        float b1 = (float) beta1, oneMinusB1 = (float) (1 - beta1);
        float b2 = (float) beta2, oneMinusB2 = (float) (1 - beta2);
        float e = (float) eps;
        float wd = (float) l2;
        float decay = (float) (1 - lr * decoupled);
        boolean useL2 = l2 != 0;
        boolean useDecay = decoupled != 0;
        float gradientFloor = Subnormals.squareFloor(oneMinusB2), stepFloor = Subnormals.productFloor(negStepSize);
        for (int i = start; i < end; i++) {
            float pi = p[i];
            float gi = g[i];
            if (useL2) {
                gi = gi + wd * pi;
            }
            if (useDecay) {
                pi = pi * decay;
            }
            float mi = Subnormals.flush(m[i] * b1 + oneMinusB1 * gi);
            float gv = Subnormals.zeroBelow(gi, gradientFloor);
            float vi = Subnormals.flush(v[i] * b2 + oneMinusB2 * gv * gv);
            m[i] = mi;
            v[i] = vi;
            float second = vi;
            if (vMax != null) {
                second = Math.max(vMax[i], vi);
                vMax[i] = second;
            }
            float denom = (float) Math.sqrt(second) / bc2 + e;
            p[i] = pi + negStepSize * Subnormals.zeroBelow(mi, stepFloor) / denom;
        }
    }
}
