package org.latent4j.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.latent4j.io.AtomicFiles;

/** Writes unsigned-byte IDX files, raw or gzip-compressed, atomically. */
public final class IdxWriter {
    private IdxWriter() {}

    /** Writes an IDX file with the given dimensions (outermost first); data holds their product in bytes. */
    public static void write(Path file, int[] dims, byte[] data, boolean gzip) throws IOException {
        IdxArray checked = new IdxArray(dims, data, file.toString());
        AtomicFiles.writeStream(file, out -> {
            OutputStream o = gzip ? new GZIPOutputStream(out, 1 << 16) : out;
            o.write(new byte[] {0, 0, 0x08, (byte) dims.length});
            for (int d : checked.dims()) {
                o.write(new byte[] {(byte) (d >>> 24), (byte) (d >>> 16), (byte) (d >>> 8), (byte) d});
            }
            o.write(data);
            if (o instanceof GZIPOutputStream g) {
                g.finish();
            }
        });
    }

    /** Writes count images of height x width bytes (magic 0x00000803). */
    public static void writeImages(Path file, int count, int height, int width, byte[] pixels, boolean gzip) throws IOException {
        write(file, new int[] {count, height, width}, pixels, gzip);
    }

    /** Writes labels 0-255 (magic 0x00000801). */
    public static void writeLabels(Path file, byte[] labels, boolean gzip) throws IOException {
        write(file, new int[] {labels.length}, labels, gzip);
    }
}
