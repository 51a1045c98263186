package org.latent4j.tensor;

import static org.latent4j.tensor.Autograd.record;

import java.util.Arrays;
import org.latent4j.runtime.Parallel;
import org.latent4j.runtime.VectorSupport;

/**
 * Log-likelihood terms summed over the last dimension in one pass, one value per row: the
 * reconstruction term of a VAE needs exactly this (a sum over the pixels of each example), and doing
 * the element-wise loss and the row sum in one loop saves a full pass and an allocation of the largest
 * tensor of the step. Rows run in parallel; each row is summed in double precision on one thread, so
 * the result does not depend on the thread count.
 */
public final class RowLosses {
    /**
     * Rows per parallel chunk are chosen so that each chunk holds at least this many elements: a training
     * batch (128 × 784, ~50 µs on one thread) splits in two. While the loss runs on one thread the other
     * has nothing to do, so the split paid for its hand-off: measured in alternate epochs of one run
     * (with the parallel batch gathering of {@code DataMatrix.gather}), 2–3 % of a VAE epoch on two threads.
     */
    private static final int MIN_CHUNK_ELEMENTS = 1 << 15;

    private RowLosses() {}

    /**
     * Binary cross-entropy with logits summed over the last dimension:
     * {@code y[r] = Σ_d max(l, 0) − l·t + log(1 + e^{−|l|})}, the negative log-likelihood of targets t in
     * [0, 1] under a Bernoulli with logits l (finite for every finite logit). Shapes [..., D] → [...].
     *
     * <p>Gradients: {@code g[r]·(σ(l) − t)} for the logits and {@code −g[r]·l} for the targets. Without
     * a recorded backward the logits' gradient is one fused loop reusing the {@code e^{−|l|}} of the
     * forward pass; with one ({@code createGraph}) it is written with differentiable ops.
     */
    public static Tensor bernoulliNll(Tensor logits, Tensor targets) {
        if (!Arrays.equals(logits.shape, targets.shape) || logits.rank() < 1) {
            throw new IllegalArgumentException("bernoulliNll: logits shape " + Shape.str(logits.shape)
                    + " and targets shape " + Shape.str(targets.shape) + " must be equal and of rank >= 1");
        }
        int d = logits.shape[logits.rank() - 1];
        int rows = d == 0 ? 0 : logits.numel() / d;
        float[] l = logits.data, t = targets.data;
        boolean keep = Autograd.isEnabled() && logits.requiresGrad();
        float[] expNegAbs = keep ? ArrayRecycler.forOutput(l.length) : null; // written whole by bceRow
        float[] out = new float[rows];
        boolean simd = simd();
        forRows(rows, d, (s, e) -> {
            for (int r = s; r < e; r++) {
                out[r] = (float) (simd ? RowKernels.bceRow(l, t, expNegAbs, r * d, d)
                        : ScalarRowKernels.bceRow(l, t, expNegAbs, r * d, d));
            }
        });
        int[] rowShape = Arrays.copyOf(logits.shape, logits.rank() - 1);
        int[] keepShape = logits.shape.clone();
        keepShape[keepShape.length - 1] = 1;
        Tensor y = new Tensor(out, rowShape);
        GradFn dLogits = g -> {
            if (Autograd.isEnabled()) {
                return g.reshape(keepShape).mul(logits.sigmoid().sub(targets));
            }
            return fusedLogitGrad(g.data, l, t, expNegAbs, rows, d, logits.shape);
        };
        GradFn dTargets = g -> g.reshape(keepShape).mul(logits).neg();
        return record("bernoulliNll", y, logits, dLogits, targets, dTargets);
    }

    /** {@code g[r]·(σ(l) − t)} with σ from the cached e^{−|l|}: σ(l) = 1/(1+e) for l ≥ 0, e/(1+e) otherwise. */
    private static Tensor fusedLogitGrad(float[] g, float[] l, float[] t, float[] expNegAbs, int rows, int d, int[] shape) {
        float[] out = ArrayRecycler.forOutput(l.length); // written whole, row by row
        boolean simd = simd();
        forRows(rows, d, (s, e) -> {
            for (int r = s; r < e; r++) {
                if (simd) {
                    RowKernels.bceGradRow(g[r], l, t, expNegAbs, out, r * d, d);
                } else {
                    ScalarRowKernels.bceGradRow(g[r], l, t, expNegAbs, out, r * d, d);
                }
            }
        });
        return new Tensor(out, shape.clone());
    }

    /** Whether the SIMD kernels can run; when not, says so once (see {@link VectorSupport}). */
    private static boolean simd() {
        VectorSupport.noticeScalarFallback();
        return VectorSupport.AVAILABLE;
    }

    private static void forRows(int rows, int d, Parallel.Range body) {
        int minRows = Math.max(1, MIN_CHUNK_ELEMENTS / Math.max(1, d));
        if (rows <= minRows) {
            if (rows > 0) {
                body.run(0, rows);
            }
        } else {
            Parallel.forRange(rows, minRows, body);
        }
    }
}
