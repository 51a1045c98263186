package org.latent4j.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * Fuzzes {@link ImageFolder} on a folder of one file: it reads a data set of one image whose values lie in
 * [0, 1] and whose shape is the one asked for, or throws {@link BadDataException} with a message naming the
 * file (or, with skip-bad, the folder); nothing else (no NullPointerException, ArrayIndexOutOfBoundsException
 * or OutOfMemoryError out of javax.imageio or the conversion).
 *
 * <p>The first byte chooses the options (grey or RGB, a size or none, the centre crop, skip-bad) and how the
 * rest becomes the file: as is (PNG, JPEG or anything), or a PNG built by the test, whose header fields
 * (width and height up to 64, bit depth, colour type, interlacing) come from the next bytes and whose pixel
 * data is the rest, compressed, with correct checksums, so that the PNG decoder's filters and sample layouts
 * are explored rather than its zlib and CRC checks.
 */
class ImageFolderFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("latent4j-image-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void read(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        int mode = input[0] & 0xFF;
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        byte[] bytes = (mode & 1) == 0 ? body : png(body);
        Path file = DIR.resolve("image.png");
        Files.write(file, bytes);
        int channels = (mode & 2) == 0 ? 1 : 3;
        int[][] sizes = {{0, 0}, {5, 7}, {16, 16}, {1, 3}};
        int[] size = sizes[mode >>> 2 & 3];
        ImageFolderOptions options = ImageFolderOptions.builder().channels(channels).size(size[0], size[1])
                .centreCrop(size[0] > 0 && (mode & 16) != 0).skipBad((mode & 32) != 0)
                .maxSourcePixels(1 << 16).build();
        try {
            Dataset d = ImageFolder.read(DIR, options).train();
            if (d.rows() != 1 || d.channels() != channels || d.x().length != d.cols()
                    || d.cols() != channels * d.height() * d.width()
                    || size[0] > 0 && (d.height() != size[0] || d.width() != size[1])) {
                throw new AssertionError("data set of the wrong shape: " + d);
            }
            for (float v : d.x()) {
                if (!(v >= 0f && v <= 1f)) {
                    throw new AssertionError("value " + v + " outside [0, 1] in " + d);
                }
            }
        } catch (BadDataException e) {
            FuzzChecks.message(e, options.skipBad() ? DIR.toString() : file.toString());
        }
    }

    /** A PNG with header fields from the first 5 bytes and the rest, deflated, as its pixel data. */
    static byte[] png(byte[] b) throws IOException {
        int width = 1 + (at(b, 0) & 63);
        int height = 1 + (at(b, 1) & 63);
        int depth = new int[] {1, 2, 4, 8, 16}[at(b, 2) % 5];
        int colourType = new int[] {0, 2, 3, 4, 6}[at(b, 3) % 5];
        int interlace = at(b, 4) & 1;
        byte[] rest = b.length > 5 ? Arrays.copyOfRange(b, 5, b.length) : new byte[0];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) depth)
                .put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) interlace).array());
        if (colourType == 3) {
            // a palette of (first byte + 1) entries from the data itself
            int entries = 1 + at(rest, 0);
            byte[] palette = new byte[3 * entries];
            for (int i = 0; i < palette.length; i++) {
                palette[i] = (byte) at(rest, i);
            }
            chunk(out, "PLTE", palette);
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(data)) {
            z.write(rest);
        }
        chunk(out, "IDAT", data.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static int at(byte[] b, int i) {
        return b.length == 0 ? 0 : b[i % b.length] & 0xFF;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
