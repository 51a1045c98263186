package org.latent4j.models.networks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.latent4j.io.Json;
import org.latent4j.models.training.JsonFields;

/**
 * The convolutional part of an encoder and its mirror in a decoder: the encoder applies
 * Conv2d(c_{i-1} → c_i, kernel, stride, padding) for each entry c_i of {@code channels} (c_0 the image's
 * channels), each followed by the normalization (if any) and the model's activation, then flattens; the
 * decoder runs the same convolutions backwards as ConvTranspose2d layers, the last one back to the image's
 * channels with no normalization or activation after it (its outputs are the likelihood's logits or means).
 * See {@link ConvNetworks} for the layers and their names.
 *
 * <p>{@link #reference(ImageShape)} is the convolutional VAE of the PyTorch reference (bench/torch_vae.py
 * --arch conv): channels 32, 64, kernel 4, stride 2, padding 1, no normalization.
 *
 * @param image         the shape of one input image
 * @param channels      output channels of each convolution, in encoder order (at least one)
 * @param kernel        the square kernel size
 * @param stride        the stride
 * @param padding       zero padding on each side, at most kernel/2 (as PyTorch demands)
 * @param normalization what follows each convolution but the decoder's last
 * @param groups        the number of groups of {@link Normalization#GROUP}; must divide every entry of channels
 */
public record ConvArchitecture(ImageShape image, int[] channels, int kernel, int stride, int padding,
                               Normalization normalization, int groups) {
    /** The groups of group normalization when none is given. */
    public static final int DEFAULT_GROUPS = 8;

    public ConvArchitecture {
        require(image != null, "the image shape is required");
        require(channels != null && channels.length >= 1, "at least one convolution is required (channels, e.g. 32,64)");
        channels = channels.clone();
        for (int c : channels) {
            require(c >= 1, "channels must be >= 1, got " + Arrays.toString(channels));
        }
        require(kernel >= 1, "kernel must be >= 1, got " + kernel);
        require(stride >= 1, "stride must be >= 1, got " + stride);
        require(padding >= 0 && padding <= kernel / 2, "padding must be between 0 and kernel/2 = " + kernel / 2
                + " (for kernel " + kernel + "), got " + padding);
        require(normalization != null, "normalization is required (none, batch or group)");
        require(groups >= 1, "groups must be >= 1, got " + groups);
        if (normalization == Normalization.GROUP) {
            for (int c : channels) {
                require(c % groups == 0, "group normalization with " + groups + " groups needs channel counts divisible by "
                        + groups + ", got " + Arrays.toString(channels));
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("convolutional architecture: " + message);
        }
    }

    /** The reference convolutional VAE's layers for images of the given shape (32, 64 channels, k4 s2 p1). */
    public static ConvArchitecture reference(ImageShape image) {
        return new ConvArchitecture(image, new int[] {32, 64}, 4, 2, 1, Normalization.NONE, DEFAULT_GROUPS);
    }

    @Override
    public int[] channels() {
        return channels.clone();
    }

    /** The same layers for images of another shape. */
    public ConvArchitecture withImage(ImageShape other) {
        return new ConvArchitecture(other, channels, kernel, stride, padding, normalization, groups);
    }

    /** The spatial size after a convolution over {@code in} pixels: ⌊(in + 2·padding − kernel) / stride⌋ + 1 (may be < 1). */
    public int convOutput(int in) {
        return Math.floorDiv(in + 2 * padding - kernel, stride) + 1;
    }

    /**
     * The output padding that makes the transposed convolution from {@code convOutput(in)} pixels give back
     * exactly {@code in}: (in + 2·padding − kernel) mod stride, always below the stride.
     */
    public int outputPadding(int in) {
        return Math.floorMod(in + 2 * padding - kernel, stride);
    }

    /** A short description, e.g. {@code conv 1×28×28 →32→64 (k4 s2 p1)}. */
    public String describe() {
        StringBuilder s = new StringBuilder("conv ").append(image);
        for (int c : channels) {
            s.append(" →").append(c);
        }
        s.append(" (k").append(kernel).append(" s").append(stride).append(" p").append(padding);
        if (normalization != Normalization.NONE) {
            s.append(", ").append(normalization.id()).append(" norm");
        }
        return s.append(')').toString();
    }

    /** The architecture as the {@code conv} object of a model's config.json. */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        ArrayNode shape = o.putArray("image_shape");
        shape.add(image.channels()).add(image.height()).add(image.width());
        ArrayNode ch = o.putArray("channels");
        Arrays.stream(channels).forEach(ch::add);
        o.put("kernel", kernel);
        o.put("stride", stride);
        o.put("padding", padding);
        o.put("normalization", normalization.id());
        if (normalization == Normalization.GROUP) {
            o.put("groups", groups);
        }
        return o;
    }

    /** Reads {@link #toJson()}; errors name the source and the field. */
    public static ConvArchitecture fromJson(JsonNode node, String source) {
        JsonFields f = new JsonFields(node, source);
        int[] shape = f.intArray("image_shape");
        if (shape.length != 3) {
            throw new IllegalArgumentException(source + ": field 'image_shape' should be [channels, height, width], got "
                    + Arrays.toString(shape));
        }
        Normalization norm = Normalization.parse(f.text("normalization"));
        int groups = norm == Normalization.GROUP ? f.integer("groups") : DEFAULT_GROUPS;
        try {
            return new ConvArchitecture(new ImageShape(shape[0], shape[1], shape[2]), f.intArray("channels"),
                    f.integer("kernel"), f.integer("stride"), f.integer("padding"), norm, groups);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConvArchitecture c && toJson().equals(c.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "ConvArchitecture" + toJson();
    }
}
