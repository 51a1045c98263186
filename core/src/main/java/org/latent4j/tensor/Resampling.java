package org.latent4j.tensor;

/**
 * Upsampling of the last two dimensions of an NCHW tensor by whole scale factors, as PyTorch's
 * {@code interpolate} with {@code mode='nearest'} and {@code mode='bilinear', align_corners=False}.
 * Both are fixed linear maps, gathers by index ({@link Gathers}), so their gradients (sums back over
 * the source pixels) are differentiable again.
 */
public final class Resampling {
    private Resampling() {}

    /** Each pixel repeated into a scaleH × scaleW block: {@code y[oy, ox] = x[⌊oy/sh⌋, ⌊ox/sw⌋]}. */
    public static Tensor upsampleNearest(Tensor x, int scaleH, int scaleW) {
        int[] s = check("upsampleNearest", x, scaleH, scaleW);
        int r = x.rank(), h = x.shape[r - 2], w = x.shape[r - 1], oh = h * s[0], ow = w * s[1];
        int[] index = new int[oh * ow];
        for (int oy = 0, t = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++, t++) {
                index[t] = (oy / s[0]) * w + ox / s[1];
            }
        }
        return Gathers.gather(x, new PlaneMap(h * w, oh * ow, 1, index, null), outShape(x, oh, ow));
    }

    /**
     * Bilinear interpolation with half-pixel centres (align_corners=False): output pixel oy reads the source
     * position {@code (oy + ½)/scale − ½}, clamped below at 0, from its two neighbouring rows (the last row
     * repeats at the edge), and likewise along the width. Positions are computed in float32 as PyTorch does.
     */
    public static Tensor upsampleBilinear(Tensor x, int scaleH, int scaleW) {
        int[] s = check("upsampleBilinear", x, scaleH, scaleW);
        int r = x.rank(), h = x.shape[r - 2], w = x.shape[r - 1], oh = h * s[0], ow = w * s[1];
        int[] y0 = new int[oh], y1 = new int[oh], x0 = new int[ow], x1 = new int[ow];
        float[] ly = new float[oh], lx = new float[ow];
        source(h, s[0], y0, y1, ly);
        source(w, s[1], x0, x1, lx);
        int[] index = new int[oh * ow * 4];
        float[] weight = new float[index.length];
        for (int oy = 0, t = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++, t += 4) {
                float wy1 = ly[oy], wy0 = 1f - wy1, wx1 = lx[ox], wx0 = 1f - wx1;
                index[t] = y0[oy] * w + x0[ox];
                index[t + 1] = y0[oy] * w + x1[ox];
                index[t + 2] = y1[oy] * w + x0[ox];
                index[t + 3] = y1[oy] * w + x1[ox];
                weight[t] = wy0 * wx0;
                weight[t + 1] = wy0 * wx1;
                weight[t + 2] = wy1 * wx0;
                weight[t + 3] = wy1 * wx1;
            }
        }
        return Gathers.gather(x, new PlaneMap(h * w, oh * ow, 4, index, weight), outShape(x, oh, ow));
    }

    /** For each output position along one axis: the two source positions and the weight of the second. */
    private static void source(int in, int scale, int[] lo, int[] hi, float[] lambda) {
        float ratio = 1f / scale;
        for (int o = 0; o < lo.length; o++) {
            float src = Math.max(ratio * (o + 0.5f) - 0.5f, 0f);
            int i0 = Math.min((int) src, in - 1);
            lo[o] = i0;
            hi[o] = Math.min(i0 + 1, in - 1);
            lambda[o] = src - i0;
        }
    }

    private static int[] check(String op, Tensor x, int scaleH, int scaleW) {
        if (x.rank() < 3) {
            throw new IllegalArgumentException(op + ": expected an input of shape [N, C, H, W] (or [C, H, W]), got "
                    + Shape.str(x.shape));
        }
        return ConvGeometry.pair(op, "scale factor", new int[] {scaleH, scaleW}, 1);
    }

    private static int[] outShape(Tensor x, int oh, int ow) {
        int[] out = x.shape.clone();
        out[out.length - 2] = oh;
        out[out.length - 1] = ow;
        return out;
    }
}
