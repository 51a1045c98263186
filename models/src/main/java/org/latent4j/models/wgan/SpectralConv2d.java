package org.latent4j.models.wgan;

import org.latent4j.nn.Conv2d;
import org.latent4j.nn.Layer;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Convolution;
import org.latent4j.tensor.Tensor;

/**
 * A 2-D convolution with a spectrally normalized kernel, {@code y = conv2d(x, W/σ(W)) + b}, σ(W) the largest
 * singular value of W reshaped to the matrix [out, in·kh·kw] (Miyato et al. 2018, section 2.1 and appendix on
 * convolutions), named as PyTorch's {@code nn.utils.spectral_norm(nn.Conv2d(...))}: parameters
 * {@code weight_orig} ([out, in, kh, kw]) and {@code bias}, buffers {@code weight_u} ([out]) and
 * {@code weight_v} ([in·kh·kw]). As {@link SpectralLinear}, the forward pass never changes u and v; the
 * training step calls {@link #powerIteration()} once per critic step.
 */
public final class SpectralConv2d extends Layer implements SpectralLayer {
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor u;
    private final Tensor v;
    private final int[] stride;
    private final int[] padding;

    /** A square kernel, the same stride and padding along both axes, with a bias. */
    public SpectralConv2d(int in, int out, int kernel, int stride, int padding, RandomSource rng) {
        // the plain layer checks the settings and draws PyTorch's default initialization
        Conv2d plain = new Conv2d(in, out, kernel, stride, padding, true, rng);
        this.weight = parameter("weight_orig", plain.weight().detach());
        this.bias = parameter("bias", plain.bias().detach());
        this.u = buffer("weight_u", SpectralNorm.randomUnit(out, rng));
        this.v = buffer("weight_v", SpectralNorm.randomUnit(in * kernel * kernel, rng));
        this.stride = new int[] {stride, stride};
        this.padding = new int[] {padding, padding};
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length != 4 || s[1] != weight.dim(1)) {
            throw new IllegalArgumentException(this + ": input shape " + java.util.Arrays.toString(s)
                    + " does not fit; expected [N, " + weight.dim(1) + ", H, W]");
        }
        return Convolution.conv2d(x, SpectralNorm.normalized(weight, u, v), bias, stride, padding, new int[] {1, 1});
    }

    @Override
    public void powerIteration() {
        SpectralNorm.powerIteration(weight.data(), rows(), cols(), u.data(), v.data());
    }

    @Override
    public double sigma() {
        return SpectralNorm.sigma(weight.data(), rows(), cols(), u.data(), v.data());
    }

    private int rows() {
        return weight.dim(0);
    }

    private int cols() {
        return weight.numel() / weight.dim(0);
    }

    /** The unnormalized kernel W ({@code weight_orig}), [out, in, kh, kw]. */
    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }

    @Override
    public String toString() {
        return "SpectralConv2d(" + weight.dim(1) + ", " + weight.dim(0) + ", kernel " + weight.dim(2) + ", stride "
                + stride[0] + ", padding " + padding[0] + ")";
    }
}
