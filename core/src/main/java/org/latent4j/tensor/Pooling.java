package org.latent4j.tensor;

import java.util.Arrays;
import org.latent4j.runtime.Parallel;

/**
 * Max and average pooling over the last two dimensions of an NCHW tensor, as PyTorch's
 * {@code max_pool2d} and {@code avg_pool2d} (floor mode, no dilation). Both are gathers by index
 * ({@link Gathers}): max pooling gathers the recorded argmax of each window, so its gradient scatters
 * back through the same indices; average pooling gathers every tap of the window with weight
 * 1/(window size). Their gradients are therefore differentiable again.
 */
public final class Pooling {
    private Pooling() {}

    /** The output length along one axis, {@code ⌊(in + 2p − k)/s⌋ + 1}. */
    public static int outputSize(int in, int kernel, int stride, int padding) {
        return Math.floorDiv(in + 2 * padding - kernel, stride) + 1;
    }

    /**
     * The maximum of each kh×kw window; padding counts as −∞. At ties the first maximum in row-major
     * window order wins and takes the whole gradient (as in PyTorch); a NaN in a window is its maximum.
     */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        Window w = Window.of("maxPool2d", x, kernel, stride, padding);
        int planes = w.planes, oh = w.oh, ow = w.ow, h = w.h, wd = w.w;
        int[] index = new int[planes * oh * ow];
        float[] src = x.data;
        Parallel.forRange(planes, Math.max(1, Kernels.PARALLEL_THRESHOLD / Math.max(1, oh * ow * w.kh * w.kw)), (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                int base = p * h * wd, t = p * oh * ow;
                for (int oy = 0; oy < oh; oy++) {
                    int y0 = Math.max(0, oy * w.sh - w.ph), y1 = Math.min(h, oy * w.sh - w.ph + w.kh);
                    for (int ox = 0; ox < ow; ox++, t++) {
                        int x0 = Math.max(0, ox * w.sw - w.pw), x1 = Math.min(wd, ox * w.sw - w.pw + w.kw);
                        int best = y0 * wd + x0;
                        float max = Float.NEGATIVE_INFINITY;
                        boolean found = false;
                        for (int iy = y0; iy < y1; iy++) {
                            for (int ix = x0; ix < x1; ix++) {
                                float v = src[base + iy * wd + ix];
                                if (!found || v > max || Float.isNaN(v)) {
                                    max = v;
                                    best = iy * wd + ix;
                                    found = true;
                                    if (Float.isNaN(v)) {
                                        iy = y1;
                                        break;
                                    }
                                }
                            }
                        }
                        index[t] = best;
                    }
                }
            }
        });
        return Gathers.gather(x, new PlaneMap(h * wd, oh * ow, 1, index, null), w.outShape(x));
    }

    /**
     * The mean of each kh×kw window. With {@code countIncludePad} (PyTorch's default) padding counts as
     * zeros in the mean, so every window divides by kh·kw; without it, by the number of taps inside the
     * input.
     */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        Window w = Window.of("avgPool2d", x, kernel, stride, padding);
        int taps = w.kh * w.kw;
        int[] index = new int[w.oh * w.ow * taps];
        float[] weight = new float[index.length];
        for (int oy = 0, t = 0; oy < w.oh; oy++) {
            for (int ox = 0; ox < w.ow; ox++) {
                int start = t, inside = 0;
                for (int i = 0; i < w.kh; i++) {
                    for (int j = 0; j < w.kw; j++, t++) {
                        int iy = oy * w.sh - w.ph + i, ix = ox * w.sw - w.pw + j;
                        if (iy >= 0 && iy < w.h && ix >= 0 && ix < w.w) {
                            index[t] = iy * w.w + ix;
                            weight[t] = 1f;
                            inside++;
                        }
                    }
                }
                float scale = 1f / (countIncludePad ? taps : inside);
                for (int k = start; k < t; k++) {
                    weight[k] *= scale;
                }
            }
        }
        return Gathers.gather(x, new PlaneMap(w.h * w.w, w.oh * w.ow, taps, index, weight), w.outShape(x));
    }

    /** A checked pooling window over an input of shape [..., H, W]. */
    private record Window(int planes, int h, int w, int oh, int ow, int kh, int kw, int sh, int sw, int ph, int pw) {
        static Window of(String op, Tensor x, int[] kernel, int[] stride, int[] padding) {
            int[] k = ConvGeometry.pair(op, "kernel size", kernel, 1);
            int[] s = ConvGeometry.pair(op, "stride", stride, 1);
            int[] p = ConvGeometry.pair(op, "padding", padding, 0);
            if (x.rank() < 3) {
                throw new IllegalArgumentException(op + ": expected an input of shape [N, C, H, W] (or [C, H, W]), got "
                        + Shape.str(x.shape));
            }
            if (p[0] > k[0] / 2 || p[1] > k[1] / 2) {
                throw new IllegalArgumentException(op + ": padding " + Arrays.toString(p)
                        + " must be at most half the kernel size " + Arrays.toString(k));
            }
            int r = x.rank(), h = x.shape[r - 2], w = x.shape[r - 1];
            int oh = outputSize(h, k[0], s[0], p[0]), ow = outputSize(w, k[1], s[1], p[1]);
            if (oh < 1 || ow < 1) {
                throw new IllegalArgumentException(op + ": input shape " + Shape.str(x.shape) + " is smaller than the kernel "
                        + k[0] + "×" + k[1] + " with padding " + Arrays.toString(p));
            }
            return new Window(x.numel() / (h * w), h, w, oh, ow, k[0], k[1], s[0], s[1], p[0], p[1]);
        }

        int[] outShape(Tensor x) {
            int[] out = x.shape.clone();
            out[out.length - 2] = oh;
            out[out.length - 1] = ow;
            return out;
        }
    }
}
