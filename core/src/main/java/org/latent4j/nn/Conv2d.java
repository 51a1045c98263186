package org.latent4j.nn;

import java.util.Arrays;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Convolution;
import org.latent4j.tensor.Tensor;

/**
 * A 2-D convolution over NCHW inputs, as PyTorch's {@code nn.Conv2d}: weight [out, in, kh, kw], bias
 * [out], both initialized uniform in ±1/√fan_in with fan_in = in·kh·kw (PyTorch's default, Kaiming
 * uniform with a = √5). See {@link Convolution#conv2d}.
 */
public final class Conv2d extends Layer {
    private final Tensor weight;
    private final Tensor bias;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;

    /** A square kernel with the same stride and padding along both axes, dilation 1. */
    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean bias, RandomSource rng) {
        this(in, out, kernel, stride, padding, 1, bias, rng);
    }

    /** A square kernel with the same stride, padding and dilation along both axes. */
    public Conv2d(int in, int out, int kernel, int stride, int padding, int dilation, boolean bias, RandomSource rng) {
        this(in, out, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding},
                new int[] {dilation, dilation}, bias, rng);
    }

    /** Every setting as {h, w}. */
    public Conv2d(int in, int out, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean bias, RandomSource rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Conv2d: channel counts must be >= 1, got in=" + in + " out=" + out);
        }
        int[] k = ConvSettings.pair("Conv2d", "kernel size", kernel, 1);
        this.stride = ConvSettings.pair("Conv2d", "stride", stride, 1);
        this.padding = ConvSettings.pair("Conv2d", "padding", padding, 0);
        this.dilation = ConvSettings.pair("Conv2d", "dilation", dilation, 1);
        this.weight = parameter("weight", Tensor.zeros(out, in, k[0], k[1]));
        this.bias = bias ? parameter("bias", Tensor.zeros(out)) : null;
        Init.linearDefault(weight, this.bias, rng);
    }

    /** The output length along one axis: {@code ⌊(in + 2·padding − dilation·(kernel−1) − 1)/stride⌋ + 1}. */
    public static int outputSize(int in, int kernel, int stride, int padding, int dilation) {
        return Math.floorDiv(in + 2 * padding - dilation * (kernel - 1) - 1, stride) + 1;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        int kh = weight.dim(2), kw = weight.dim(3);
        if (s.length != 4 || s[1] != inChannels() || s[2] < 1 || s[3] < 1
                || outputSize(s[2], kh, stride[0], padding[0], dilation[0]) < 1
                || outputSize(s[3], kw, stride[1], padding[1], dilation[1]) < 1) {
            throw new IllegalArgumentException(this + ": input shape " + Arrays.toString(s) + " does not fit; expected [N, "
                    + inChannels() + ", H, W] with H + 2·" + padding[0] + " >= " + (dilation[0] * (kh - 1) + 1)
                    + " and W + 2·" + padding[1] + " >= " + (dilation[1] * (kw - 1) + 1));
        }
        return Convolution.conv2d(x, weight, bias, stride, padding, dilation);
    }

    public Tensor weight() {
        return weight;
    }

    /** The bias, or null when the layer has none. */
    public Tensor bias() {
        return bias;
    }

    public int inChannels() {
        return weight.dim(1);
    }

    public int outChannels() {
        return weight.dim(0);
    }

    @Override
    public String toString() {
        return "Conv2d(" + inChannels() + "→" + outChannels() + ", kernel " + weight.dim(2) + "×" + weight.dim(3)
                + ", stride " + ConvSettings.str(stride) + ", padding " + ConvSettings.str(padding)
                + (dilation[0] == 1 && dilation[1] == 1 ? "" : ", dilation " + ConvSettings.str(dilation)) + ")";
    }
}
