package org.latent4j.nn;

import org.latent4j.tensor.Pooling;
import org.latent4j.tensor.Tensor;

/** Max pooling over NCHW inputs, as PyTorch's {@code nn.MaxPool2d} (floor mode); see {@link Pooling#maxPool2d}. */
public final class MaxPool2d extends Layer {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;

    /** A square window; PyTorch's default stride equals the kernel size. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    public MaxPool2d(int kernel, int stride, int padding) {
        this(new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding});
    }

    /** Every setting as {h, w}; padding at most half the kernel. */
    public MaxPool2d(int[] kernel, int[] stride, int[] padding) {
        this.kernel = ConvSettings.pair("MaxPool2d", "kernel size", kernel, 1);
        this.stride = ConvSettings.pair("MaxPool2d", "stride", stride, 1);
        this.padding = PoolSettings.padding("MaxPool2d", this.kernel, padding);
    }

    /** The output length along one axis: {@code ⌊(in + 2·padding − kernel)/stride⌋ + 1}. */
    public static int outputSize(int in, int kernel, int stride, int padding) {
        return Pooling.outputSize(in, kernel, stride, padding);
    }

    @Override
    public Tensor forward(Tensor x) {
        PoolSettings.checkInput(this.toString(), x, kernel, stride, padding);
        return Pooling.maxPool2d(x, kernel, stride, padding);
    }

    @Override
    public String toString() {
        return "MaxPool2d(kernel " + ConvSettings.str(kernel) + ", stride " + ConvSettings.str(stride)
                + ", padding " + ConvSettings.str(padding) + ")";
    }
}
