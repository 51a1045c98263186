package org.latent4j.tensor;

/**
 * Unfolding an image into the columns of a matrix product and folding it back (Chellapilla, Puri and
 * Simard, "High performance convolutional neural networks for document processing", 2006): row
 * {@code t = (c·kh + i)·kw + j} of the unfolded matrix holds, for every feature pixel p = oy·Wo + ox,
 * the image value that kernel tap (c, i, j) meets there, or zero in the padding. A convolution is then
 * {@code W[O, taps] · cols[taps, P]}.
 *
 * <p>Several images can share one matrix side by side: image k starts at column {@code colOff} and
 * rows are {@code ld} long. The loops compute the in-bounds range of each row once, so the inner loop
 * has no bounds tests (and is a plain copy at stride 1).
 */
final class Im2col {
    private Im2col() {}

    /** Writes the unfolded image at {@code x[xOff..]} ([C, H, W]) into {@code cols}. */
    static void unfold(ConvGeometry g, float[] x, int xOff, float[] cols, int colOff, int ld) {
        int h = g.height(), w = g.width(), oh = g.outHeight(), ow = g.outWidth();
        int sh = g.strideH(), sw = g.strideW(), ph = g.padH(), pw = g.padW(), dh = g.dilationH(), dw = g.dilationW();
        int row = 0;
        for (int c = 0; c < g.channels(); c++) {
            int plane = xOff + c * h * w;
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++, row++) {
                    int shiftX = j * dw - pw;
                    int lo = firstInside(shiftX, sw, ow);
                    int hi = endInside(shiftX, sw, w, ow);
                    int dst = row * ld + colOff;
                    for (int oy = 0; oy < oh; oy++, dst += ow) {
                        int iy = oy * sh - ph + i * dh;
                        if (iy < 0 || iy >= h || lo >= hi) {
                            java.util.Arrays.fill(cols, dst, dst + ow, 0f);
                            continue;
                        }
                        int src = plane + iy * w + shiftX;
                        for (int ox = 0; ox < lo; ox++) {
                            cols[dst + ox] = 0f;
                        }
                        if (sw == 1) {
                            System.arraycopy(x, src + lo, cols, dst + lo, hi - lo);
                        } else {
                            for (int ox = lo; ox < hi; ox++) {
                                cols[dst + ox] = x[src + ox * sw];
                            }
                        }
                        for (int ox = hi; ox < ow; ox++) {
                            cols[dst + ox] = 0f;
                        }
                    }
                }
            }
        }
    }

    /** Adds the folded columns onto the image at {@code x[xOff..]} ([C, H, W]): the adjoint of unfold. */
    static void fold(ConvGeometry g, float[] cols, int colOff, int ld, float[] x, int xOff) {
        int h = g.height(), w = g.width(), oh = g.outHeight(), ow = g.outWidth();
        int sh = g.strideH(), sw = g.strideW(), ph = g.padH(), pw = g.padW(), dh = g.dilationH(), dw = g.dilationW();
        int row = 0;
        for (int c = 0; c < g.channels(); c++) {
            int plane = xOff + c * h * w;
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++, row++) {
                    int shiftX = j * dw - pw;
                    int lo = firstInside(shiftX, sw, ow);
                    int hi = endInside(shiftX, sw, w, ow);
                    if (lo >= hi) {
                        continue;
                    }
                    int src = row * ld + colOff;
                    for (int oy = 0; oy < oh; oy++, src += ow) {
                        int iy = oy * sh - ph + i * dh;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        int dst = plane + iy * w + shiftX;
                        for (int ox = lo; ox < hi; ox++) {
                            x[dst + ox * sw] += cols[src + ox];
                        }
                    }
                }
            }
        }
    }

    /** The first ox with ox·stride + shift ≥ 0 (clamped to [0, outLen]). */
    static int firstInside(int shift, int stride, int outLen) {
        int lo = shift >= 0 ? 0 : Math.floorDiv(-shift + stride - 1, stride);
        return Math.min(lo, outLen);
    }

    /** One past the last ox with ox·stride + shift < inLen (clamped to [0, outLen]). */
    static int endInside(int shift, int stride, int inLen, int outLen) {
        int last = inLen - 1 - shift;
        if (last < 0) {
            return 0;
        }
        return Math.min(outLen, last / stride + 1);
    }
}
