package org.latent4j.cli.vae;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.latent4j.io.AtomicFiles;

/**
 * Writes rows of grey levels in [0, 1] (each row an h×w image, row-major) as one PNG grid, with a
 * 2-pixel dark gap between tiles. Values outside [0, 1] are clipped.
 */
public final class ImageGrid {
    private static final int GAP = 2;

    private ImageGrid() {}

    /**
     * @param pixels  n images of h·w values each
     * @param columns tiles per grid row
     * @param scale   each pixel drawn as scale×scale
     */
    public static void write(Path file, float[] pixels, int n, int h, int w, int columns, int scale) throws IOException {
        if (h < 1 || w < 1 || n < 1 || columns < 1 || scale < 1 || pixels.length < n * h * w) {
            throw new IllegalArgumentException("image grid: need n, height, width, columns, scale >= 1 and n·h·w values; got n="
                    + n + " h=" + h + " w=" + w + " columns=" + columns + " scale=" + scale + " values=" + pixels.length);
        }
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int tileW = w * scale, tileH = h * scale;
        BufferedImage img = new BufferedImage(cols * (tileW + GAP) + GAP, rows * (tileH + GAP) + GAP,
                BufferedImage.TYPE_BYTE_GRAY);
        var raster = img.getRaster();
        for (int k = 0; k < n; k++) {
            int x0 = GAP + (k % cols) * (tileW + GAP);
            int y0 = GAP + (k / cols) * (tileH + GAP);
            for (int y = 0; y < tileH; y++) {
                for (int x = 0; x < tileW; x++) {
                    float v = pixels[k * h * w + (y / scale) * w + x / scale];
                    int g = Math.round(Math.min(1f, Math.max(0f, Float.isNaN(v) ? 0f : v)) * 255f);
                    raster.setSample(x0 + x, y0 + y, 0, g);
                }
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", bytes)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /** Height and width of a square image of {@code d} pixels, or null when d is not a square. */
    public static int[] squareShape(int d) {
        int s = (int) Math.round(Math.sqrt(d));
        return s * s == d ? new int[] {s, s} : null;
    }
}
