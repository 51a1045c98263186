package org.latent4j.data;

/**
 * How {@link ImageFolder} turns a folder of PNG and JPEG files into a data set.
 *
 * @param channels     1 (grey: colour converted with the BT.601 luma weights 0.299 R + 0.587 G + 0.114 B) or
 *                     3 (RGB: grey replicated into the three channels); alpha is dropped
 * @param height       the images' height after resizing, or 0 to keep the files' own size (then every file
 *                     must have the same size)
 * @param width        the images' width after resizing, or 0 (as height)
 * @param centreCrop   cut the largest centred region of the target's aspect ratio before resizing (needs a size);
 *                     otherwise the whole image is resized and its aspect ratio may change
 * @param testFraction the share of the files held out as the test split (0 &lt; f &lt; 1), or 0 for no fraction
 *                     split (a {@code train/} and {@code test/} folder pair, or no test split)
 * @param seed         the seed of the fraction split's shuffle
 * @param skipBad      skip unreadable, truncated or non-image files with a warning instead of failing
 * @param maxBytes     the most memory the decoded pixels may take (4 bytes a value); a folder that needs more
 *                     is refused before anything is decoded
 */
public record ImageFolderOptions(int channels, int height, int width, boolean centreCrop, double testFraction,
                                 long seed, boolean skipBad, long maxBytes) {

    public ImageFolderOptions {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        if (height < 0 || width < 0 || (height == 0) != (width == 0)) {
            throw new IllegalArgumentException("image size must be HEIGHTxWIDTH with both above 0, got " + height + "x" + width);
        }
        if (centreCrop && height == 0) {
            throw new IllegalArgumentException("crop=center needs a size to crop to (size=HEIGHTxWIDTH)");
        }
        if (!(testFraction == 0 || testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must lie strictly between 0 and 1 (e.g. 0.1), got " + testFraction);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the memory limit must be positive, got " + maxBytes);
        }
    }

    /** Grey, the files' own size, no test split, seed 1, bad files an error, half the heap for the pixels. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the images are resized to a fixed size. */
    public boolean resizes() {
        return height > 0;
    }

    /** Half of the JVM's maximum heap: the rest is left for the model and its training. */
    public static long defaultMaxBytes() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    /** Builds {@link ImageFolderOptions}. */
    public static final class Builder {
        private int channels = 1;
        private int height;
        private int width;
        private boolean centreCrop;
        private double testFraction;
        private long seed = 1;
        private boolean skipBad;
        private long maxBytes = defaultMaxBytes();

        private Builder() {}

        public Builder channels(int c) { this.channels = c; return this; }
        public Builder size(int h, int w) { this.height = h; this.width = w; return this; }
        public Builder centreCrop(boolean on) { this.centreCrop = on; return this; }
        public Builder testFraction(double f) { this.testFraction = f; return this; }
        public Builder seed(long s) { this.seed = s; return this; }
        public Builder skipBad(boolean on) { this.skipBad = on; return this; }
        public Builder maxBytes(long b) { this.maxBytes = b; return this; }

        public ImageFolderOptions build() {
            return new ImageFolderOptions(channels, height, width, centreCrop, testFraction, seed, skipBad, maxBytes);
        }
    }
}
