package org.latent4j.figures;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.List;

/**
 * Image grids drawn pixel by pixel (no chart library: every pixel value is exact). Grey levels are in
 * [0, 1] (0 black, 1 white), each image h×w row-major; values outside [0, 1] are clipped and NaN is
 * drawn as 0. Tiles are separated by {@value #GAP}-pixel dark gaps, so white images stand apart.
 */
public final class ImageGrids {
    /** Gap between tiles and around the grid, in pixels. */
    public static final int GAP = 2;
    /** Space between a row label and the image area and around the label, in pixels. */
    static final int LABEL_PAD = 8;
    private static final int LABEL_BACKGROUND = 255;
    private static final java.awt.Color LABEL_TEXT = new java.awt.Color(0x22, 0x22, 0x22);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    static {
        HouseStyle.ensureHeadless();
    }

    private ImageGrids() {}

    /**
     * n tiles, {@code columns} per row (fewer when n is smaller), each pixel drawn scale×scale,
     * 2-pixel gaps. The image is {@code cols·(w·scale + 2) + 2} wide and {@code rows·(h·scale + 2) + 2}
     * high.
     *
     * @param pixels at least n·h·w grey levels, image k at offset k·h·w
     */
    public static Figure grid(String name, float[] pixels, int n, int h, int w, int columns, int scale) {
        checkShape(h, w, scale);
        if (n < 1 || columns < 1) {
            throw new IllegalArgumentException("image grid: n=" + n + ", columns=" + columns + "; expected both >= 1");
        }
        long need = (long) n * h * w;
        if (pixels == null || pixels.length < need) {
            throw new IllegalArgumentException("image grid: pixels has " + (pixels == null ? "null" : pixels.length)
                    + " values; expected n·h·w = " + n + "·" + h + "·" + w + " = " + need);
        }
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int tileW = w * scale, tileH = h * scale;
        BufferedImage img = new BufferedImage(checkedSize(cols, tileW + GAP, GAP), checkedSize(rows, tileH + GAP, GAP),
                BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = img.getRaster();
        int[] line = new int[tileW];
        for (int k = 0; k < n; k++) {
            drawTile(raster, pixels, k * h * w, h, w, scale, GAP + (k % cols) * (tileW + GAP),
                    GAP + (k / cols) * (tileH + GAP), line);
        }
        return Figure.of(name, img);
    }

    /**
     * Rows of images with a text label left of each row (e.g. "original", "reconstruction", "z1").
     * The label margin is as wide as the longest label plus padding, white with dark anti-aliased
     * text; the image area right of it is laid out as in {@link #grid} with {@code perRow} tiles per row.
     *
     * @param rows   one array per row, holding between 1 and perRow images of h·w values
     * @param labels one label per row
     */
    public static Figure labelledRows(String name, List<float[]> rows, List<String> labels, int perRow, int h, int w,
                                      int scale) {
        checkShape(h, w, scale);
        if (perRow < 1) {
            throw new IllegalArgumentException("labelled rows: perRow=" + perRow + "; expected at least 1");
        }
        if (rows == null || labels == null || rows.isEmpty() || rows.size() != labels.size()) {
            throw new IllegalArgumentException("labelled rows: rows has " + (rows == null ? "null" : rows.size())
                    + " entries and labels " + (labels == null ? "null" : labels.size())
                    + "; expected the same positive number");
        }
        int d = h * w;
        for (int r = 0; r < rows.size(); r++) {
            float[] row = rows.get(r);
            if (row == null || row.length == 0 || row.length % d != 0 || row.length / d > perRow) {
                throw new IllegalArgumentException("labelled rows: rows[" + r + "] has "
                        + (row == null ? "null" : row.length) + " values; expected a multiple of h·w = " + d
                        + " holding 1 to perRow = " + perRow + " images");
            }
            if (labels.get(r) == null) {
                throw new IllegalArgumentException("labelled rows: labels[" + r + "] is null; expected a text (may be empty)");
            }
        }
        int margin = labelMargin(labels);
        int tileW = w * scale, tileH = h * scale;
        BufferedImage img = new BufferedImage(margin + checkedSize(perRow, tileW + GAP, GAP),
                checkedSize(rows.size(), tileH + GAP, GAP), BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = img.getRaster();
        int[] white = new int[margin];
        java.util.Arrays.fill(white, LABEL_BACKGROUND);
        for (int y = 0; y < img.getHeight(); y++) {
            raster.setPixels(0, y, margin, 1, white);
        }
        int[] line = new int[tileW];
        for (int r = 0; r < rows.size(); r++) {
            float[] row = rows.get(r);
            for (int k = 0; k < row.length / d; k++) {
                drawTile(raster, row, k * d, h, w, scale, margin + GAP + k * (tileW + GAP), GAP + r * (tileH + GAP), line);
            }
        }
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setFont(LABEL_FONT);
            g.setColor(LABEL_TEXT);
            FontMetrics fm = g.getFontMetrics();
            for (int r = 0; r < rows.size(); r++) {
                int centre = GAP + r * (tileH + GAP) + tileH / 2;
                int baseline = centre + (fm.getAscent() - fm.getDescent()) / 2;
                g.drawString(labels.get(r), LABEL_PAD, baseline);
            }
        } finally {
            g.dispose();
        }
        return Figure.of(name, img);
    }

    /** Height and width of a square image of d pixels (e.g. 784 -> 28×28), or null when d is not a square. */
    public static int[] squareShape(int d) {
        if (d < 1) {
            return null;
        }
        int s = (int) Math.round(Math.sqrt(d));
        return (long) s * s == d ? new int[] {s, s} : null;
    }

    /** Width of the white margin that holds the row labels: the widest label plus padding on both sides. */
    static int labelMargin(List<String> labels) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = scratch.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            FontMetrics fm = g.getFontMetrics(LABEL_FONT);
            int widest = 0;
            for (String label : labels) {
                widest = Math.max(widest, fm.stringWidth(label));
            }
            return widest + 2 * LABEL_PAD;
        } finally {
            g.dispose();
        }
    }

    private static void drawTile(WritableRaster raster, float[] pixels, int offset, int h, int w, int scale,
                                 int x0, int y0, int[] line) {
        for (int iy = 0; iy < h; iy++) {
            for (int ix = 0; ix < w; ix++) {
                int g = grey(pixels[offset + iy * w + ix]);
                for (int s = 0; s < scale; s++) {
                    line[ix * scale + s] = g;
                }
            }
            for (int s = 0; s < scale; s++) {
                raster.setPixels(x0, y0 + iy * scale + s, w * scale, 1, line);
            }
        }
    }

    /** Grey level 0..255 of a value in [0, 1]; clipped, NaN as 0. */
    static int grey(float v) {
        float c = Float.isNaN(v) ? 0f : Math.min(1f, Math.max(0f, v));
        return Math.round(c * 255f);
    }

    private static void checkShape(int h, int w, int scale) {
        if (h < 1 || w < 1 || scale < 1) {
            throw new IllegalArgumentException("image grid: h=" + h + ", w=" + w + ", scale=" + scale + "; expected all >= 1");
        }
    }

    private static int checkedSize(int count, int step, int extra) {
        long size = (long) count * step + extra;
        if (size > 32_000) {
            throw new IllegalArgumentException("image grid: " + count + " tiles of " + (step - GAP)
                    + " pixels make an image " + size + " pixels across; expected at most 32000 (use fewer tiles or a smaller scale)");
        }
        return (int) size;
    }
}
