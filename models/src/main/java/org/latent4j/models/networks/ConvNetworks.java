package org.latent4j.models.networks;

import java.util.ArrayList;
import java.util.List;
import org.latent4j.nn.Activation;
import org.latent4j.nn.BatchNorm2d;
import org.latent4j.nn.Conv2d;
import org.latent4j.nn.ConvTranspose2d;
import org.latent4j.nn.Flatten;
import org.latent4j.nn.GroupNorm;
import org.latent4j.nn.Layer;
import org.latent4j.nn.Linear;
import org.latent4j.nn.Sequential;
import org.latent4j.nn.Unflatten;
import org.latent4j.random.RandomSource;

/**
 * Builds the encoder body and the decoder a {@link ConvArchitecture} describes, as {@link Sequential}s
 * that take and give flat rows (so the models keep their [N, D] data):
 * <pre>
 * encoder body: Unflatten(C, H, W), [Conv2d, norm?, act] per entry of channels, Flatten, [Linear, act] per dense size
 * decoder:      [Linear, act] per dense size, Linear(→ c·h·w), act, Unflatten(c, h, w),
 *               [ConvTranspose2d, norm?, act] per convolution but the first (in reverse), ConvTranspose2d(→ C), Flatten
 * </pre>
 * Children are numbered by position as in PyTorch's {@code nn.Sequential} (the weights of the reference
 * architecture's encoder are {@code 1.weight} and {@code 3.weight}). Every spatial size is worked out here,
 * when the model is built, so an image too small for the layers fails at once with the name of the layer
 * that does not fit; a transposed convolution gets the output padding that restores its encoder twin's input
 * size exactly, so any size works whose every convolution leaves at least one pixel.
 */
public final class ConvNetworks {
    private ConvNetworks() {}

    /** A built network and the width of its output rows. */
    public record Built(Layer layer, int outputWidth) {}

    /**
     * The encoder body: [N, C·H·W] → [N, outputWidth] (the flattened last feature map, or the last dense size).
     *
     * @param name the module path of the body, for error messages (e.g. {@code encoder.body})
     */
    public static Built encoderBody(ConvArchitecture a, int[] dense, Activation act, RandomSource rng, String name) {
        List<Layer> layers = new ArrayList<>();
        int width = encoderLayers(layers, a, dense, act, rng, name);
        return new Built(new Sequential(layers.toArray(Layer[]::new)), width);
    }

    /**
     * A deterministic encoder (an autoencoder's): the encoder body followed by Linear(→ code), no activation
     * after it; [N, C·H·W] → [N, code].
     */
    public static Layer encoder(ConvArchitecture a, int[] dense, int code, Activation act, RandomSource rng, String name) {
        List<Layer> layers = new ArrayList<>();
        int width = encoderLayers(layers, a, dense, act, rng, name);
        layers.add(new Linear(width, code, rng));
        return new Sequential(layers.toArray(Layer[]::new));
    }

    private static int encoderLayers(List<Layer> layers, ConvArchitecture a, int[] dense, Activation act, RandomSource rng,
                                     String name) {
        int[][] sizes = spatialSizes(a, act, name);
        ImageShape image = a.image();
        boolean bias = a.normalization() == Normalization.NONE;
        layers.add(new Unflatten(image.channels(), image.height(), image.width()));
        int in = image.channels();
        for (int c : a.channels()) {
            layers.add(new Conv2d(in, c, a.kernel(), a.stride(), a.padding(), bias, rng));
            addNormAndActivation(layers, a, c, act);
            in = c;
        }
        layers.add(new Flatten());
        int[] last = sizes[sizes.length - 1];
        int width = in * last[0] * last[1];
        for (int d : dense) {
            layers.add(new Linear(width, d, rng));
            addActivation(layers, act);
            width = d;
        }
        return width;
    }

