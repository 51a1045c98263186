package org.latent4j.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.latent4j.blas.Blas;

/**
 * What {@link FusedLstm} and {@link FusedGru} share: the input projection of every step as one product,
 * and the recording of a whole sequence as one op.
 *
 * <p>The op's result is one packed tensor [B, T + S, H]: the T outputs of each sequence followed by its
 * final hidden state and, for an LSTM, its final cell state (S = 2, else 1), sliced apart afterwards. One
 * result keeps the op within the engine's single-output graph: the slices' gradients meet again in the
 * packed tensor's, and the hand-written backward runs once per seed for all inputs (memoized).
 *
 * <p>The hand-written backward is first-order only. When the gradient itself is to be recorded
 * (a second-order graph: {@link Autograd#grad} with {@code createGraph}), the op instead replays the
 * sequence with the differentiable ops of {@link Recurrence} on the same input tensors and differentiates
 * that, so gradients of gradients are exact; only that case pays the ground truth's cost.
 */
final class FusedRecurrence {
    private FusedRecurrence() {}

    /** The first-order backward: given the packed gradient, the gradients of the inputs (null where not wanted). */
    @FunctionalInterface
    interface Backward {
        Tensor[] apply(float[] gradPacked);
    }

    /**
     * {@code x·W_ihᵀ + bias + extraBias} for all B·T steps as one matrix product: [B·T, G·H], row b·T + t.
     * {@code extraBias} may be null.
     */
    static float[] inputProjection(Tensor x, Tensor weightIh, Tensor bias, Tensor extraBias) {
        int rows = x.shape[0] * x.shape[1], features = x.shape[2], width = weightIh.shape[0];
        float[] out = new float[rows * width];
        float[] b = bias.data.clone();
        if (extraBias != null) {
            for (int j = 0; j < width; j++) {
                b[j] += extraBias.data[j];
            }
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(b, 0, out, r * width, width);
        }
        Blas.sgemm(false, true, rows, width, features, 1f, x.data, 0, features, weightIh.data, 0, features, 1f, out, 0, width);
        return out;
    }

    /**
     * The fewest sequences per thread in a step's gate pass: enough that a chunk's work (about 8192 hidden
     * units, some 50 µs) outweighs handing it to another thread. Rows are independent, so the result does
     * not depend on the split.
     */
    static int minRows(int hidden) {
        return Math.max(1, 8192 / hidden);
    }

    /** Whether step t of sequence b is a real step. */
    static boolean valid(int[] lengths, int b, int t) {
        return lengths == null || t < lengths[b];
    }

    /** Column sums of a [rows, width] matrix, accumulated in double. */
    static Tensor columnSums(float[] m, int rows, int width) {
        double[] acc = new double[width];
        for (int r = 0; r < rows; r++) {
            int off = r * width;
            for (int j = 0; j < width; j++) {
                acc[j] += m[off + j];
            }
        }
        float[] out = new float[width];
        for (int j = 0; j < width; j++) {
            out[j] = (float) acc[j];
        }
        return new Tensor(out, new int[] {width});
    }

    /**
     * Records the packed result over {@code inputs} and slices it into a {@link Recurrence.Result}.
     *
     * @param groundTruth recomputes the same sequence with differentiable ops (for second-order graphs)
     */
    static Recurrence.Result finish(String op, float[] packed, int batch, int steps, int hidden, boolean cell,
                                    Tensor[] inputs, Backward backward, Supplier<Recurrence.Result> groundTruth) {
        int extra = cell ? 2 : 1;
        Tensor p = new Tensor(packed, new int[] {batch, steps + extra, hidden});
        Memo memo = new Memo(inputs, backward, groundTruth, batch, hidden);
        GradFn[] fns = new GradFn[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            int index = k;
            fns[k] = g -> memo.gradients(g)[index];
        }
        Autograd.record(op, p, inputs, fns);
        Tensor output = p.slice(1, 0, steps);
        Tensor hN = p.slice(1, steps, steps + 1).reshape(batch, hidden);
        Tensor cN = cell ? p.slice(1, steps + 1, steps + 2).reshape(batch, hidden) : null;
        return new Recurrence.Result(output, hN, cN);
    }

    /** The gradients for the last seed, computed once for all inputs. */
    private static final class Memo {
        private final Tensor[] inputs;
        private final Backward backward;
        private final Supplier<Recurrence.Result> groundTruth;
        private final int batch, hidden;
        private Tensor seed;
        private Tensor[] grads;

        Memo(Tensor[] inputs, Backward backward, Supplier<Recurrence.Result> groundTruth, int batch, int hidden) {
            this.inputs = inputs;
            this.backward = backward;
            this.groundTruth = groundTruth;
            this.batch = batch;
            this.hidden = hidden;
        }

        Tensor[] gradients(Tensor g) {
            if (g != seed) {
                grads = Autograd.isEnabled() ? replay(g) : backward.apply(g.data);
                seed = g;
            }
            return grads;
        }

        private Tensor[] replay(Tensor g) {
            Recurrence.Result r = groundTruth.get();
            List<Tensor> parts = new ArrayList<>(List.of(r.output(), r.hN().reshape(batch, 1, hidden)));
            if (r.cN() != null) {
                parts.add(r.cN().reshape(batch, 1, hidden));
            }
            Tensor packed = Tensor.concat(1, parts.toArray(Tensor[]::new));
            List<Tensor> wanted = new ArrayList<>();
            for (Tensor t : inputs) {
                if (t.requiresGrad()) {
                    wanted.add(t);
                }
            }
            Tensor[] got = Autograd.grad(packed, g, wanted.toArray(Tensor[]::new), true);
            Tensor[] out = new Tensor[inputs.length];
            for (int k = 0, w = 0; k < inputs.length; k++) {
                out[k] = inputs[k].requiresGrad() ? got[w++] : null;
            }
            return out;
        }
    }
}
