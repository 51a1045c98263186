package org.latent4j.cli.vae;

import org.latent4j.cli.console.Usage;
import org.latent4j.data.Dataset;
import org.latent4j.data.series.SequenceShape;
import org.latent4j.models.networks.ConvArchitecture;
import org.latent4j.models.networks.ImageShape;
import org.latent4j.models.networks.Normalization;
import org.latent4j.models.networks.RecurrentArchitecture;
import org.latent4j.models.networks.RecurrentCell;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The network options of {@code train vae} and {@code train autoencoder} (a picocli mixin): {@code --arch mlp}
 * (multilayer perceptrons, {@code --hidden} widths), {@code --arch conv} (convolutions, with the reference
 * ConvVAE's layers as defaults: {@code --channels 32,64 --kernel 4 --stride 2 --padding 1}) or, for a VAE,
 * {@code --arch lstm|gru} (a sequence VAE over the data's time steps: {@code --hidden 256 --layers 1},
 * {@code --bidirectional}, {@code --autoregressive}, {@code --input-dropout}).
 */
public final class ArchitectureOptions {
    @Option(names = "--arch", defaultValue = "mlp", description = "Network: mlp, conv, or (VAE) lstm, gru (default ${DEFAULT-VALUE}).")
    String arch;
    @Option(names = "--layers", defaultValue = "1", description = "lstm/gru: stacked recurrent layers (default ${DEFAULT-VALUE}).")
    int layers;
    @Option(names = "--bidirectional", description = "lstm/gru: the encoder also reads the steps backwards.")
    boolean bidirectional;
    @Option(names = "--autoregressive", description = "lstm/gru: the decoder also reads the previous step (teacher forcing"
            + " in training, step-by-step sampling).")
    boolean autoregressive;
    @Option(names = "--input-dropout", defaultValue = "0", paramLabel = "P",
            description = "lstm/gru --autoregressive: probability of hiding the previous step in training (default ${DEFAULT-VALUE}).")
    double inputDropout;
    @Option(names = "--steps", paramLabel = "T", description = "lstm/gru: time steps per row (default: the data's, e.g."
            + " the window of series data, 28 rows of a Fashion-MNIST image).")
    Integer steps;
    @Option(names = "--channels", defaultValue = "32,64", split = ",", paramLabel = "C1,C2,...",
            description = "conv: output channels of each convolution (default ${DEFAULT-VALUE}).")
    int[] channels;
    @Option(names = "--kernel", defaultValue = "4", description = "conv: kernel size (default ${DEFAULT-VALUE}).")
    int kernel;
    @Option(names = "--stride", defaultValue = "2", description = "conv: stride (default ${DEFAULT-VALUE}).")
    int stride;
    @Option(names = "--padding", defaultValue = "1", description = "conv: zero padding, at most kernel/2 (default ${DEFAULT-VALUE}).")
    int padding;
    @Option(names = "--norm", defaultValue = "none",
            description = "conv: normalization after each convolution: none, batch, group (default ${DEFAULT-VALUE}).")
    String norm;
    @Option(names = "--groups", defaultValue = "8", description = "conv: groups of --norm group (default ${DEFAULT-VALUE}).")
    int groups;
    @Option(names = "--image-shape", paramLabel = "C,H,W",
            description = "conv: channels, height and width of an image (default: the data's, e.g. 1,28,28 for Fashion-MNIST).")
    String imageShape;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** True for {@code --arch conv}; a value other than mlp, conv, lstm or gru is a usage error. */
    boolean isConv() {
        return switch (arch) {
            case "mlp", "lstm", "gru" -> false;
            case "conv" -> true;
            default -> throw Usage.error(command, "--arch: expected mlp, conv, lstm or gru, got '" + arch + "'");
        };
    }

    /** True for {@code --arch lstm} or {@code gru}. */
    boolean isRecurrent() {
        isConv(); // refuses unknown values
        return arch.equals("lstm") || arch.equals("gru");
    }

    /**
     * The recurrent layers for {@code data} with the given {@code --hidden} (null: 256), or null unless {@code --arch}
     * is lstm or gru. The steps are {@code --steps}, else the data's {@code shape} (series windows; grey images one
     * row per step; null when the data are not sequences).
     */
    RecurrentArchitecture recurrent(Dataset data, SequenceShape shape, int[] hidden) {
        if (!isRecurrent()) {
            return null;
        }
        if (hidden != null && hidden.length != 1) {
            throw Usage.error(command, "--hidden: --arch " + arch + " takes one hidden size (of every recurrent layer), got "
                    + hidden.length + " values");
        }
        int t;
        if (steps != null) {
            t = steps;
            if (t < 1 || data.cols() % t != 0) {
                throw Usage.error(command, "--steps: the rows of " + data.name() + " have " + data.cols()
                        + " values, which " + t + " steps do not divide evenly");
            }
        } else if (shape != null) {
            t = shape.steps();
        } else {
            throw Usage.error(command, "--arch " + arch + " needs sequences: " + data.name() + " records no time steps; give"
                    + " --steps T (T divides the " + data.cols() + " values of a row, time-major)");
        }
        int h = hidden == null ? RecurrentArchitecture.DEFAULT_HIDDEN : hidden[0];
        if (!autoregressive && inputDropout != 0) {
            throw Usage.error(command, "--input-dropout needs --autoregressive (it hides the previous step from the decoder)");
        }
        return Usage.option(command, "--hidden/--layers/--input-dropout", () -> new RecurrentArchitecture(
                RecurrentCell.parse(arch), t, data.cols() / t, h, layers, bidirectional, autoregressive, inputDropout));
    }

    /** The convolutional layers for {@code data}, or null for {@code --arch mlp}; bad values are usage errors naming the option. */
    ConvArchitecture conv(Dataset data) {
        if (!isConv()) {
            return null;
        }
        ImageShape image;
        if (imageShape != null) {
            image = Usage.option(command, "--image-shape", () -> ImageShape.parse(imageShape));
            if (image.size() != data.cols()) {
                throw Usage.error(command, "--image-shape: " + image + " holds " + image.size() + " values, but the rows of "
                        + data.name() + " have " + data.cols());
            }
        } else if (data.isImage()) {
            image = new ImageShape(data.channels(), data.height(), data.width());
        } else {
            throw Usage.error(command, "--arch conv needs images: " + data.name() + " records no image shape; give"
                    + " --image-shape C,H,W (channels·height·width = " + data.cols() + ")");
        }
        Normalization n = Usage.option(command, "--norm", () -> Normalization.parse(norm));
        return Usage.option(command, "--channels/--kernel/--stride/--padding/--groups",
                () -> new ConvArchitecture(image, channels, kernel, stride, padding, n, groups));
    }
}
