package org.latent4j.figures;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.latent4j.io.AtomicFiles;

/**
 * A figure as a PNG image in memory.
 *
 * <p>The PNG bytes are held, not the picture, so a figure can be written to a file or embedded in an
 * HTML report without drawing it again. The array is not copied (figures are large and passed along
 * read-only); do not modify it.
 *
 * @param name   a file stem such as {@code "samples"} or {@code "latent-space"}: letters, digits,
 *               '.', '_' and '-', not starting with '.' (it names a file, so no path separators)
 * @param png    the encoded PNG image
 * @param width  width of the image in pixels
 * @param height height of the image in pixels
 */
public record Figure(String name, byte[] png, int width, int height) {
    private static final Pattern STEM = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    static {
        HouseStyle.ensureHeadless();
    }

    /** Checks the name is a safe file stem and the image has a positive size. */
    public Figure {
        checkName(name);
        if (png == null || png.length == 0) {
            throw new IllegalArgumentException("figure '" + name + "': png is empty; expected the bytes of a PNG image");
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("figure '" + name + "': size " + width + "x" + height
                    + " is not positive; expected width and height >= 1");
        }
    }

    /**
     * Writes {@code dir/<name>.png} atomically (temporary file, then rename), creating {@code dir}
     * when missing, and returns the path written.
     */
    public Path write(Path dir) throws IOException {
        Path file = dir.resolve(name + ".png");
        AtomicFiles.write(file, png);
        return file;
    }

    /** Encodes a BufferedImage as PNG (lossless, so pixel values survive exactly). */
    public static Figure of(String name, BufferedImage image) {
        checkName(name);
        if (image == null) {
            throw new IllegalArgumentException("figure '" + name + "': image is null");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, image.getWidth() * image.getHeight() / 4));
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer in this Java runtime (javax.imageio)");
            }
        } catch (IOException e) {
            // Writing to a ByteArrayOutputStream cannot fail on I/O; an exception here is an encoder bug.
            throw new UncheckedIOException("encoding figure '" + name + "' as PNG", e);
        }
        return new Figure(name, bytes.toByteArray(), image.getWidth(), image.getHeight());
    }

    private static void checkName(String name) {
        if (name == null || !STEM.matcher(name).matches()) {
            throw new IllegalArgumentException("figure name '" + name
                    + "' is not a file stem; expected letters, digits, '.', '_' or '-' (e.g. \"latent-space\")");
        }
    }

    /** Equal when name, size and PNG bytes are equal, so two renderings of the same data compare equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Figure f && name.equals(f.name) && width == f.width && height == f.height
                && java.util.Arrays.equals(png, f.png);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + java.util.Arrays.hashCode(png);
    }

    @Override
    public String toString() {
        return "Figure[" + name + ".png " + width + "x" + height + ", " + png.length + " bytes]";
    }
}
