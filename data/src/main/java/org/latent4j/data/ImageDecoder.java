package org.latent4j.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one PNG or JPEG file (recognised by its content, whatever its name) with javax.imageio into a
 * data set row: channels-first floats in [0, 1], resized to a fixed size when one is set.
 *
 * <p>Pixel values are taken as stored (no colour management, as PIL and torchvision read them): 8-bit
 * samples are divided by 255, 16-bit ones by 65535, palette entries looked up. Colour becomes grey by the
 * ITU-R BT.601 luma weights 0.299 R + 0.587 G + 0.114 B (a pixel with R = G = B keeps its value exactly);
 * grey becomes RGB by replication; an alpha channel is dropped (transparent pixels keep their colour, they
 * are not blended onto a background). Resizing is {@link ResampleAxis}'s: area averaging when shrinking,
 * bilinear when enlarging.
 *
 * <p>Every failure is a {@link BadDataException} naming the file and what is wrong: not a PNG or JPEG,
 * damaged or truncated data (including the JPEG decoder's warnings, such as a premature end of the file,
 * which would otherwise leave grey rows), a size other than the folder's, more than
 * {@value #MAX_SOURCE_PIXELS} pixels.
 */
final class ImageDecoder {
    /** The most pixels a source image may have (2^26, e.g. 8192 × 8192): its decoded form must fit in memory. */
    static final long MAX_SOURCE_PIXELS = 1L << 26;

    private final int channels;
    private final int height;
    private final int width;
    private final boolean centreCrop;

    /**
     * @param channels   1 or 3
     * @param height     the output height, or 0 to keep each file's own height (which must then equal
     *                   {@code expectHeight} of {@link #decode})
     * @param width      the output width, or 0 (as height)
     * @param centreCrop crop to the output's aspect ratio before resizing
     */
    ImageDecoder(int channels, int height, int width, boolean centreCrop) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.centreCrop = centreCrop;
    }

    /** The file's width and height from its header, without decoding the pixels. */
    static int[] size(Path file) throws BadDataException {
        try (ImageInputStream in = open(file)) {
            ImageReader reader = reader(file, in);
            try {
                return checkedSize(file, reader);
            } finally {
                reader.dispose();
            }
        } catch (BadDataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BadDataException(file.toString(), "damaged image header (" + describe(e) + ")", e);
        }
    }

    /**
     * Decodes the file into {@code dst[offset, offset + channels·h·w)}, where h × w is the output size, or the
     * file's own size when no size is set (it must then be expectHeight × expectWidth).
     */
    void decode(Path file, float[] dst, int offset, int expectHeight, int expectWidth) throws BadDataException {
        BufferedImage img;
        String format = "PNG or JPEG";
        try (ImageInputStream in = open(file)) {
            ImageReader reader = reader(file, in);
            format = reader.getFormatName().toUpperCase(Locale.ROOT);
            try {
                int[] wh = checkedSize(file, reader);
                if (height == 0 && (wh[0] != expectWidth || wh[1] != expectHeight)) {
                    throw new BadDataException(file.toString(), "is " + wh[1] + "x" + wh[0] + " pixels (height x width),"
                            + " the folder's first image " + expectHeight + "x" + expectWidth + "; give a size to resize"
                            + " every image to (size=HEIGHTxWIDTH)");
                }
                java.util.Set<String> warnings = new java.util.LinkedHashSet<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                img = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new BadDataException(file.toString(), "damaged or truncated " + format + " image: "
                            + String.join("; ", warnings));
                }
                if (img.getWidth() != wh[0] || img.getHeight() != wh[1]) {
                    throw new BadDataException(file.toString(), "decoded to " + img.getHeight() + "x" + img.getWidth()
                            + " pixels, its header says " + wh[1] + "x" + wh[0]);
                }
            } finally {
                reader.dispose();
            }
        } catch (BadDataException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            // one oversized allocation of a lying header failed; nothing else was held, the heap is intact
            throw new BadDataException(file.toString(), "needs more memory to decode than is available (damaged "
                    + format + " header?)");
        } catch (IOException | RuntimeException e) {
            throw new BadDataException(file.toString(), "damaged or truncated " + format + " image (" + describe(e) + ")", e);
        }
        int h = height > 0 ? height : expectHeight;
        int w = width > 0 ? width : expectWidth;
        convert(img, dst, offset, h, w);
    }

    /** Converts the decoded image: crop, channel conversion and resampling in one streaming pass over its rows. */
    private void convert(BufferedImage img, float[] dst, int offset, int h, int w) {
        int sw = img.getWidth();
        int sh = img.getHeight();
        int x0 = 0, y0 = 0, cw = sw, ch = sh;
        if (centreCrop) {
            // the largest centred region with the output's aspect ratio w/h, rounded to whole pixels
            if ((long) sw * h > (long) sh * w) {
                cw = (int) Math.max(1, Math.min(sw, ((long) sh * w * 2 + h) / (2L * h)));
                x0 = (sw - cw) / 2;
            } else {
                ch = (int) Math.max(1, Math.min(sh, ((long) sw * h * 2 + w) / (2L * w)));
                y0 = (sh - ch) / 2;
            }
        }
        ResampleAxis across = ResampleAxis.of(cw, w);
        ResampleAxis down = ResampleAxis.of(ch, h);
        RowReader rows = new RowReader(img, x0, cw);
        double[][] line = new double[channels][cw];
        double[][] resampled = new double[channels][w];
        double[] acc = new double[channels * h * w];
        int first = 0;
        for (int sy = 0; sy < ch; sy++) {
            rows.read(y0 + sy, line);
            for (int c = 0; c < channels; c++) {
                double[] src = line[c];
                double[] out = resampled[c];
                for (int j = 0; j < w; j++) {
                    double s = 0;
                    for (int k = 0, base = across.start[j], o = across.offset[j]; k < across.count[j]; k++) {
                        s += across.weights[o + k] * src[base + k];
                    }
                    out[j] = s;
                }
            }
            // the output rows this source row contributes to: a window moving down with sy
            while (first < h && down.end(first) <= sy) {
                first++;
            }
            for (int j = first; j < h && down.start[j] <= sy; j++) {
                double wy = down.weights[down.offset[j] + sy - down.start[j]];
                for (int c = 0; c < channels; c++) {
                    double[] r = resampled[c];
                    int base = (c * h + j) * w;
                    for (int x = 0; x < w; x++) {
                        acc[base + x] += wy * r[x];
                    }
                }
            }
        }
        for (int i = 0; i < acc.length; i++) {
            // weights sum to 1 up to rounding: clamp so that 1.0000001 cannot fail a [0, 1] check later
            dst[offset + i] = (float) Math.min(1.0, Math.max(0.0, acc[i]));
        }
    }

    /** Reads rows of a decoded image as channel values in [0, 1], converted to the wanted channel count. */
    private final class RowReader {
        private final BufferedImage img;
        private final Raster raster;
        private final IndexColorModel palette;
        private final int x0;
        private final int cw;
        private final int bands;
        private final int colours;
        private final double[] max;
        private final int[] samples;

        RowReader(BufferedImage img, int x0, int cw) {
            this.img = img;
            this.raster = img.getRaster();
            this.x0 = x0;
            this.cw = cw;
            ColorModel cm = img.getColorModel();
            int space = cm.getColorSpace().getType();
            this.bands = raster.getNumBands();
            this.palette = cm instanceof IndexColorModel icm && bands == 1 ? icm : null;
            boolean direct = palette == null && bands == cm.getNumComponents() && sampleBitsOk(cm)
                    && (space == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1
                        || space == ColorSpace.TYPE_RGB && cm.getNumColorComponents() == 3);
            // 1 or 3 colour components read from the raster; 0 = through getRGB (sRGB, for any other colour model)
            this.colours = palette != null ? 3 : direct ? cm.getNumColorComponents() : 0;
            this.max = new double[Math.max(1, bands)];
            if (direct) {
                for (int b = 0; b < cm.getNumColorComponents(); b++) {
                    max[b] = (1 << cm.getComponentSize(b)) - 1;
                }
            }
            this.samples = new int[cw * Math.max(1, bands)];
        }

        private static boolean sampleBitsOk(ColorModel cm) {
            for (int b = 0; b < cm.getNumComponents(); b++) {
                if (cm.getComponentSize(b) < 1 || cm.getComponentSize(b) > 16) {
                    return false;
                }
            }
            return true;
        }

        void read(int y, double[][] out) {
            if (palette != null) {
                raster.getPixels(x0, y, cw, 1, samples);
                for (int x = 0; x < cw; x++) {
                    int i = samples[x];
                    put(out, x, palette.getRed(i) / 255.0, palette.getGreen(i) / 255.0, palette.getBlue(i) / 255.0,
                            palette.getRed(i) == palette.getGreen(i) && palette.getGreen(i) == palette.getBlue(i));
                }
            } else if (colours == 1) {
                raster.getPixels(x0, y, cw, 1, samples);
                for (int x = 0; x < cw; x++) {
                    double g = samples[x * bands] / max[0];
                    put(out, x, g, g, g, true);
                }
            } else if (colours == 3) {
                raster.getPixels(x0, y, cw, 1, samples);
                for (int x = 0; x < cw; x++) {
                    int r = samples[x * bands], g = samples[x * bands + 1], b = samples[x * bands + 2];
                    put(out, x, r / max[0], g / max[1], b / max[2], r == g && g == b && max[0] == max[1] && max[1] == max[2]);
                }
            } else {
                img.getRGB(x0, y, cw, 1, samples, 0, cw);
                for (int x = 0; x < cw; x++) {
                    int p = samples[x];
                    int r = p >> 16 & 0xFF, g = p >> 8 & 0xFF, b = p & 0xFF;
                    put(out, x, r / 255.0, g / 255.0, b / 255.0, r == g && g == b);
                }
            }
        }

        private void put(double[][] out, int x, double r, double g, double b, boolean grey) {
            if (channels == 3) {
                out[0][x] = r;
                out[1][x] = g;
                out[2][x] = b;
            } else {
                out[0][x] = grey ? r : 0.299 * r + 0.587 * g + 0.114 * b;
            }
        }
    }

    private static ImageInputStream open(Path file) throws BadDataException {
        try {
            if (Files.isDirectory(file)) {
                throw new BadDataException(file.toString(), "is a folder, not an image file");
            }
            return new FileImageInputStream(file.toFile());
        } catch (FileNotFoundException e) {
            throw new BadDataException(file.toString(), "cannot be opened (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new BadDataException(file.toString(), "cannot be opened (" + describe(e) + ")", e);
        }
    }

    /** The PNG or JPEG reader for the stream's content; anything else is named by its first bytes. */
    private static ImageReader reader(Path file, ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            String format = r.getFormatName().toLowerCase(Locale.ROOT);
            if (format.equals("png") || format.equals("jpeg") || format.equals("jpg")) {
                r.setInput(in, true, true);
                return r;
            }
            throw new BadDataException(file.toString(), "holds a " + r.getFormatName().toUpperCase(Locale.ROOT)
                    + " image; latent4j reads PNG and JPEG files");
        }
        byte[] head = new byte[8];
        in.seek(0);
        int n = Math.max(0, in.read(head));
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < n; i++) {
            hex.append(String.format(" %02X", head[i] & 0xFF));
        }
        throw new BadDataException(file.toString(), n == 0 ? "is empty, not a PNG or JPEG image"
                : "is not a PNG or JPEG image (it starts with bytes" + hex + "; a PNG starts with 89 50 4E 47,"
                        + " a JPEG with FF D8 FF)");
    }

    /** Width and height from the header; refuses empty and oversized images before any pixel is decoded. */
    private static int[] checkedSize(Path file, ImageReader reader) throws IOException {
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if (w < 1 || h < 1) {
            throw new BadDataException(file.toString(), "declares an image of " + h + "x" + w + " pixels");
        }
        if ((long) w * h > MAX_SOURCE_PIXELS) {
            throw new BadDataException(file.toString(), "is " + h + "x" + w + " pixels (height x width); latent4j decodes"
                    + " images of at most " + MAX_SOURCE_PIXELS + " pixels");
        }
        return new int[] {w, h};
    }

    /** The exception's message and its causes', for a one-line explanation. */
    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null && s.length() < 300; t = t.getCause()) {
            if (!s.isEmpty()) {
                s.append(": ");
            }
            s.append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
        }
        return s.toString();
    }
}
