package org.latent4j.cli.vae;

import org.latent4j.cli.console.Usage;
import org.latent4j.data.Dataset;
import org.latent4j.models.networks.ConvArchitecture;
import org.latent4j.models.networks.ImageShape;
import org.latent4j.models.networks.Normalization;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The network options of {@code train vae} and {@code train autoencoder} (a picocli mixin): {@code --arch mlp}
 * (multilayer perceptrons, {@code --hidden} widths) or {@code --arch conv} (convolutions, with the reference
 * ConvVAE's layers as defaults: {@code --channels 32,64 --kernel 4 --stride 2 --padding 1}).
 */
public final class ArchitectureOptions {
    @Option(names = "--arch", defaultValue = "mlp", description = "Network: mlp or conv (default ${DEFAULT-VALUE}).")
    String arch;
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

    /** True for {@code --arch conv}; a value other than mlp or conv is a usage error. */
    boolean isConv() {
        return switch (arch) {
            case "mlp" -> false;
            case "conv" -> true;
            default -> throw Usage.error(command, "--arch: expected mlp or conv, got '" + arch + "'");
        };
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
