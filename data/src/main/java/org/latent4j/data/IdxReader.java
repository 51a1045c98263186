package org.latent4j.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads unsigned-byte IDX files, raw or gzip-compressed (recognised by the gzip magic bytes, whatever
 * the file is called). Images are IDX3 (magic 0x00000803: count, rows, columns), labels IDX1
 * (magic 0x00000801: count). Every problem names the file: a wrong magic number, an unsupported
 * element type, a header or data section cut short, extra bytes, a damaged gzip stream, images and
 * labels that disagree, a folder where a file was expected.
 */
public final class IdxReader {
    /** Magic number of unsigned-byte images: type 0x08, three dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of unsigned-byte labels: type 0x08, one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;
    private static final int UBYTE = 0x08;
    /** How much of a gzip stream is decompressed, at most, to check it after its content was found wrong. */
    private static final long GZIP_CHECK_LIMIT = 1L << 28;

    private IdxReader() {}

    /** Reads an unsigned-byte IDX file of images (magic 0x00000803) or labels (magic 0x00000801). */
    public static IdxArray read(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads an IDX stream (gzip or raw); source names it in errors. The stream is not closed. From a gzip
     * stream, any problem with the content is checked against the stream itself first: a damaged or
     * truncated stream is reported as such, not as the wrong magic number or the extra data it decodes to.
     */
    public static IdxArray read(InputStream raw, String source) throws IOException {
        InputStream in;
        try {
            in = decompressIfGzip(raw);
        } catch (ZipException | EOFException e) {
            throw damagedGzip(source, e);
        }
        try {
            return readContent(in, source);
        } catch (BadDataException e) {
            if (in instanceof GzipStream) {
                checkGzipStream(in, source, e);
            }
            throw e;
        } catch (ZipException | EOFException e) {
            throw damagedGzip(source, e);
        }
    }

    private static IdxArray readContent(InputStream in, String source) throws IOException {
        byte[] magic = readExactly(in, 4, source, "the 4-byte magic number");
        if (magic[0] != 0 || magic[1] != 0) {
            throw new BadDataException(source, String.format("magic number 0x%08X is not an IDX magic number"
                    + " (expected 0x%08X for images or 0x%08X for labels)", beInt(magic, 0), IMAGES_MAGIC, LABELS_MAGIC));
        }
        int type = magic[2] & 0xFF;
        int ndims = magic[3] & 0xFF;
        if (type != UBYTE) {
            throw new BadDataException(source, String.format("IDX element type 0x%02X (%s) is not supported;"
                    + " latent4j reads unsigned bytes (0x08)", type, typeName(type)));
        }
        if (ndims != 1 && ndims != 3) {
            throw new BadDataException(source, String.format("magic number 0x%08X describes unsigned bytes in %d dimensions;"
                    + " latent4j reads 0x%08X (images: count, rows, columns) and 0x%08X (labels: count)",
                    beInt(magic, 0), ndims, IMAGES_MAGIC, LABELS_MAGIC));
        }
        byte[] dimBytes = readExactly(in, 4 * ndims, source, "the " + ndims + " dimension sizes of the IDX header");
        int[] dims = new int[ndims];
        long n = 1;
        for (int i = 0; i < ndims; i++) {
            dims[i] = beInt(dimBytes, 4 * i);
            if (dims[i] < 0) {
                throw new BadDataException(source, "IDX dimension " + i + " is negative: " + dims[i]);
            }
            n *= dims[i];
            if (n > Integer.MAX_VALUE - 16) {
                throw new BadDataException(source, "IDX dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                        + "... describe more than 2^31 values");
            }
        }
        long perItem = 1;
        for (int i = 1; i < ndims; i++) {
            // with a count of 0 the total is 0 whatever the rest; one image must still fit in an array
            perItem *= dims[i];
            if (perItem > Integer.MAX_VALUE - 16) {
                throw new BadDataException(source, "IDX dimensions " + Arrays.toString(dims) + " describe items of "
                        + perItem + " values each, more than 2^31");
            }
        }
        // readNBytes grows its buffer with the bytes actually read, so a header claiming 2^31 values
        // costs no more memory than the file (or the decompressed stream) really holds
        byte[] data = in.readNBytes((int) n);
        if (data.length < n) {
            throw new BadDataException(source, "truncated: the header's dimensions " + Arrays.toString(dims)
                    + " need " + n + " data bytes, the file has only " + data.length);
        }
        if (in.read() != -1) {
            throw new BadDataException(source, "more data than the header's dimensions " + Arrays.toString(dims)
                    + " describe (" + n + " bytes): not a single IDX array or damaged");
        }
        return new IdxArray(dims, data, source);
    }

    /**
     * Reads the rest of a gzip stream whose content was found wrong, in bounded chunks and at most
     * {@link #GZIP_CHECK_LIMIT} bytes, so that its checksum and length are checked: a damaged stream
     * replaces the content error (kept as suppressed) by one that says so.
     */
    private static void checkGzipStream(InputStream in, String source, BadDataException contentError) throws BadDataException {
        byte[] chunk = new byte[1 << 16];
        long total = 0;
        try {
            for (int r; total < GZIP_CHECK_LIMIT && (r = in.read(chunk)) >= 0; ) {
                total += r;
            }
        } catch (IOException e) {
            BadDataException damaged = damagedGzip(source, e);
            damaged.addSuppressed(contentError);
            throw damaged;
        }
    }

    private static BadDataException damagedGzip(String source, IOException e) {
        return new BadDataException(source, "damaged or truncated gzip stream (" + e.getMessage() + "); the file is"
                + " corrupt or incompletely downloaded: fetch it again", e);
    }

    /** Reads images (magic 0x00000803): returns dims [count, height, width]. */
    public static IdxArray readImages(Path file) throws IOException {
        return expect(read(file), 3, "images");
    }

    /** Reads labels (magic 0x00000801). */
    public static int[] readLabels(Path file) throws IOException {
        return labels(expect(read(file), 1, "labels"));
    }

    /**
     * Reads images, and labels when labelsFile is not null, into a dataset with pixels scaled to [0, 1].
     * The two files must hold the same number of items.
     */
    public static Dataset readDataset(String name, Path imagesFile, Path labelsFile) throws IOException {
        IdxArray images = readImages(imagesFile);
        IdxArray labels = labelsFile == null ? null : expect(read(labelsFile), 1, "labels");
        return toDataset(name, images, labels);
    }

    /** Builds a dataset from images [count, height, width] and optional labels [count]; pixels become byte / 255. */
    public static Dataset toDataset(String name, IdxArray images, IdxArray labels) throws IOException {
        expect(images, 3, "images");
        int count = images.dims()[0];
        int h = images.dims()[1];
        int w = images.dims()[2];
        int[] y = null;
        String source = images.source();
        if (labels != null) {
            expect(labels, 1, "labels");
            if (labels.count() != count) {
                throw new BadDataException(labels.source(), labels.count() + " labels, but " + images.source()
                        + " has " + count + " images");
            }
            y = labels(labels);
            source = source + " + " + labels.source();
        }
        byte[] px = images.data();
        float[] x = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            x[i] = (px[i] & 0xFF) / 255f;
        }
        return Dataset.builder(name, x, count, h * w).source(source).labels(y).image(h, w).build();
    }

    static IdxArray expect(IdxArray a, int ndims, String what) throws BadDataException {
        if (a.dims().length != ndims) {
            String found = switch (a.dims().length) {
                case 1 -> "labels (magic 0x00000801)";
                case 3 -> "images (magic 0x00000803)";
                default -> a.dims().length + "-dimensional data";
            };
            throw new BadDataException(a.source(), String.format("holds %s, expected %s (magic 0x%08X)", found, what,
                    ndims == 3 ? IMAGES_MAGIC : LABELS_MAGIC));
        }
        return a;
    }

    private static int[] labels(IdxArray a) {
        byte[] b = a.data();
        int[] y = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            y[i] = b[i] & 0xFF;
        }
        return y;
    }

    private static InputStream open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            // reading a folder would fail with the system's bare "Is a directory"
            throw new BadDataException(file.toString(), "is a folder, expected an IDX file (images or labels, raw or"
                    + " gzip, e.g. " + file.resolve("train-images-idx3-ubyte.gz") + ")");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such IDX file");
        }
    }

    /** gzip is recognised by its magic bytes 1F 8B; IDX files start with 00 00, so the two never clash. */
    static InputStream decompressIfGzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1F && b1 == 0x8B) {
            return new GzipStream(new GZIPInputStream(in, 1 << 16));
        }
        return in;
    }

    /** The decompressed side of a gzip file (a type of its own, so that errors can tell it from a raw file). */
    private static final class GzipStream extends BufferedInputStream {
        GzipStream(InputStream gzip) {
            super(gzip, 1 << 16);
        }
    }

    private static byte[] readExactly(InputStream in, int n, String source, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new BadDataException(source, "truncated: the file ends inside " + what
                    + (b.length == 0 ? "" : " (" + b.length + " of " + n + " bytes)"));
        }
        return b;
    }

    private static int beInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> "unknown";
        };
    }
}
