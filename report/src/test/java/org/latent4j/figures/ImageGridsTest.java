package org.latent4j.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageGridsTest {

    private static int grey(BufferedImage img, int x, int y) {
        return img.getRaster().getSample(x, y, 0);
    }

    @Test
    void gridPlacesTilesExactlyWithDarkGaps() {
        int h = 2, w = 3, scale = 2, n = 3;
        float[] px = new float[n * h * w];
        Arrays.fill(px, 0, 6, 1f);                       // tile 0 white
        for (int i = 0; i < 6; i++) {
            px[6 + i] = i / 5f;                          // tile 1 a ramp
        }
        Arrays.fill(px, 12, 18, 0.5f);                   // tile 2 mid grey
        BufferedImage img = PngAssert.decode(ImageGrids.grid("g", px, n, h, w, 2, scale));
        int tileW = w * scale + 2, tileH = h * scale + 2;
        assertEquals(2 * tileW + 2, img.getWidth());
        assertEquals(2 * tileH + 2, img.getHeight());
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int tx = (x - 2) / tileW, ty = (y - 2) / tileH;
                int ox = (x - 2) % tileW, oy = (y - 2) % tileH;
                boolean inTile = x >= 2 && y >= 2 && ox < w * scale && oy < h * scale;
                int k = ty * 2 + tx;
                int expected;
                if (!inTile || k >= n) {
                    expected = 0;                        // gaps and the empty fourth slot are dark
                } else {
                    expected = ImageGrids.grey(px[k * h * w + (oy / scale) * w + ox / scale]);
                }
                assertEquals(expected, grey(img, x, y), "pixel (" + x + ", " + y + ")");
            }
        }
        assertEquals(255, grey(img, 2, 2));
        assertEquals(255, grey(img, 2 + w * scale - 1, 2 + h * scale - 1));
        assertEquals(0, grey(img, 2 + w * scale, 2));
        assertEquals(128, grey(img, 2, 2 + tileH));
        // Ramp tile: pixel (ix=2, iy=1) = 5/5 = 1 -> 255, drawn at scale 2.
        assertEquals(255, grey(img, 2 + tileW + 2 * scale + 1, 2 + scale + 1));
        assertEquals(51, grey(img, 2 + tileW + scale, 2));
    }

    @Test
    void gridClipsAndDrawsNaNAsBlack() {
        float[] px = {-1f, 2f, Float.NaN, 0.5f};
        BufferedImage img = PngAssert.decode(ImageGrids.grid("c", px, 1, 2, 2, 8, 1));
        assertEquals(6, img.getWidth(), "columns are capped at n");
        assertEquals(0, grey(img, 2, 2));
        assertEquals(255, grey(img, 3, 2));
        assertEquals(0, grey(img, 2, 3));
        assertEquals(128, grey(img, 3, 3));
    }

    @Test
    void gridRejectsBadInput() {
        var e = assertThrows(IllegalArgumentException.class, () -> ImageGrids.grid("g", new float[4], 0, 2, 2, 1, 1));
        assertTrue(e.getMessage().contains("n=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageGrids.grid("g", new float[7], 2, 2, 2, 1, 1));
        assertTrue(e.getMessage().contains("pixels has 7") && e.getMessage().contains("8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageGrids.grid("g", new float[4], 1, 2, 2, 1, 0));
        assertTrue(e.getMessage().contains("scale=0"), e.getMessage());
    }

    @Test
    void labelledRowsAddALabelMarginLeftOfTheTiles() {
        int h = 28, w = 28, scale = 2, perRow = 4;
        float[] originals = new float[perRow * h * w];
        Arrays.fill(originals, 1f);
        float[] recon = new float[2 * h * w];            // a shorter row: two images, then dark slots
        Arrays.fill(recon, 0.5f);
        List<String> labels = List.of("original", "reconstruction");
        BufferedImage img = PngAssert.decode(ImageGrids.labelledRows("recon", List.of(originals, recon), labels,
                perRow, h, w, scale));
        int margin = ImageGrids.labelMargin(labels);
        assertTrue(margin > 2 * ImageGrids.LABEL_PAD + 40, "margin fits the text: " + margin);
        int tileW = w * scale + 2, tileH = h * scale + 2;
        assertEquals(margin + perRow * tileW + 2, img.getWidth());
        assertEquals(2 * tileH + 2, img.getHeight());
        // First tile of row 0 starts right after the margin and its gap.
        assertEquals(0, grey(img, margin, 2));
        assertEquals(255, grey(img, margin + 2, 2));
        assertEquals(255, grey(img, margin + 2 + w * scale - 1, 2 + h * scale - 1));
        assertEquals(128, grey(img, margin + 2, 2 + tileH));
        assertEquals(0, grey(img, margin + 2 + 2 * tileW, 2 + tileH), "missing third image of row 1 is dark");
        // The label is drawn: dark text pixels inside the white margin on each row.
        for (int r = 0; r < 2; r++) {
            int dark = 0;
            for (int y = 2 + r * tileH; y < 2 + r * tileH + h * scale; y++) {
                for (int x = 0; x < margin; x++) {
                    if (grey(img, x, y) < 100) {
                        dark++;
                    }
                }
            }
            assertTrue(dark > 20, "label of row " + r + " drawn (" + dark + " dark pixels)");
        }
        assertEquals(255, grey(img, 1, 1), "margin background is white");
    }

    @Test
    void labelledRowsRejectsBadInput() {
        float[] one = new float[4];
        var e = assertThrows(IllegalArgumentException.class,
                () -> ImageGrids.labelledRows("r", List.of(one), List.of("a", "b"), 2, 2, 2, 1));
        assertTrue(e.getMessage().contains("rows has 1") && e.getMessage().contains("labels 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ImageGrids.labelledRows("r", List.of(new float[12]), List.of("a"), 2, 2, 2, 1));
        assertTrue(e.getMessage().contains("rows[0] has 12"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ImageGrids.labelledRows("r", List.of(new float[5]), List.of("a"), 2, 2, 2, 1));
        assertTrue(e.getMessage().contains("rows[0] has 5"), e.getMessage());
    }

    @Test
    void squareShape() {
        assertArrayEquals(new int[] {28, 28}, ImageGrids.squareShape(784));
        assertArrayEquals(new int[] {1, 1}, ImageGrids.squareShape(1));
        assertNull(ImageGrids.squareShape(785));
        assertNull(ImageGrids.squareShape(0));
        assertNull(ImageGrids.squareShape(-4));
    }
}
