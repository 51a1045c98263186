package org.latent4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Tiny MNIST-layout files for tests: n 28x28 images whose labels all equal a marker, so a test can tell copies apart. */
final class TinyIdx {
    private TinyIdx() {}

    static byte[] images(int n, int marker) throws IOException {
        Path tmp = Files.createTempFile("tiny", ".gz");
        try {
            byte[] px = new byte[n * 784];
            for (int i = 0; i < px.length; i++) {
                px[i] = (byte) (i * 7 + marker);
            }
            IdxWriter.writeImages(tmp, n, 28, 28, px, true);
            return Files.readAllBytes(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static byte[] labels(int n, int marker) throws IOException {
        Path tmp = Files.createTempFile("tiny", ".gz");
        try {
            byte[] y = new byte[n];
            Arrays.fill(y, (byte) marker);
            IdxWriter.writeLabels(tmp, y, true);
            return Files.readAllBytes(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes all four files (train: 3 items, test: 2) into dir, labels = marker. */
    static Path writeSet(Path dir, int marker) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), images(3, marker));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), labels(3, marker));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), images(2, marker));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels(2, marker));
        return dir;
    }
}
