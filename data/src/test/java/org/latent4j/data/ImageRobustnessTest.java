package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The image reader's contract on damaged files: every mutation of a valid PNG or JPEG (bit flips, overwritten
 * and inserted bytes, truncation, chunk lengths and image sizes set to extremes) either reads as a valid image
 * (values in [0, 1], the requested shape) or fails with a {@link BadDataException} naming the file; never
 * another exception (NullPointerException, ArrayIndexOutOfBoundsException, OutOfMemoryError, ...).
 */
class ImageRobustnessTest {
    private static final int MUTATIONS = 160;
    @TempDir Path dir;

    private static byte[] seedImage(String format, int type) {
        int[] pixels = new int[24 * 16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 2654435761L) % 0xFFFFFF == 0 ? 0 : (int) ((i * 2654435761L) & 0xFFFFFF);
        }
        BufferedImage rgb = TinyImages.colour(16, 24, BufferedImage.TYPE_INT_RGB, pixels);
        if (type == BufferedImage.TYPE_INT_RGB) {
            return TinyImages.bytes(rgb, format);
        }
        BufferedImage other = new BufferedImage(24, 16, type);
        other.getGraphics().drawImage(rgb, 0, 0, null);
        return TinyImages.bytes(other, format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"png-rgb", "png-grey", "png-palette", "jpeg-rgb", "jpeg-grey"})
    void mutatedFilesReadOrFailNamingTheFile(String kind) throws IOException {
        String format = kind.substring(0, kind.indexOf('-'));
        int type = switch (kind.substring(kind.indexOf('-') + 1)) {
            case "grey" -> BufferedImage.TYPE_BYTE_GRAY;
            case "palette" -> BufferedImage.TYPE_BYTE_INDEXED;
            default -> BufferedImage.TYPE_INT_RGB;
        };
        byte[] valid = seedImage(format, type);
        SplittableRandom random = new SplittableRandom(kind.hashCode());
        int read = 0;
        int refused = 0;
        for (int m = 0; m < MUTATIONS; m++) {
            byte[] bytes = mutate(valid, random);
            Path folder = Files.createDirectories(dir.resolve(kind + "-" + m));
            Path file = Files.write(folder.resolve("image." + format), bytes);
            for (int channels : new int[] {1, 3}) {
                ImageFolderOptions options = ImageFolderOptions.builder().channels(channels).size(8, 12)
                        .maxBytes(1 << 20).build();
                try {
                    Dataset d = ImageFolder.read(folder, options).train();
                    assertEquals(1, d.rows());
                    assertEquals(channels * 8 * 12, d.cols());
                    for (float v : d.x()) {
                        assertTrue(v >= 0f && v <= 1f, "value " + v + " from mutation " + m + " of " + kind);
                    }
                    read++;
                } catch (BadDataException e) {
                    assertEquals(file.toString(), e.source(), "the error names the file: " + e.getMessage());
                    refused++;
                } catch (Throwable t) {
                    Files.write(dir.resolve("failing." + format), bytes);
                    fail("mutation " + m + " of " + kind + " threw " + t, t);
                }
            }
        }
        assertTrue(refused > 0, "some mutations of " + kind + " are refused: " + refused);
        assertTrue(read + refused == 2 * MUTATIONS);
    }

    /** One to three random edits of the bytes. */
    private static byte[] mutate(byte[] valid, SplittableRandom r) {
        byte[] b = valid.clone();
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int n = b.length;
            switch (r.nextInt(6)) {
                case 0 -> b[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[r.nextInt(n)] = (byte) r.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, r.nextInt(n));
                case 3 -> {
                    // a 4-byte field (a PNG chunk length or an image size in the header area) set to an extreme
                    int at = r.nextInt(Math.min(n, 40) + 1);
                    int v = r.nextBoolean() ? 0x7FFFFFFF : r.nextBoolean() ? 0 : 0xFFFFFFFF;
                    for (int k = 0; k < 4 && at + k < n; k++) {
                        b[at + k] = (byte) (v >>> (24 - 8 * k));
                    }
                }
                case 4 -> {
                    int at = r.nextInt(n + 1);
                    byte[] grown = new byte[n + 8];
                    System.arraycopy(b, 0, grown, 0, at);
                    for (int k = 0; k < 8; k++) {
                        grown[at + k] = (byte) r.nextInt(256);
                    }
                    System.arraycopy(b, at, grown, at + 8, n - at);
                    b = grown;
                }
                default -> {
                    int from = r.nextInt(n);
                    int len = Math.min(n - from, 1 + r.nextInt(64));
                    Arrays.fill(b, from, from + len, (byte) 0);
                }
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }
}
