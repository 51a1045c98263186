package org.latent4j.tensor;

import static org.latent4j.tensor.Autograd.record;

import org.latent4j.runtime.Parallel;
import org.latent4j.runtime.VectorSupport;

/**
 * A linear layer and the element-wise activation after it as one op: {@code y = f(x·Wᵀ + b)}, W of shape
 * [out, in] (PyTorch's layout), x of shape [..., in], an optional bias of shape [out].
 *
 * <p>Forward: the bias is written into the output, BLAS adds the product onto it, and f is applied to the
 * output in place, so the pre-activation is never a tensor of its own. Backward: every activation here has
 * a derivative that is a function of its output y (relu and leaky relu: y &gt; 0; tanh: 1 − y²; sigmoid:
 * y(1 − y)), so the masked gradient {@code G' = G ⊙ f'(y)} is computed once from y, in the same pass as the
 * bias gradient {@code Σ_rows G'}, and feeds the two products {@code dx = G'·W} and {@code dW = G'ᵀ·x}.
 * The separate ops (linear, then activation) would make two more passes over the output and allocate
 * it twice more; results are the same to the bit (same products, same element-wise formulas, the bias
 * gradient summed over rows in double precision in row order as {@link Reductions#sum} does).
 *
 * <p>With a recorded backward (a gradient of a gradient), G' is written with differentiable ops on y, as
 * {@link Pointwise}'s activations write theirs.
 */
public final class LinearActivation {
    /**
     * The masked gradient is shared by the threads from this many elements on: the hidden layer of the
     * reference VAE (128 × 400) splits in two.
     */
    private static final int PARALLEL_ELEMENTS = 1 << 14;

    /**
     * The columns the threads split the masked gradient by: whole SIMD vectors of floats up to 512 bits. A
     * constant, not the vector species' length: without the Vector API module its classes cannot load.
     */
    private static final int COLUMN_BLOCK = 16;

    private LinearActivation() {}

    /** The activations that can follow the product in one op: those whose derivative is a function of the output. */
    public enum Kind {
        /** max(x, 0). */
        RELU,
        /** x for x &gt; 0, 0.01·x otherwise (PyTorch's default slope). */
        LEAKY_RELU,
        /** tanh x. */
        TANH,
        /** 1 / (1 + e^−x). */
        SIGMOID;

        /** The slope of {@link #LEAKY_RELU} for negative inputs. */
        public static final float LEAKY_SLOPE = 0.01f;
    }

    /** {@code f(x·Wᵀ + b)}; the bias may be null. */
    public static Tensor apply(Tensor x, Tensor weight, Tensor bias, Kind kind) {
        int out = checkShapes(x, weight, bias);
        int in = weight.shape[1];
        int rows = x.numel() / in;
        float[] y = MatMul.affine(x, weight, bias, rows, in, out);
        activate(kind, y);
        int[] shape = x.shape.clone();
        shape[shape.length - 1] = out;
        Tensor result = new Tensor(y, shape);

        // G' = G ⊙ f'(y) and the bias gradient are computed by whichever gradient is asked for first and
        // shared by the others: Autograd hands the same G to each input's function.
        Tensor[] memo = new Tensor[3]; // {G, G', bias gradient}
        Tensor x2 = x.rank() == 2 ? x : x.reshape(rows, in);
        GradFn dx = g -> MatMul.matmul(masked(memo, g, result, kind, rows, out), weight, false, false).reshape(x.shape);
        GradFn dw = g -> MatMul.matmul(masked(memo, g, result, kind, rows, out), x2, true, false);
        if (bias == null) {
            return record("linear+" + kind, result, x, dx, weight, dw);
        }
        GradFn db = g -> {
            Tensor gm = masked(memo, g, result, kind, rows, out);
            return memo[2] != null ? memo[2] : gm.sum(0);
        };
        return record("linear+" + kind, result, new Tensor[] {x, weight, bias}, new GradFn[] {dx, dw, db});
    }

    // ---------------------------------------------------------------- forward: f in place

    private static void activate(Kind kind, float[] y) {
        switch (kind) {
            case RELU -> Kernels.loop(y.length, (s, e) -> { for (int i = s; i < e; i++) y[i] = Math.max(y[i], 0f); });
            case LEAKY_RELU -> Kernels.loop(y.length, (s, e) -> {
                for (int i = s; i < e; i++) {
                    float v = y[i];
                    y[i] = v > 0 ? v : Kind.LEAKY_SLOPE * v;
                }
            });
            case TANH -> Kernels.loop(y.length, (s, e) -> { for (int i = s; i < e; i++) y[i] = (float) Math.tanh(y[i]); });
            case SIGMOID -> Kernels.loop(y.length, (s, e) -> { for (int i = s; i < e; i++) y[i] = Pointwise.sigmoid(y[i]); });
        }
    }

