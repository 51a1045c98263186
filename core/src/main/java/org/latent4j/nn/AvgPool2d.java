package org.latent4j.nn;

import org.latent4j.tensor.Pooling;
import org.latent4j.tensor.Tensor;

/**
 * Average pooling over NCHW inputs, as PyTorch's {@code nn.AvgPool2d} (floor mode); by default padding
 * counts as zeros in the mean ({@code count_include_pad=True}). See {@link Pooling#avgPool2d}.
 */
public final class AvgPool2d extends Layer {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final boolean countIncludePad;

    /** A square window; PyTorch's default stride equals the kernel size. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    public AvgPool2d(int kernel, int stride, int padding) {
        this(new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, true);
    }

    /** Every setting as {h, w}; padding at most half the kernel. */
    public AvgPool2d(int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        this.kernel = ConvSettings.pair("AvgPool2d", "kernel size", kernel, 1);
        this.stride = ConvSettings.pair("AvgPool2d", "stride", stride, 1);
        this.padding = PoolSettings.padding("AvgPool2d", this.kernel, padding);
        this.countIncludePad = countIncludePad;
    }

    /** The output length along one axis: {@code ⌊(in + 2·padding − kernel)/stride⌋ + 1}. */
    public static int outputSize(int in, int kernel, int stride, int padding) {
        return Pooling.outputSize(in, kernel, stride, padding);
    }

    @Override
    public Tensor forward(Tensor x) {
        PoolSettings.checkInput(this.toString(), x, kernel, stride, padding);
        return Pooling.avgPool2d(x, kernel, stride, padding, countIncludePad);
    }

    @Override
    public String toString() {
        return "AvgPool2d(kernel " + ConvSettings.str(kernel) + ", stride " + ConvSettings.str(stride)
                + ", padding " + ConvSettings.str(padding) + (countIncludePad ? "" : ", padding not counted") + ")";
    }
}
