package org.latent4j.tensor;

import static org.latent4j.tensor.Autograd.record;

import java.util.Arrays;
import org.latent4j.blas.Blas;
import org.latent4j.runtime.Parallel;

/**
 * 2-D convolution and transposed convolution on NCHW tensors, as PyTorch's {@code conv2d} and
 * {@code conv_transpose2d} (cross-correlation, zero padding, no groups).
 *
 * <p>One geometry ({@link ConvGeometry}) defines a trilinear form
 * {@code T(X, W, Y) = Σ Y[n,o,oy,ox] · W[o,c,i,j] · X[n,c,oy·sh−ph+i·dh, ox·sw−pw+j·dw]}; its three
 * partial derivatives are the three ops here, and each op's vector-Jacobian products are the other two:
 * <ul>
 *   <li>{@link #convolve} Y = ∂T/∂Y (a convolution): dX = transposed(G, W), dW = kernelGradient(X, G);</li>
 *   <li>{@link #transposed} X = ∂T/∂X (a transposed convolution): dY = convolve(G, W), dW = kernelGradient(G, Y);</li>
 *   <li>{@link #kernelGradient} W = ∂T/∂W: dX = transposed(Y, G), dY = convolve(X, G).</li>
 * </ul>
 * So gradients of any order need nothing more than these three.
 *
 * <p>Each op unfolds images into columns ({@link Im2col}) and runs one matrix product per group of
 * images; the batch is cut over the program's threads ({@link Parallel}), each thread with its own
 * reused buffers, and each product runs on its thread. (A product called inside a parallel loop does
 * not spread over threads itself, see {@link org.latent4j.runtime.Threads}; here that is the point: the
 * batch is split, not the products, which are small. With a batch of one the loop has one chunk and
 * the products get the threads.) Results depend only on the thread count.
 */
public final class Convolution {
    /** Unfolded columns per group of images, in floats (1 MiB): small enough to stay in L2 between unfold and product. */
    static final int COLUMN_BUDGET = 1 << 18;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Convolution() {}

    // ---------------------------------------------------------------- public ops