    // ---------------------------------------------------------------- backward: G' = G ⊙ f'(y), as [rows, out]

    private static Tensor masked(Tensor[] memo, Tensor g, Tensor y, Kind kind, int rows, int out) {
        // Shared only within one backward pass: the same G again, and recorded or not as before (a G handed to
        // a plain pass and then to a recorded one must get a G' with a graph).
        boolean recorded = Autograd.isEnabled();
        if (memo[0] == g && (memo[1].requiresGrad() || !recorded)) {
            return memo[1];
        }
        Tensor g2 = g.reshape(rows, out);
        Tensor gm;
        Tensor biasGrad = null;
        if (recorded) {
            Tensor y2 = y.reshape(rows, out);
            gm = switch (kind) {
                case RELU -> g2.mul(y2.gt(0f));
                case LEAKY_RELU -> g2.mul(Tensor.where(y2.gt(0f), Tensor.scalar(1f), Tensor.scalar(Kind.LEAKY_SLOPE)));
                case TANH -> g2.mul(y2.square().neg().add(1f));
                case SIGMOID -> g2.mul(y2.mul(y2.neg().add(1f)));
            };
        } else {
            float[] gd = g2.data, yd = y.data;
            float[] o = ArrayRecycler.forOutput(gd.length); // written whole, row by row
            double[] sums = new double[out];
            boolean simd = VectorSupport.AVAILABLE && (kind == Kind.RELU || kind == Kind.LEAKY_RELU);
            VectorSupport.noticeScalarFallback();
            // The threads take blocks of columns; every thread goes down its columns row by row in order, so each
            // column's sum is the same double-precision running sum as Reductions.sum(0), whatever the thread count.
            int blocks = (out + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
            int minBlocks = Math.max(1, PARALLEL_ELEMENTS / Math.max(1, rows * COLUMN_BLOCK));
            Parallel.forRange(blocks, minBlocks, (s, e) -> {
                int c0 = s * COLUMN_BLOCK, c1 = Math.min(out, e * COLUMN_BLOCK);
                for (int r = 0; r < rows; r++) {
                    int off = r * out;
                    if (simd) {
                        LinearActivationKernels.maskRow(kind == Kind.LEAKY_RELU, gd, yd, o, sums, off, c0, c1);
                    } else {
                        maskRow(kind, gd, yd, o, sums, off, c0, c1);
                    }
                }
            });
            float[] b = new float[out];
            for (int j = 0; j < out; j++) {
                b[j] = (float) sums[j];
            }
            gm = new Tensor(o, new int[] {rows, out});
            biasGrad = new Tensor(b, new int[] {out});
        }
        memo[0] = g;
        memo[1] = gm;
        memo[2] = biasGrad;
        return gm;
    }

    /**
     * {@code o = g·f'(y)} over columns {@code [c0, c1)} of the row at {@code off}, the products added to the
     * column sums; the formulas of {@link Pointwise}'s backward.
     */
    static void maskRow(Kind kind, float[] g, float[] y, float[] o, double[] sums, int off, int c0, int c1) {
        for (int j = c0; j < c1; j++) {
            float v = y[off + j], q = g[off + j];
            float m = switch (kind) {
                case RELU -> v > 0 ? q : 0f;
                case LEAKY_RELU -> v > 0 ? q : q * Kind.LEAKY_SLOPE;
                case TANH -> q * (-(v * v) + 1f);
                case SIGMOID -> q * (v * (-v + 1f));
            };
            o[off + j] = m;
            sums[j] += m;
        }
    }

    private static int checkShapes(Tensor x, Tensor weight, Tensor bias) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("linear: expected a weight of shape [out, in], got " + Shape.str(weight.shape));
        }
        int out = weight.shape[0], in = weight.shape[1];
        if (x.rank() < 1 || x.shape[x.rank() - 1] != in || in == 0) {
            throw new IllegalArgumentException("linear: input shape " + Shape.str(x.shape) + " does not end in " + in
                    + ", the input size of weight " + Shape.str(weight.shape));
        }
        if (bias != null && (bias.rank() != 1 || bias.shape[0] != out)) {
            throw new IllegalArgumentException("linear: expected a bias of shape [" + out + "], got " + Shape.str(bias.shape));
        }
        return out;
    }
}
