package org.latent4j.tensor;

import java.util.Arrays;

/**
 * Unfolding an image into the columns of a matrix product and folding it back (Chellapilla, Puri and
 * Simard, "High performance convolutional neural networks for document processing", 2006): row
 * {@code t = (c·kh + i)·kw + j} of the unfolded matrix holds, for every feature pixel p = oy·Wo + ox,
 * the image value that kernel tap (c, i, j) meets there, or zero in the padding. A convolution is then
 * {@code W[O, taps] · cols[taps, P]}.
 *
 * <p>Several images can share one matrix side by side: an image starts at column {@code colOff} and
 * rows are {@code ld} long.
 *
 * <p>How: the image is first copied into a zero-bordered buffer (when there is padding), where every
 * tap of every feature pixel is in bounds. There, tap (c, i, j) of pixel p reads
 * {@code c·Hp·Wp + i·dh·Wp + j·dw + offset[p]} with one table {@code offset[p] = oy·sh·Wp + ox·sw}
 * shared by all taps, so each row of the matrix is one flat loop of P steps with no bounds tests
 * (rather than Ho loops of Wo steps: with the VAE's 7×7 features that halved the time).
 */
final class Im2col {
    private Im2col() {}

    /** One thread's buffers for a geometry: the zero-bordered image and the offset table. Reused across calls. */
    static final class Work {
        private ConvGeometry geometry;
        float[] padded = new float[0];
        int[] offsets = new int[0];
        int paddedHeight;
        int paddedWidth;
        /** Whether fold left values in the border, which unfold needs zero. */
        private boolean borderDirty;

        /** Sizes the buffers for {@code g} and fills the offset table (once per geometry). */
        Work prepare(ConvGeometry g) {
            if (g.equals(geometry)) {
                return this;
            }
            int reachH = (g.outHeight() - 1) * g.strideH() + (g.kernelH() - 1) * g.dilationH();
            int reachW = (g.outWidth() - 1) * g.strideW() + (g.kernelW() - 1) * g.dilationW();
            if (reachH >= g.height() + 2 * g.padH() || reachW >= g.width() + 2 * g.padW()) {
                throw new IllegalStateException("convolution geometry " + g + ": taps reach beyond the padded image");
            }
            geometry = g;
            paddedHeight = g.height() + 2 * g.padH();
            paddedWidth = g.width() + 2 * g.padW();
            int size = g.channels() * paddedHeight * paddedWidth;
            if (padded.length < size) {
                padded = new float[size];
            }
            // The border stays zero from here on (unfold writes only the interior) until a fold uses the buffer.
            Arrays.fill(padded, 0, size, 0f);
            borderDirty = false;
            if (offsets.length < g.outPlane()) {
                offsets = new int[g.outPlane()];
            }
            for (int oy = 0, p = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++, p++) {
                    offsets[p] = oy * g.strideH() * paddedWidth + ox * g.strideW();
                }
            }
            return this;
        }

        boolean padding() {
            return geometry.padH() != 0 || geometry.padW() != 0;
        }
    }

    /** Writes the unfolded image at {@code x[xOff..]} ([C, H, W]) into {@code cols}; {@code work} prepared for g. */
    static void unfold(ConvGeometry g, Work work, float[] x, int xOff, float[] cols, int colOff, int ld) {
        int h = g.height(), w = g.width(), hp = work.paddedHeight, wp = work.paddedWidth, plane = g.outPlane();
        float[] src = x;
        int base = xOff;
        if (work.padding()) {
            src = work.padded;
            base = 0;
            if (work.borderDirty) {
                Arrays.fill(src, 0, g.channels() * hp * wp, 0f);
                work.borderDirty = false;
            }
            for (int c = 0; c < g.channels(); c++) {
                for (int iy = 0; iy < h; iy++) {
                    System.arraycopy(x, xOff + (c * h + iy) * w, src, (c * hp + iy + g.padH()) * wp + g.padW(), w);
                }
            }
        }
        int[] off = work.offsets;
        int row = 0;
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++, row++) {
                    int s = base + (c * hp + i * g.dilationH()) * wp + j * g.dilationW();
                    int d = row * ld + colOff;
                    for (int p = 0; p < plane; p++) {
                        cols[d + p] = src[s + off[p]];
                    }
                }
            }
        }
    }

    /** Adds the folded columns onto the image at {@code x[xOff..]} ([C, H, W]): the adjoint of unfold. */
    static void fold(ConvGeometry g, Work work, float[] cols, int colOff, int ld, float[] x, int xOff) {
        int h = g.height(), w = g.width(), hp = work.paddedHeight, wp = work.paddedWidth, plane = g.outPlane();
        boolean padding = work.padding();
        float[] dst = x;
        int base = xOff;
        if (padding) {
            dst = work.padded;
            base = 0;
            Arrays.fill(dst, 0, g.channels() * hp * wp, 0f);
        }
        int[] off = work.offsets;
        int row = 0;
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++, row++) {
                    int s = base + (c * hp + i * g.dilationH()) * wp + j * g.dilationW();
                    int d = row * ld + colOff;
                    for (int p = 0; p < plane; p++) {
                        dst[s + off[p]] += cols[d + p];
                    }
                }
            }
        }
        if (padding) {
            for (int c = 0; c < g.channels(); c++) {
                for (int iy = 0; iy < h; iy++) {
                    int from = (c * hp + iy + g.padH()) * wp + g.padW(), to = xOff + (c * h + iy) * w;
                    for (int ix = 0; ix < w; ix++) {
                        x[to + ix] += dst[from + ix];
                    }
                }
            }
            // The border now holds what fell into the padding; the next unfold clears it first.
            work.borderDirty = true;
        }
    }
}