    /**
     * {@code y = conv2d(x, weight) + bias}: x of shape [N, C, H, W], weight [O, C, kh, kw], bias [O] or
     * null; stride, padding and dilation as {h, w}. The result has shape [N, O, Ho, Wo] with
     * {@code Ho = ⌊(H + 2p − d(kh−1) − 1)/s⌋ + 1}.
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation) {
        String op = "conv2d";
        int[] s = ConvGeometry.pair(op, "stride", stride, 1);
        int[] p = ConvGeometry.pair(op, "padding", padding, 0);
        int[] d = ConvGeometry.pair(op, "dilation", dilation, 1);
        checkRank4(op, "input", x, "[N, C, H, W]");
        checkRank4(op, "weight", weight, "[out, in, kh, kw]");
        if (x.shape[1] != weight.shape[1]) {
            throw new IllegalArgumentException(op + ": input shape " + Shape.str(x.shape) + " has " + x.shape[1]
                    + " channels, weight " + Shape.str(weight.shape) + " expects " + weight.shape[1]);
        }
        int kh = weight.shape[2], kw = weight.shape[3];
        int oh = ConvGeometry.convOutput(x.shape[2], kh, s[0], p[0], d[0]);
        int ow = ConvGeometry.convOutput(x.shape[3], kw, s[1], p[1], d[1]);
        if (oh < 1 || ow < 1 || kh < 1 || kw < 1) {
            throw new IllegalArgumentException(op + ": input shape " + Shape.str(x.shape) + " is too small for kernel "
                    + kh + "×" + kw + " with padding " + Arrays.toString(p) + " and dilation " + Arrays.toString(d)
                    + " (output would be " + oh + "×" + ow + ")");
        }
        checkBias(op, bias, weight.shape[0]);
        ConvGeometry g = new ConvGeometry(x.shape[0], x.shape[1], x.shape[2], x.shape[3], weight.shape[0], oh, ow,
                kh, kw, s[0], s[1], p[0], p[1], d[0], d[1]);
        return convolve(g, x, weight, bias);
    }

    /**
     * {@code conv_transpose2d(x, weight) + bias}: x of shape [N, Cin, H, W], weight [Cin, Cout, kh, kw]
     * (PyTorch's layout), bias [Cout] or null. The result has shape [N, Cout, Ho, Wo] with
     * {@code Ho = (H − 1)s − 2p + d(kh−1) + output_padding + 1}; output padding must be smaller than the
     * stride or the dilation, as in PyTorch.
     */
    public static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                         int[] outputPadding, int[] dilation) {
        String op = "convTranspose2d";
        int[] s = ConvGeometry.pair(op, "stride", stride, 1);
        int[] p = ConvGeometry.pair(op, "padding", padding, 0);
        int[] op2 = ConvGeometry.pair(op, "output padding", outputPadding, 0);
        int[] d = ConvGeometry.pair(op, "dilation", dilation, 1);
        for (int a = 0; a < 2; a++) {
            if (op2[a] >= s[a] && op2[a] >= d[a]) {
                throw new IllegalArgumentException(op + ": output padding " + Arrays.toString(op2)
                        + " must be smaller than the stride " + Arrays.toString(s) + " or the dilation " + Arrays.toString(d));
            }
        }
        checkRank4(op, "input", x, "[N, Cin, H, W]");
        checkRank4(op, "weight", weight, "[in, out, kh, kw]");
        if (x.shape[1] != weight.shape[0]) {
            throw new IllegalArgumentException(op + ": input shape " + Shape.str(x.shape) + " has " + x.shape[1]
                    + " channels, weight " + Shape.str(weight.shape) + " expects " + weight.shape[0]);
        }
        int kh = weight.shape[2], kw = weight.shape[3];
        int oh = ConvGeometry.transposedOutput(x.shape[2], kh, s[0], p[0], op2[0], d[0]);
        int ow = ConvGeometry.transposedOutput(x.shape[3], kw, s[1], p[1], op2[1], d[1]);
        if (oh < 1 || ow < 1 || kh < 1 || kw < 1 || x.shape[2] < 1 || x.shape[3] < 1) {
            throw new IllegalArgumentException(op + ": input shape " + Shape.str(x.shape) + " with kernel " + kh + "×" + kw
                    + " and padding " + Arrays.toString(p) + " gives an empty output (" + oh + "×" + ow + ")");
        }
        checkBias(op, bias, weight.shape[1]);
        ConvGeometry g = new ConvGeometry(x.shape[0], weight.shape[1], oh, ow, weight.shape[0], x.shape[2], x.shape[3],
                kh, kw, s[0], s[1], p[0], p[1], d[0], d[1]);
        return transposed(g, x, weight, bias);
    }

    /** Sums a [N, C, H, W] tensor over all axes but the channel: the gradient of a per-channel bias. */
    public static Tensor sumPerChannel(Tensor x) {
        checkRank4("sumPerChannel", "input", x, "[N, C, H, W]");
        int n = x.shape[0], c = x.shape[1], plane = x.shape[2] * x.shape[3];
        float[] out = new float[c];
        float[] src = x.data;
        // Four running sums break the chain of dependent additions (a 4× shorter critical path); each
        // channel is summed by one thread in a fixed order, so the result does not depend on the threads.
        Parallel.forRange(c, Math.max(1, Kernels.PARALLEL_THRESHOLD / Math.max(1, n * plane)), (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
                for (int b = 0; b < n; b++) {
                    int i = (b * c + ch) * plane, end = i + plane;
                    for (; i + 3 < end; i += 4) {
                        a0 += src[i];
                        a1 += src[i + 1];
                        a2 += src[i + 2];
                        a3 += src[i + 3];
                    }
                    for (; i < end; i++) {
                        a0 += src[i];
                    }
                }
                out[ch] = (float) ((a0 + a1) + (a2 + a3));
            }
        });
        return record("sumPerChannel", new Tensor(out, new int[] {c}), x,
                g -> g.reshape(1, c, 1, 1).broadcastTo(x.shape));
    }

    // ---------------------------------------------------------------- the three ops of one geometry

    /** Features [N, O, Ho, Wo] = convolution of the image [N, C, H, W] with weight [O, C, kh, kw], plus bias [O]. */
    static Tensor convolve(ConvGeometry g, Tensor image, Tensor weight, Tensor bias) {
        checkShape(g, "image", image, g.imageShape());
        float[][] out = unfoldedProducts(g, image.data, weight.data, bias == null ? null : bias.data, null);
        return recordConvolve(g, new Tensor(out[0], g.featureShape()), image, weight, bias);
    }

    /**
     * {@link #convolve}(image, weight) and {@link #kernelGradient}(image, features) in one pass, unfolding the
     * image once for both products: the backward of a transposed convolution needs exactly this pair. The
     * results are the same bits as the two ops' (same groups, same products, same order of sums).
     */
    static Tensor[] convolveWithKernelGradient(ConvGeometry g, Tensor image, Tensor weight, Tensor features) {
        checkShape(g, "image", image, g.imageShape());
        checkShape(g, "features", features, g.featureShape());
        float[][] out = unfoldedProducts(g, image.data, weight.data, null, features.data);
        return new Tensor[] {recordConvolve(g, new Tensor(out[0], g.featureShape()), image, weight, null),
                recordKernelGradient(g, new Tensor(out[1], g.weightShape()), image, features)};
    }

    private static Tensor recordConvolve(ConvGeometry g, Tensor result, Tensor image, Tensor weight, Tensor bias) {
        GradFn dImage = gy -> transposed(g, gy, weight, null);
        GradFn dWeight = gy -> kernelGradient(g, image, gy);
        return recordWithBias("conv2d", result, image, dImage, weight, dWeight, bias);
    }

    /**
     * The products on the unfolded image, group by group: with a weight, the features
     * {@code W·cols + bias} (result 0); with features, the kernel gradient {@code Σ features·colsᵀ}
     * (result 1, summed per chunk of the batch, then over chunks in order).
     */
    private static float[][] unfoldedProducts(ConvGeometry g, float[] x, float[] w, float[] b, float[] features) {
        int taps = g.taps(), outs = g.features(), plane = g.outPlane(), inSize = g.channels() * g.inPlane();
        float[] y = w == null ? null : new float[g.batch() * outs * plane];
        float[][] partial = features == null ? null : new float[Parallel.chunkCount(g.batch(), 1)][];
        Parallel.forChunks(g.batch(), 1, (chunk, s0, s1) -> {
            Scratch sc = SCRATCH.get();
            Im2col.Work work = sc.im2col.prepare(g);
            float[] acc = features == null ? null : new float[outs * taps];
            int group = groupSize(g, s1 - s0);
            for (int s = s0; s < s1; s += group) {
                int m = Math.min(group, s1 - s);
                int ld = m * plane;
                float[] cols = sc.cols(taps * ld);
                for (int k = 0; k < m; k++) {
                    Im2col.unfold(g, work, x, (s + k) * inSize, cols, k * plane, ld);
                }
                if (w != null) {
                    if (m == 1) {
                        int yOff = s * outs * plane;
                        if (b != null) {
                            for (int o = 0; o < outs; o++) {
                                Arrays.fill(y, yOff + o * plane, yOff + (o + 1) * plane, b[o]);
                            }
                        }
                        Blas.sgemm(false, false, outs, plane, taps, 1f, w, 0, taps, cols, 0, ld, b == null ? 0f : 1f, y, yOff, plane);
                    } else {
                        float[] out = sc.product(outs * ld);
                        Blas.sgemm(false, false, outs, ld, taps, 1f, w, 0, taps, cols, 0, ld, 0f, out, 0, ld);
                        for (int k = 0; k < m; k++) {
                            for (int o = 0; o < outs; o++) {
                                float bo = b == null ? 0f : b[o];
                                int src = o * ld + k * plane, dst = ((s + k) * outs + o) * plane;
                                for (int q = 0; q < plane; q++) {
                                    y[dst + q] = out[src + q] + bo;
                                }
                            }
                        }
                    }
                }
                if (features != null) {
                    float[] src = features;
                    int srcOff = s * outs * plane;
                    if (m > 1) {
                        src = gatherFeatures(g, features, s, m, sc.product(outs * ld));
                        srcOff = 0;
                    }
                    Blas.sgemm(false, true, outs, taps, ld, 1f, src, srcOff, ld, cols, 0, ld, 1f, acc, 0, taps);
                }
            }
            if (acc != null) {
                partial[chunk] = acc;
            }
        });
        float[] dw = null;
        if (features != null) {
            dw = partial.length == 0 ? new float[outs * taps] : partial[0];
            for (int c = 1; c < partial.length; c++) {
                float[] p = partial[c];
                for (int i = 0; i < dw.length; i++) {
                    dw[i] += p[i];
                }
            }
        }
        return new float[][] {y, dw};
    }

    /** Image [N, C, H, W] = transposed convolution of the features [N, O, Ho, Wo] with weight [O, C, kh, kw], plus bias [C]. */
    static Tensor transposed(ConvGeometry g, Tensor features, Tensor weight, Tensor bias) {
        checkShape(g, "features", features, g.featureShape());
        int taps = g.taps(), outs = g.features(), plane = g.outPlane(), inPlane = g.inPlane(), inSize = g.channels() * inPlane;
        float[] y = features.data, w = weight.data, b = bias == null ? null : bias.data;
        float[] x = new float[g.batch() * inSize];
        Parallel.forChunks(g.batch(), 1, (chunk, s0, s1) -> {
            Scratch sc = SCRATCH.get();
            Im2col.Work work = sc.im2col.prepare(g);
            int group = groupSize(g, s1 - s0);
            for (int s = s0; s < s1; s += group) {
                int m = Math.min(group, s1 - s);
                int ld = m * plane;
                float[] src = y;
                int srcOff = s * outs * plane;
                if (m > 1) {
                    src = gatherFeatures(g, y, s, m, sc.product(outs * ld));
                    srcOff = 0;
                }
                float[] cols = sc.cols(taps * ld);
                Blas.sgemm(true, false, taps, ld, outs, 1f, w, 0, taps, src, srcOff, ld, 0f, cols, 0, ld);
                for (int k = 0; k < m; k++) {
                    int xOff = (s + k) * inSize;
                    if (b != null) {
                        for (int c = 0; c < g.channels(); c++) {
                            Arrays.fill(x, xOff + c * inPlane, xOff + (c + 1) * inPlane, b[c]);
                        }
                    }
                    Im2col.fold(g, work, cols, k * plane, ld, x, xOff);
                }
            }
        });
        Tensor result = new Tensor(x, g.imageShape());
        // Both gradients unfold the same incoming gradient: when both are wanted, the first computes the
        // pair in one pass and hands the weight's to the second (Autograd asks for them in input order,
        // with the same gradient; anything else falls back to computing each on its own).
        Tensor[] pending = new Tensor[2];
        GradFn dFeatures = gx -> {
            if (!weight.requiresGrad()) {
                return convolve(g, gx, weight, null);
            }
            Tensor[] both = convolveWithKernelGradient(g, gx, weight, features);
            pending[0] = gx;
            pending[1] = both[1];
            return both[0];
        };
        GradFn dWeight = gx -> {
            Tensor ready = pending[0] == gx ? pending[1] : null;
            pending[0] = null;
            pending[1] = null;
            return ready != null ? ready : kernelGradient(g, gx, features);
        };
        return recordWithBias("convTranspose2d", result, features, dFeatures, weight, dWeight, bias);
    }

    /** Weight [O, C, kh, kw] = Σ over the batch of features ⊗ unfolded image: the gradient of a convolution's weight. */
    static Tensor kernelGradient(ConvGeometry g, Tensor image, Tensor features) {
        checkShape(g, "image", image, g.imageShape());
        checkShape(g, "features", features, g.featureShape());
        float[][] out = unfoldedProducts(g, image.data, null, null, features.data);
        return recordKernelGradient(g, new Tensor(out[1], g.weightShape()), image, features);
    }

    private static Tensor recordKernelGradient(ConvGeometry g, Tensor result, Tensor image, Tensor features) {
        GradFn dImage = gw -> transposed(g, features, gw, null);
        GradFn dFeatures = gw -> convolve(g, image, gw, null);
        return record("conv2dWeightGrad", result, image, dImage, features, dFeatures);
    }

    // ---------------------------------------------------------------- helpers

    /** Images per product: enough to give the product wide rows, few enough that the columns stay in cache. */
    static int groupSize(ConvGeometry g, int available) {
        long perImage = (long) g.taps() * g.outPlane();
        return (int) Math.max(1, Math.min(available, COLUMN_BUDGET / Math.max(1, perImage)));
    }

    /** Copies the feature planes of images [s, s+m) side by side into {@code buf} as [O, m·P]. */
    private static float[] gatherFeatures(ConvGeometry g, float[] y, int s, int m, float[] buf) {
        int outs = g.features(), plane = g.outPlane(), ld = m * plane;
        for (int k = 0; k < m; k++) {
            for (int o = 0; o < outs; o++) {
                System.arraycopy(y, ((s + k) * outs + o) * plane, buf, o * ld + k * plane, plane);
            }
        }
        return buf;
    }

    private static Tensor recordWithBias(String op, Tensor out, Tensor a, GradFn da, Tensor w, GradFn dw, Tensor bias) {
        if (bias == null) {
            return record(op, out, a, da, w, dw);
        }
        return record(op, out, new Tensor[] {a, w, bias}, new GradFn[] {da, dw, Convolution::sumPerChannel});
    }

    private static void checkRank4(String op, String what, Tensor t, String expected) {
        if (t.rank() != 4) {
            throw new IllegalArgumentException(op + ": expected the " + what + " as " + expected + ", got shape " + Shape.str(t.shape));
        }
    }

    private static void checkBias(String op, Tensor bias, int size) {
        if (bias != null && (bias.rank() != 1 || bias.shape[0] != size)) {
            throw new IllegalArgumentException(op + ": expected a bias of shape [" + size + "], got " + Shape.str(bias.shape));
        }
    }

    private static void checkShape(ConvGeometry g, String what, Tensor t, int[] expected) {
        if (!Arrays.equals(t.shape, expected)) {
            throw new IllegalStateException("convolution: the " + what + " has shape " + Shape.str(t.shape)
                    + ", its geometry expects " + Shape.str(expected));
        }
    }

    /** One thread's reused buffers; they only grow. */
    private static final class Scratch {
        final Im2col.Work im2col = new Im2col.Work();
        private float[] cols = new float[0];
        private float[] product = new float[0];

        float[] cols(int size) {
            if (cols.length < size) {
                cols = new float[size];
            }
            return cols;
        }

        float[] product(int size) {
            if (product.length < size) {
                product = new float[size];
            }
            return product;
        }
    }
}