    /**
     * The decoder: [N, latent] → [N, C·H·W] decoder outputs (no activation after the last transposed convolution).
     *
     * @param dense the dense sizes in the decoder's order (from the latent code outwards)
     * @param name  the module path of the decoder, for error messages (e.g. {@code decoder})
     */
    public static Layer decoder(ConvArchitecture a, int latent, int[] dense, Activation act, RandomSource rng, String name) {
        int[][] sizes = spatialSizes(a, act, name);
        int[] ch = a.channels();
        int n = ch.length;
        List<Layer> layers = new ArrayList<>();
        int width = latent;
        for (int d : dense) {
            layers.add(new Linear(width, d, rng));
            addActivation(layers, act);
            width = d;
        }
        int[] last = sizes[n];
        layers.add(new Linear(width, ch[n - 1] * last[0] * last[1], rng));
        addActivation(layers, act);
        layers.add(new Unflatten(ch[n - 1], last[0], last[1]));
        for (int i = n - 1; i >= 0; i--) {
            int in = ch[i];
            int out = i == 0 ? a.image().channels() : ch[i - 1];
            int[] target = sizes[i];
            int opH = a.outputPadding(target[0]);
            int opW = a.outputPadding(target[1]);
            if (opH != opW) {
                throw new IllegalArgumentException(name + "." + layers.size() + " (ConvTranspose2d " + in + "→" + out
                        + "): restoring " + target[0] + "×" + target[1] + " from " + sizes[i + 1][0] + "×" + sizes[i + 1][1]
                        + " needs output padding " + opH + " in height but " + opW + " in width; use a height and width"
                        + " that give the same remainder, e.g. a square image");
            }
            boolean lastLayer = i == 0;
            layers.add(new ConvTranspose2d(in, out, a.kernel(), a.stride(), a.padding(), opH,
                    lastLayer || a.normalization() == Normalization.NONE, rng));
            if (!lastLayer) {
                addNormAndActivation(layers, a, out, act);
            }
        }
        layers.add(new Flatten());
        return new Sequential(layers.toArray(Layer[]::new));
    }

    private static void addNormAndActivation(List<Layer> layers, ConvArchitecture a, int channels, Activation act) {
        switch (a.normalization()) {
            case NONE -> { }
            case BATCH -> layers.add(new BatchNorm2d(channels));
            case GROUP -> layers.add(new GroupNorm(a.groups(), channels));
        }
        addActivation(layers, act);
    }

    private static void addActivation(List<Layer> layers, Activation act) {
        if (act != Activation.IDENTITY) {
            layers.add(act.layer());
        }
    }

    /**
     * The height and width of the image and after each convolution ([channels.length + 1][2]); fails naming
     * the encoder convolution that would leave no pixel.
     */
    static int[][] spatialSizes(ConvArchitecture a, Activation act, String name) {
        int[] ch = a.channels();
        int[][] sizes = new int[ch.length + 1][];
        sizes[0] = new int[] {a.image().height(), a.image().width()};
        int in = a.image().channels();
        int perConv = 1 + (a.normalization() == Normalization.NONE ? 0 : 1) + (act == Activation.IDENTITY ? 0 : 1);
        for (int i = 0; i < ch.length; i++) {
            int h = sizes[i][0];
            int w = sizes[i][1];
            int oh = a.convOutput(h);
            int ow = a.convOutput(w);
            if (oh < 1 || ow < 1) {
                throw new IllegalArgumentException(name + "." + (1 + perConv * i) + " (Conv2d " + in + "→" + ch[i] + ", kernel " + a.kernel()
                        + ", stride " + a.stride() + ", padding " + a.padding() + ") gets " + in + "×" + h + "×" + w
                        + " and would give " + oh + "×" + ow + ": image " + a.image() + " is too small for "
                        + ch.length + " such convolutions; use larger images, fewer channels entries, or a smaller"
                        + " kernel or stride");
            }
            sizes[i + 1] = new int[] {oh, ow};
            in = ch[i];
        }
        return sizes;
    }
}
