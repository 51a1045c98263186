package org.latent4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

import org.latent4j.figures.Figure;

/** Small real PNG figures drawn with plain Java2D, so the report tests need nothing else. */
final class TestFigures {
    /** The colour that fills the plot area of {@link #chart}, so a screenshot can be searched for it. */
    static final Color PLOT = new Color(0x1f, 0x5f, 0xa8);

    private TestFigures() {}

    /** A chart-like figure: a frame, a filled plot area and a falling curve. */
    static Figure chart(String name, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(PLOT);
        g.fillRect(width / 8, height / 8, width * 3 / 4, height * 3 / 4);
        g.setColor(new Color(0xe6, 0x9f, 0x00));
        g.setStroke(new BasicStroke(3f));
        int px = -1;
        int py = -1;
        for (int x = width / 8; x < width * 7 / 8; x += 4) {
            int y = height / 8 + (int) (height * 0.7 * (1 - Math.exp(-(x - width / 8.0) / (width / 6.0))));
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
        g.dispose();
        return Figure.of(name, img);
    }

    /** An image grid: n×n tiles of random grey levels, like a grid of samples, one pixel per value. */
    static Figure grid(String name, int tiles, int size) {
        int side = tiles * (size + 2);
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        java.util.Random rnd = new java.util.Random(7);
        for (int ty = 0; ty < tiles; ty++) {
            for (int tx = 0; tx < tiles; tx++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        int v = (int) (255 * Math.abs(Math.sin((x + tx) * 0.4) * Math.cos((y + ty) * 0.3)) * 0.8
                                + rnd.nextInt(50));
                        img.getRaster().setSample(tx * (size + 2) + x, ty * (size + 2) + y, 0, Math.min(255, v));
                    }
                }
            }
        }
        return Figure.of(name, img);
    }
}
