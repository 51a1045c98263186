package org.latent4j.tensor;

/**
 * The sizes of one 2-D convolution, shared by the three ops that it defines (see {@link Convolution}):
 * an image side [N, C, H, W] (the input of a convolution, the output of a transposed one), a feature
 * side [N, O, Ho, Wo], a kernel kh×kw, strides, paddings and dilations.
 *
 * <p>Feature position (oy, ox) and kernel tap (i, j) meet image pixel
 * {@code (oy·sh − ph + i·dh, ox·sw − pw + j·dw)}; taps that fall outside the image read zeros. Given
 * that rule the three ops are exact adjoints of each other for any pair of sizes, which is why a
 * transposed convolution may ask for an image a few rows taller than a convolution would map back to
 * (PyTorch's {@code output_padding}).
 */
record ConvGeometry(int batch, int channels, int height, int width, int features, int outHeight, int outWidth,
                    int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, int dilationH, int dilationW) {

    /** Rows of the unfolded image: one per (channel, tap). */
    int taps() {
        return channels * kernelH * kernelW;
    }

    /** Pixels of one feature plane. */
    int outPlane() {
        return outHeight * outWidth;
    }

    /** Pixels of one image plane. */
    int inPlane() {
        return height * width;
    }

    int[] imageShape() {
        return new int[] {batch, channels, height, width};
    }

    int[] featureShape() {
        return new int[] {batch, features, outHeight, outWidth};
    }

    int[] weightShape() {
        return new int[] {features, channels, kernelH, kernelW};
    }

    /** The same geometry for another batch size. */
    ConvGeometry withBatch(int n) {
        return new ConvGeometry(n, channels, height, width, features, outHeight, outWidth, kernelH, kernelW,
                strideH, strideW, padH, padW, dilationH, dilationW);
    }

    /** Multiply-adds of one op (convolution, transposed convolution or kernel gradient) on this geometry. */
    long multiplyAdds() {
        return (long) batch * features * outPlane() * taps();
    }

    /**
     * The output length of a convolution along one axis, {@code ⌊(in + 2p − d(k−1) − 1)/s⌋ + 1}
     * (PyTorch's {@code Conv2d} formula); may be zero or negative when the input is too small.
     */
    static int convOutput(int in, int kernel, int stride, int padding, int dilation) {
        return Math.floorDiv(in + 2 * padding - dilation * (kernel - 1) - 1, stride) + 1;
    }

    /** The output length of a transposed convolution, {@code (in − 1)s − 2p + d(k−1) + output_padding + 1}. */
    static int transposedOutput(int in, int kernel, int stride, int padding, int outputPadding, int dilation) {
        return (in - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
    }

    /** Checks that each of a pair of window settings is at least {@code min}; returns it as {h, w}. */
    static int[] pair(String op, String what, int[] values, int min) {
        if (values == null || values.length != 2) {
            throw new IllegalArgumentException(op + ": expected " + what + " as two numbers {h, w}, got "
                    + (values == null ? "null" : java.util.Arrays.toString(values)));
        }
        if (values[0] < min || values[1] < min) {
            throw new IllegalArgumentException(op + ": " + what + " must be >= " + min + ", got "
                    + java.util.Arrays.toString(values));
        }
        return values.clone();
    }
}
