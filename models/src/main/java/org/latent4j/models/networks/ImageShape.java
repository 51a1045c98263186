package org.latent4j.models.networks;

/**
 * The shape of one image, channels × height × width (NCHW without the N). A data row of width
 * channels·height·width holds the image channel by channel, each channel row by row.
 */
public record ImageShape(int channels, int height, int width) {
    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels + "×" + height + "×" + width
                    + " (channels×height×width)");
        }
    }

    /** channels·height·width, the width of a data row. */
    public int size() {
        return channels * height * width;
    }

    /** Parses {@code C,H,W} (e.g. {@code 1,28,28}). */
    public static ImageShape parse(String s) {
        String[] parts = s.trim().split("\\s*[,x×]\\s*");
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected an image shape C,H,W (channels, height, width, e.g. 1,28,28), got '" + s + "'");
        }
        try {
            return new ImageShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an image shape C,H,W of integers (e.g. 1,28,28), got '" + s + "'");
        }
    }

    @Override
    public String toString() {
        return channels + "×" + height + "×" + width;
    }
}
