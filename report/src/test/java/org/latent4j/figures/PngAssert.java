package org.latent4j.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Decodes figures in tests and, when -Dfigures.preview=DIR is given, writes them there to look at. */
final class PngAssert {
    private PngAssert() {}

    /** Decodes the PNG, checks it matches the figure's stated size, and returns it. */
    static BufferedImage decode(Figure f) {
        try {
            String preview = System.getProperty("figures.preview");
            if (preview != null && !preview.isBlank()) {
                f.write(Path.of(preview));
            }
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(f.png()));
            assertNotNull(img, "PNG of " + f.name() + " does not decode");
            assertEquals(f.width(), img.getWidth(), "width of " + f.name());
            assertEquals(f.height(), img.getHeight(), "height of " + f.name());
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of pixels within maxDistance (Euclidean, in RGB units) of colour c. */
    static int countNear(BufferedImage img, Color c, double maxDistance) {
        int count = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                double dr = ((rgb >> 16) & 0xFF) - c.getRed();
                double dg = ((rgb >> 8) & 0xFF) - c.getGreen();
                double db = (rgb & 0xFF) - c.getBlue();
                if (Math.sqrt(dr * dr + dg * dg + db * db) <= maxDistance) {
                    count++;
                }
            }
        }
        return count;
    }

    /** c drawn with alpha over white, as the chart's translucent markers appear on the white plot. */
    static Color overWhite(Color c, double alpha) {
        return new Color(blend(c.getRed(), alpha), blend(c.getGreen(), alpha), blend(c.getBlue(), alpha));
    }

    private static int blend(int v, double alpha) {
        return (int) Math.round(alpha * v + (1 - alpha) * 255);
    }
}
