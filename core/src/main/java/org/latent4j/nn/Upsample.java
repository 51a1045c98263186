package org.latent4j.nn;

import java.util.Arrays;
import org.latent4j.tensor.Resampling;
import org.latent4j.tensor.Tensor;

/**
 * Upsampling of NCHW inputs by a whole scale factor, as PyTorch's {@code nn.Upsample(scale_factor=s,
 * mode=...)}; bilinear uses {@code align_corners=False}, PyTorch's default. See {@link Resampling}.
 */
public final class Upsample extends Layer {
    /** How output pixels are computed from the input's. */
    public enum Mode {
        /** Each input pixel repeated into an s×s block. */
        NEAREST,
        /** Bilinear interpolation between the four nearest pixel centres. */
        BILINEAR
    }

    private final int scale;
    private final Mode mode;

    public Upsample(int scale, Mode mode) {
        if (scale < 1) {
            throw new IllegalArgumentException("Upsample: scale factor must be a whole number >= 1, got " + scale);
        }
        if (mode == null) {
            throw new IllegalArgumentException("Upsample: mode must be NEAREST or BILINEAR, got null");
        }
        this.scale = scale;
        this.mode = mode;
    }

    /** The output length along one axis: {@code in · scale}. */
    public static int outputSize(int in, int scale) {
        return in * scale;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException(this + ": input shape " + Arrays.toString(x.shape())
                    + " does not fit; expected [N, C, H, W]");
        }
        return mode == Mode.NEAREST ? Resampling.upsampleNearest(x, scale, scale) : Resampling.upsampleBilinear(x, scale, scale);
    }

    @Override
    public String toString() {
        return "Upsample(scale " + scale + ", " + mode.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
