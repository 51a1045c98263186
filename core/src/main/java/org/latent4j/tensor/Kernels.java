package org.latent4j.tensor;

import java.util.Arrays;
import org.latent4j.runtime.Parallel;

/**
 * The loops under the element-wise ops. Each op passes its own small loop body, so the JIT compiles a
 * tight loop per op (a shared loop calling a per-element function would not inline and would be several
 * times slower). Large arrays are split over threads in deterministic chunks.
 */
final class Kernels {
    /** Below this many elements a loop runs on the calling thread. */
    static final int PARALLEL_THRESHOLD = 1 << 15;

    private Kernels() {}

    @FunctionalInterface
    interface Unary {
        void run(float[] x, float[] y, int start, int end);
    }

    @FunctionalInterface
    interface Binary {
        void run(float[] a, float[] b, float[] y, int start, int end);
    }

    /** Runs a loop body over {@code [0, n)}, in parallel when n is large. */
    static void loop(int n, org.latent4j.runtime.Parallel.Range body) {
        if (n >= PARALLEL_THRESHOLD) {
            Parallel.forRange(n, PARALLEL_THRESHOLD / 2, body);
        } else if (n > 0) {
            body.run(0, n);
        }
    }

    /** A new tensor of x's shape, {@code y = k(x)}. */
    static Tensor unary(Tensor x, Unary k) {
        float[] in = x.data;
        float[] out = new float[in.length];
        loop(in.length, (s, e) -> k.run(in, out, s, e));
        return new Tensor(out, x.shape.clone());
    }

    /** A new tensor of the broadcast shape, {@code y = k(a, b)}; broadcast operands are expanded first. */
    static Tensor binary(String op, Tensor a, Tensor b, Binary k) {
        int[] shape = Shape.broadcast(op, a.shape, b.shape);
        float[] ad = expand(a, shape);
        float[] bd = expand(b, shape);
        float[] out = new float[ad.length];
        loop(out.length, (s, e) -> k.run(ad, bd, out, s, e));
        return new Tensor(out, shape);
    }

    /** The values of x laid out over the larger broadcast shape (x's own buffer when no expansion is needed). */
    static float[] expand(Tensor x, int[] shape) {
        if (Arrays.equals(x.shape, shape)) {
            return x.data;
        }
        int n = Shape.numel(shape);
        float[] out = new float[n];
        if (x.data.length == 1) {
            Arrays.fill(out, x.data[0]);
            return out;
        }
        int rank = shape.length;
        int[] src = Shape.broadcastStrides(x.shape, shape);
        int inner = rank == 0 ? 1 : shape[rank - 1];
        int innerStride = rank == 0 ? 0 : src[rank - 1];
        int[] idx = new int[rank];
        for (int row = 0, o = 0; o < n; row++, o += inner) {
            int off = 0;
            for (int d = 0; d < rank - 1; d++) {
                off += idx[d] * src[d];
            }
            if (innerStride == 0) {
                Arrays.fill(out, o, o + inner, x.data[off]);
            } else {
                System.arraycopy(x.data, off, out, o, inner);
            }
            for (int d = rank - 2; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return out;
    }
}
