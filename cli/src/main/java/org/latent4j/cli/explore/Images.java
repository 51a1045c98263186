package org.latent4j.cli.explore;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * One row of values in [0, 1] as a grey PNG of its image shape (a colour image as its channels one under the
 * other, as the run's figures draw it), in a {@code data:} URL the page can show directly. Values outside
 * [0, 1] (a Gaussian decoder's mean) are clipped; a grey level is round(255·v).
 */
final class Images {
    private Images() {}

    /** The grey level of a value: round(255·v) after clipping to [0, 1]. */
    static int grey(float v) {
        float c = v < 0 ? 0 : v > 1 ? 1 : v;
        return Math.round(255 * c);
    }

    /** Row {@code row} of {@code x} (rows of height·width values) as a PNG data URL. */
    static String pngDataUrl(float[] x, int row, int height, int width) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int base = row * height * width;
        for (int i = 0; i < height * width; i++) {
            pixels[i] = (byte) grey(x[base + i]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a PNG in memory", e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
