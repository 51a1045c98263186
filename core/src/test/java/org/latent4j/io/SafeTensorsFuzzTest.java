package org.latent4j.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fuzzes {@link SafeTensors#read}: the bytes are written to a file and read back. The reader returns
 * arrays that tile the file's data section, or throws {@link FileFormatException} naming the file;
 * nothing else, and it allocates no more than the file holds (a header cannot make it reserve 2^31 floats).
 */
class SafeTensorsFuzzTest {
    private static final Path FILE = tempFile();

    @FuzzTest(maxDuration = "10s")
    void read(byte[] bytes) throws IOException {
        Files.write(FILE, bytes);
        try {
            SafeTensors.Contents c = SafeTensors.read(FILE);
            long dataBytes = 0;
            for (Map.Entry<String, ArrayData> e : c.arrays().entrySet()) {
                ArrayData a = e.getValue();
                if (ArrayData.elementCount(a.shape()) != a.size()) {
                    throw new AssertionError(e.getKey() + ": shape and size disagree");
                }
                dataBytes += (long) a.size() * SafeTensors.elementBytes(a.dtype());
            }
            if (dataBytes > bytes.length) {
                throw new AssertionError(dataBytes + " bytes of arrays from a file of " + bytes.length);
            }
        } catch (FileFormatException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith(FILE.toString())) {
                throw new AssertionError("the message does not name the file: " + e.getMessage(), e);
            }
        }
    }

    private static Path tempFile() {
        try {
            Path f = Files.createTempFile("latent4j-fuzz", ".safetensors");
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
