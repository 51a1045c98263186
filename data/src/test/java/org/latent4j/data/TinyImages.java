package org.latent4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small PNG and JPEG files with known pixels, written with ImageIO for the image-folder tests. */
final class TinyImages {
    private TinyImages() {}

    /** A grey 8-bit PNG, h rows of w values 0..255 (row-major). */
    static Path grey(Path file, int h, int w, int... values) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < h * w; i++) {
            img.getRaster().setSample(i % w, i / w, 0, values[i]);
        }
        return write(img, "png", file);
    }

    /** An RGB PNG, h rows of w pixels 0xRRGGBB (row-major). */
    static Path rgb(Path file, int h, int w, int... rgb) {
        return write(colour(h, w, BufferedImage.TYPE_INT_RGB, rgb), "png", file);
    }

    /** A grey PNG of one value everywhere. */
    static Path flat(Path file, int h, int w, int value) {
        int[] v = new int[h * w];
        java.util.Arrays.fill(v, value);
        return grey(file, h, w, v);
    }

    static BufferedImage colour(int h, int w, int type, int... argb) {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int i = 0; i < h * w; i++) {
            img.setRGB(i % w, i / w, argb[i]);
        }
        return img;
    }

    static Path write(BufferedImage img, String format, Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(img, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format + " of image type " + img.getType());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of an image written in the format. */
    static byte[] bytes(BufferedImage img, String format) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ImageIO.write(img, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
