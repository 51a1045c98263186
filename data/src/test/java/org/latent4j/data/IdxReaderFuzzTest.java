package org.latent4j.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Fuzzes {@link IdxReader}: it returns an array whose dimensions describe its data, or throws
 * {@link BadDataException} with a message; nothing else (docs/fuzzing.md). The first byte chooses how the
 * rest reaches the reader, so that the IDX content is explored behind gzip too (a mutated gzip stream
 * almost never passes its checksum): as is (raw, or gzip when the bytes start with 1F 8B), gzip-compressed
 * by the test, compressed and cut short, or compressed with one byte changed.
 */
class IdxReaderFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void read(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        int mode = input[0] & 3;
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        byte[] bytes = switch (mode) {
            case 0 -> body;
            case 1 -> gzip(body);
            case 2 -> { // cut at a point chosen by the first byte's other bits
                byte[] gz = gzip(body);
                yield Arrays.copyOf(gz, gz.length * ((input[0] & 0xFF) >>> 2) / 64);
            }
            default -> { // one byte of the compressed stream changed
                byte[] gz = gzip(body);
                int at = gz.length * ((input[0] & 0xFF) >>> 2) / 64;
                gz[at] ^= (byte) (0x55 + input.length);
                yield gz;
            }
        };
        try {
            IdxArray a = IdxReader.read(new ByteArrayInputStream(bytes), "fuzz.idx");
            long n = 1;
            for (int d : a.dims()) {
                n *= d;
            }
            if (n != a.data().length) {
                throw new AssertionError("dims and data disagree: " + a);
            }
            if (a.dims().length == 3) {
                Dataset d = IdxReader.toDataset("fuzz", a, null);
                if (d.rows() != a.dims()[0] || d.cols() != a.dims()[1] * a.dims()[2]) {
                    throw new AssertionError("dataset " + d.rows() + "x" + d.cols() + " from " + a);
                }
            }
        } catch (BadDataException e) {
            FuzzChecks.message(e, "fuzz.idx");
        }
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }
}
