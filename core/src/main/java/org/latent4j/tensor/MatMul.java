package org.latent4j.tensor;

import static org.latent4j.tensor.Autograd.record;

import java.util.Arrays;
import org.latent4j.blas.Blas;

/**
 * Matrix products through {@link Blas}: {@code op(A)·op(B)} over the last two dimensions, batched over
 * leading ones (broadcast like NumPy), and the fused affine map {@code x·Wᵀ + b} of a linear layer.
 *
 * <p>Transposes are flags handed to BLAS, never copies. For C = op(A)·op(B) the backward products are
 * again such products, so a gradient of a gradient needs nothing more.
 */
public final class MatMul {
    private MatMul() {}

    /** {@code op(a)·op(b)} where op transposes the last two dimensions when its flag is set. */
    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException("matmul: expected tensors of rank >= 2, got shapes " + Shape.str(a.shape)
                    + " and " + Shape.str(b.shape) + " (reshape a vector to [1, n] or [n, 1])");
        }
        int ra = a.rank(), rb = b.rank();
        int m = transA ? a.shape[ra - 1] : a.shape[ra - 2];
        int k = transA ? a.shape[ra - 2] : a.shape[ra - 1];
        int kb = transB ? b.shape[rb - 1] : b.shape[rb - 2];
        int n = transB ? b.shape[rb - 2] : b.shape[rb - 1];
        if (k != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + Shape.str(a.shape)
                    + (transA ? "ᵀ" : "") + " × " + Shape.str(b.shape) + (transB ? "ᵀ" : "")
                    + " gives (" + m + "×" + k + ")·(" + kb + "×" + n + ")");
        }
        if (ra == 2 && rb == 2) {
            float[] c = ArrayRecycler.forOutput(m * n); // overwritten whole: the product's beta is 0
            gemm(transA, transB, m, n, k, a.data, 0, b.data, 0, c, 0, a.shape[1], b.shape[1]);
            return recordProduct(new Tensor(c, new int[] {m, n}), a, b, transA, transB);
        }
        if (rb == 2 && !transA) {
            // [..., m, k]·[k, n]: the batch folds into the rows of one product.
            int rows = a.numel() / k;
            Tensor flat = a.reshape(rows, k);
            int[] shape = a.shape.clone();
            shape[ra - 1] = n;
            return matmul(flat, b, false, transB).reshape(shape);
        }
        int[] batchA = Arrays.copyOf(a.shape, ra - 2);
        int[] batchB = Arrays.copyOf(b.shape, rb - 2);
        int[] batch = Shape.broadcast("matmul (batch dimensions)", batchA, batchB);
        Tensor aa = a.broadcastTo(concat(batch, a.shape[ra - 2], a.shape[ra - 1]));
        Tensor bb = b.broadcastTo(concat(batch, b.shape[rb - 2], b.shape[rb - 1]));
        int count = Shape.numel(batch);
        float[] c = ArrayRecycler.forOutput(count * m * n); // overwritten whole: each product's beta is 0
        int lda = a.shape[ra - 1], ldb = b.shape[rb - 1];
        for (int i = 0; i < count; i++) {
            gemm(transA, transB, m, n, k, aa.data, i * m * k, bb.data, i * k * n, c, i * m * n, lda, ldb);
        }
        return recordProduct(new Tensor(c, concat(batch, m, n)), aa, bb, transA, transB);
    }

    private static Tensor recordProduct(Tensor c, Tensor a, Tensor b, boolean ta, boolean tb) {
        // C = op(A)·op(B): dA and dB are products of G with the other operand, transposed as needed.
        GradFn da, db;
        if (!ta && !tb) {
            da = g -> matmul(g, b, false, true);
            db = g -> matmul(a, g, true, false);
        } else if (!ta) {
            da = g -> matmul(g, b, false, false);
            db = g -> matmul(g, a, true, false);
        } else if (!tb) {
            da = g -> matmul(b, g, false, true);
            db = g -> matmul(a, g, false, false);
        } else {
            da = g -> matmul(b, g, true, true);
            db = g -> matmul(g, a, true, true);
        }
        return record("matmul", c, a, da, b, db);
    }

    /**
     * The values x·Wᵀ + b of {@code rows} rows, [rows, out], no graph: the bias is written into the output first
     * and the product added onto it by BLAS, which saves a pass over the output. Shapes are the caller's to check.
     */
    static float[] affine(Tensor x, Tensor weight, Tensor bias, int rows, int in, int out) {
        float[] y = ArrayRecycler.forOutput(rows * out); // overwritten whole: the bias rows, or beta 0
        float beta = 0f;
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bias.data, 0, y, r * out, out);
            }
            beta = 1f;
        }
        Blas.sgemm(false, true, rows, out, in, 1f, x.data, 0, in, weight.data, 0, in, beta, y, 0, out);
        return y;
    }

    /**
     * The affine map of a linear layer, {@code y = x·Wᵀ + b}, with W of shape [out, in] (PyTorch's
     * layout), x of shape [..., in] and an optional bias of shape [out]. The bias is written into the
     * output first and the product added onto it by BLAS, which saves a pass over the output.
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("linear: expected a weight of shape [out, in], got " + Shape.str(weight.shape));
        }
        int out = weight.shape[0], in = weight.shape[1];
        if (x.rank() < 1 || x.shape[x.rank() - 1] != in) {
            throw new IllegalArgumentException("linear: input shape " + Shape.str(x.shape) + " does not end in " + in
                    + ", the input size of weight " + Shape.str(weight.shape));
        }
        if (bias != null && (bias.rank() != 1 || bias.shape[0] != out)) {
            throw new IllegalArgumentException("linear: expected a bias of shape [" + out + "], got " + Shape.str(bias.shape));
        }
        int rows = in == 0 ? x.numel() : x.numel() / in;
        float[] y = affine(x, weight, bias, rows, in, out);
        int[] shape = x.shape.clone();
        shape[shape.length - 1] = out;
        Tensor result = new Tensor(y, shape);
        Tensor x2 = x.rank() == 2 ? x : x.reshape(rows, in);
        GradFn dx = g -> matmul(g.reshape(rows, out), weight, false, false).reshape(x.shape);
        GradFn dw = g -> matmul(g.reshape(rows, out), x2, true, false);
        if (bias == null) {
            return record("linear", result, x, dx, weight, dw);
        }
        GradFn db = g -> g.reshape(rows, out).sum(0);
        return record("linear", result, new Tensor[] {x, weight, bias}, new GradFn[] {dx, dw, db});
    }

    private static void gemm(boolean ta, boolean tb, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                             float[] c, int cOff, int lda, int ldb) {
        if (m == 0 || n == 0) {
            return;
        }
        Blas.sgemm(ta, tb, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, 0f, c, cOff, n);
    }

    private static int[] concat(int[] batch, int r, int c) {
        int[] s = Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = r;
        s[batch.length + 1] = c;
        return s;
    }
}
