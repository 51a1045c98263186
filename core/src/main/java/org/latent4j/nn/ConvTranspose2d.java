package org.latent4j.nn;

import java.util.Arrays;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Convolution;
import org.latent4j.tensor.Tensor;

/**
 * A 2-D transposed convolution over NCHW inputs, as PyTorch's {@code nn.ConvTranspose2d}: weight
 * [in, out, kh, kw] (PyTorch's layout), bias [out]. Initialized as PyTorch does, uniform in ±1/√fan_in
 * where PyTorch computes fan_in from the weight's dimension 1, i.e. out·kh·kw. See
 * {@link Convolution#convTranspose2d}.
 */
public final class ConvTranspose2d extends Layer {
    private final Tensor weight;
    private final Tensor bias;
    private final int[] stride;
    private final int[] padding;
    private final int[] outputPadding;
    private final int[] dilation;

    /** A square kernel with the same settings along both axes, dilation 1. */
    public ConvTranspose2d(int in, int out, int kernel, int stride, int padding, int outputPadding, boolean bias,
                           RandomSource rng) {
        this(in, out, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding},
                new int[] {outputPadding, outputPadding}, new int[] {1, 1}, bias, rng);
    }

    /** Every setting as {h, w}; output padding must be smaller than the stride or the dilation. */
    public ConvTranspose2d(int in, int out, int[] kernel, int[] stride, int[] padding, int[] outputPadding, int[] dilation,
                           boolean bias, RandomSource rng) {
        String name = "ConvTranspose2d";
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException(name + ": channel counts must be >= 1, got in=" + in + " out=" + out);
        }
        int[] k = ConvSettings.pair(name, "kernel size", kernel, 1);
        this.stride = ConvSettings.pair(name, "stride", stride, 1);
        this.padding = ConvSettings.pair(name, "padding", padding, 0);
        this.outputPadding = ConvSettings.pair(name, "output padding", outputPadding, 0);
        this.dilation = ConvSettings.pair(name, "dilation", dilation, 1);
        for (int a = 0; a < 2; a++) {
            if (this.outputPadding[a] >= this.stride[a] && this.outputPadding[a] >= this.dilation[a]) {
                throw new IllegalArgumentException(name + ": output padding " + ConvSettings.str(this.outputPadding)
                        + " must be smaller than the stride " + ConvSettings.str(this.stride) + " or the dilation "
                        + ConvSettings.str(this.dilation));
            }
        }
        this.weight = parameter("weight", Tensor.zeros(in, out, k[0], k[1]));
        this.bias = bias ? parameter("bias", Tensor.zeros(out)) : null;
        // Init.linearDefault takes fan_in = numel / dim 0 = out·kh·kw, which is what PyTorch computes here.
        Init.linearDefault(weight, this.bias, rng);
    }

    /** The output length along one axis: {@code (in − 1)·stride − 2·padding + dilation·(kernel − 1) + outputPadding + 1}. */
    public static int outputSize(int in, int kernel, int stride, int padding, int outputPadding, int dilation) {
        return (in - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        int kh = weight.dim(2), kw = weight.dim(3);
        if (s.length != 4 || s[1] != inChannels() || s[2] < 1 || s[3] < 1
                || outputSize(s[2], kh, stride[0], padding[0], outputPadding[0], dilation[0]) < 1
                || outputSize(s[3], kw, stride[1], padding[1], outputPadding[1], dilation[1]) < 1) {
            throw new IllegalArgumentException(this + ": input shape " + Arrays.toString(s) + " does not fit; expected [N, "
                    + inChannels() + ", H, W] with a non-empty output");
        }
        return Convolution.convTranspose2d(x, weight, bias, stride, padding, outputPadding, dilation);
    }

    public Tensor weight() {
        return weight;
    }

    /** The bias, or null when the layer has none. */
    public Tensor bias() {
        return bias;
    }

    public int inChannels() {
        return weight.dim(0);
    }

    public int outChannels() {
        return weight.dim(1);
    }

    @Override
    public String toString() {
        return "ConvTranspose2d(" + inChannels() + "→" + outChannels() + ", kernel " + weight.dim(2) + "×" + weight.dim(3)
                + ", stride " + ConvSettings.str(stride) + ", padding " + ConvSettings.str(padding)
                + ", output padding " + ConvSettings.str(outputPadding)
                + (dilation[0] == 1 && dilation[1] == 1 ? "" : ", dilation " + ConvSettings.str(dilation)) + ")";
    }
}
