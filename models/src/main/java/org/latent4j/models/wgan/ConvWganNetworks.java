package org.latent4j.models.wgan;

import java.util.ArrayList;
import java.util.List;
import org.latent4j.models.networks.ImageShape;
import org.latent4j.nn.Activation;
import org.latent4j.nn.Conv2d;
import org.latent4j.nn.ConvTranspose2d;
import org.latent4j.nn.Flatten;
import org.latent4j.nn.Layer;
import org.latent4j.nn.Linear;
import org.latent4j.nn.Sequential;
import org.latent4j.nn.Unflatten;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * The DCGAN-style generator and critic of a convolutional {@link Wgan} (Radford, Metz and Chintala 2016,
 * in the form the WGAN-GP paper's image experiments use: strided convolutions and leaky ReLUs in the
 * critic, no batch normalization there since the gradient penalty is taken per sample; transposed
 * convolutions and ReLUs in the generator). With c the base channel width and a C×H×W image, both take
 * and give flat rows, as every latent4j model does:
 * <pre>
 * critic:    Unflatten(C, H, W), Conv2d(C → c, 4, stride 2, padding 1), LeakyReLU(0.2),
 *            Conv2d(c → 2c, 4, 2, 1), LeakyReLU(0.2), Flatten, Linear(2c·H₂·W₂ → 1)
 * generator: Linear(latent → 2c·H₂·W₂), ReLU, Unflatten(2c, H₂, W₂), ConvTranspose2d(2c → c, 4, 2, 1), ReLU,
 *            ConvTranspose2d(c → C, 4, 2, 1), Sigmoid, Flatten
 * </pre>
 * H₁ = ⌊H/2⌋, H₂ = ⌊H₁/2⌋ (28 → 14 → 7); each transposed convolution gets the output padding (0 or 1)
 * that gives back its critic twin's input size exactly. The sigmoid fits images scaled to [0, 1], as
 * latent4j reads them. Children are numbered as in PyTorch's {@code nn.Sequential}: the critic's
 * convolutions are {@code critic.1} and {@code critic.3}, its last layer {@code critic.6}; under spectral
 * normalization all three carry {@code weight_orig}, {@code weight_u} and {@code weight_v}.
 */
final class ConvWganNetworks {
    /** The slope of the critic's leaky ReLUs for negative inputs (DCGAN's). */
    static final float LEAKY_SLOPE = 0.2f;
    private static final int KERNEL = 4;
    private static final int STRIDE = 2;
    private static final int PADDING = 1;

    private ConvWganNetworks() {}

    /** The critic [n, C·H·W] → [n, 1]; its weighted layers are added to {@code spectral} when spectrally normalized. */
    static Sequential critic(ImageShape image, int channels, boolean spectralNorm, RandomSource rng, List<SpectralLayer> spectral) {
        int[] h = sizes(image.height(), "height", image);
        int[] w = sizes(image.width(), "width", image);
        List<Layer> layers = new ArrayList<>();
        layers.add(new Unflatten(image.channels(), image.height(), image.width()));
        int in = image.channels();
        for (int out : new int[] {channels, 2 * channels}) {
            if (spectralNorm) {
                SpectralConv2d conv = new SpectralConv2d(in, out, KERNEL, STRIDE, PADDING, rng);
                spectral.add(conv);
                layers.add(conv);
            } else {
                layers.add(new Conv2d(in, out, KERNEL, STRIDE, PADDING, true, rng));
            }
            layers.add(leakyRelu());
            in = out;
        }
        layers.add(new Flatten());
        int features = Math.multiplyExact(in, h[2] * w[2]);
        if (spectralNorm) {
            SpectralLinear last = new SpectralLinear(features, 1, rng);
            spectral.add(last);
            layers.add(last);
        } else {
            layers.add(new Linear(features, 1, rng));
        }
        return new Sequential(layers.toArray(Layer[]::new));
    }

    /** The generator [n, latent] → [n, C·H·W], values in (0, 1). */
    static Sequential generator(ImageShape image, int channels, int latent, RandomSource rng) {
        int[] h = sizes(image.height(), "height", image);
        int[] w = sizes(image.width(), "width", image);
        List<Layer> layers = new ArrayList<>();
        layers.add(new Linear(latent, Math.multiplyExact(2 * channels, h[2] * w[2]), rng));
        layers.add(Activation.RELU.layer());
        layers.add(new Unflatten(2 * channels, h[2], w[2]));
        layers.add(transposed(2 * channels, channels, h[1] - 2 * h[2], w[1] - 2 * w[2], rng));
        layers.add(Activation.RELU.layer());
        layers.add(transposed(channels, image.channels(), h[0] - 2 * h[1], w[0] - 2 * w[1], rng));
        layers.add(Activation.SIGMOID.layer());
        layers.add(new Flatten());
        return new Sequential(layers.toArray(Layer[]::new));
    }

    private static ConvTranspose2d transposed(int in, int out, int padH, int padW, RandomSource rng) {
        // (n − 1)·2 − 2 + 4 + p = 2n + p: output padding p = target − 2n restores an odd size
        return new ConvTranspose2d(in, out, new int[] {KERNEL, KERNEL}, new int[] {STRIDE, STRIDE},
                new int[] {PADDING, PADDING}, new int[] {padH, padW}, new int[] {1, 1}, true, rng);
    }

    /** An axis's length before and after each of the two strided convolutions: {n, ⌊n/2⌋, ⌊n/4⌋}. */
    private static int[] sizes(int n, String axis, ImageShape image) {
        int n1 = Conv2d.outputSize(n, KERNEL, STRIDE, PADDING, 1);
        int n2 = Conv2d.outputSize(n1, KERNEL, STRIDE, PADDING, 1);
        if (n2 < 1) {
            throw new IllegalArgumentException("wgan: the convolutional networks halve the image twice; images of "
                    + image + " are too small (" + axis + " " + n + " must be at least 4); use --arch mlp");
        }
        return new int[] {n, n1, n2};
    }

    private static Layer leakyRelu() {
        return new Layer() {
            @Override
            public Tensor forward(Tensor x) {
                return x.leakyRelu(LEAKY_SLOPE);
            }

            @Override
            public String toString() {
                return "LeakyReLU(" + LEAKY_SLOPE + ")";
            }
        };
    }
}
