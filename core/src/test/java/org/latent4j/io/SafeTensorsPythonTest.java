package org.latent4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compatibility with the reference implementation. The resource was written by Python's safetensors
 * 0.8.0 ({@code safetensors.numpy.save_file}) with these arrays, made by numpy:
 * <pre>
 *   'encoder.weight': (np.arange(12, dtype=np.float32).reshape(3, 4) - 5.5) / 4
 *   'encoder.bias':   np.array([1.5, -2.25, 1e-30], dtype=np.float32)
 *   'means':          np.array([[np.pi, -np.e], [1e300, -0.0]], dtype=np.float64)
 *   'adam.step':      np.array(123456789012, dtype=np.int64)
 *   'counts':         np.array([-1, 0, 2**62], dtype=np.int64)
 *   'empty':          np.zeros((0, 3), dtype=np.float32)
 *   metadata={'format': 'pt'}
 * </pre>
 */
class SafeTensorsPythonTest {
    @TempDir Path dir;

    private Path pythonFile() throws IOException {
        Path f = dir.resolve("python.safetensors");
        try (InputStream in = getClass().getResourceAsStream("python-safetensors-0.8.0.safetensors")) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void readsWhatPythonWrote() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(pythonFile());
        float[] w = c.f32("encoder.weight", 3, 4);
        for (int i = 0; i < 12; i++) {
            assertEquals((i - 5.5f) / 4, w[i]);
        }
        assertArrayEquals(new float[] {1.5f, -2.25f, 1e-30f}, c.f32("encoder.bias", 3));
        assertArrayEquals(new double[] {Math.PI, -Math.E, 1e300, -0.0}, c.f64("means", 2, 2));
        assertArrayEquals(new long[] {123456789012L}, c.i64("adam.step"));
        assertArrayEquals(new long[] {-1, 0, 1L << 62}, c.i64("counts", 3));
        assertEquals(0, c.f32("empty", 0, 3).length);
        assertEquals(Map.of("format", "pt"), c.metadata());
    }

    @Test
    void writesTheSameBytesAsPython() throws IOException {
        Path py = pythonFile();
        SafeTensors.Contents c = SafeTensors.read(py);
        Path mine = dir.resolve("java.safetensors");
        SafeTensors.write(mine, c.arrays(), c.metadata());
        assertArrayEquals(Files.readAllBytes(py), Files.readAllBytes(mine));
    }
}
