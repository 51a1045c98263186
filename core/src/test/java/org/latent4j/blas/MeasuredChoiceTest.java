package org.latent4j.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.Json;

class MeasuredChoiceTest {
    @TempDir
    Path dir;

    @Test
    void shapeClassesAreDistinctNamedAndParsedBack() {
        Set<String> names = new HashSet<>();
        for (int c = 0; c < ShapeClass.COUNT; c++) {
            assertTrue(names.add(ShapeClass.name(c)));
            assertEquals(c, ShapeClass.parse(ShapeClass.name(c)));
        }
        assertEquals(-1, ShapeClass.parse("s-NN-huge"));
        assertEquals("s-NT-large", ShapeClass.name(ShapeClass.of(false, false, true, 128, 400, 784)));
        assertEquals("s-TN-thin", ShapeClass.name(ShapeClass.of(false, true, false, 400, 20, 128)));
        assertEquals("d-NN-vector", ShapeClass.name(ShapeClass.of(true, false, false, 1, 400, 784)));
        assertEquals(ShapeClass.TINY, ShapeClass.of(false, false, false, 16, 16, 16));
    }

    @Test
    void measuresOnceKeepsTheChoiceInTheFileAndReadsItBack() throws Exception {
        assumeTrue(Backend.NATIVE.available(), "needs both backends");
        Path file = dir.resolve("blas-choice.json");
        MeasuredChoice first = new MeasuredChoice(file, "machine A");
        int c = ShapeClass.of(false, false, false, 64, 96, 128);
        Backend b = first.backend(c, false, false, false, 64, 96, 128);
        MeasuredChoice.Entry e = first.entries().get(ShapeClass.name(c));
        assertEquals(b, e.backend());
        assertTrue(e.javaGflops() > 0 && e.nativeGflops() > 0, e.toString());
        assertEquals(e.javaGflops() >= e.nativeGflops() ? Backend.JAVA : Backend.NATIVE, b, "the faster one is chosen");
        assertEquals("64x128x96", e.shape());
        var saved = Json.read(file);
        assertEquals(b.label(), saved.get("machines").get("machine A").get(ShapeClass.name(c)).get("backend").asText());

        // Another run on the same machine reads the choice instead of timing again (the file says "native"
        // for the class, whatever was measured: it must be followed).
        String forced = Files.readString(file).replace("\"backend\" : \"" + b.label() + "\"",
                "\"backend\" : \"" + (b == Backend.JAVA ? "native" : "java") + "\"");
        Files.writeString(file, forced);
        MeasuredChoice second = new MeasuredChoice(file, "machine A");
        assertNotEquals(b, second.backend(c, false, false, false, 64, 96, 128));

        // Another machine measures for itself and keeps the first machine's entry.
        MeasuredChoice other = new MeasuredChoice(file, "machine B");
        other.backend(c, false, false, false, 64, 96, 128);
        var both = Json.read(file).get("machines");
        assertTrue(both.has("machine A") && both.has("machine B"), both.toString());
    }

    @Test
    void aFileLatent4jDidNotWriteIsNeitherTrustedNorReplaced() throws Exception {
        assumeTrue(Backend.NATIVE.available(), "needs both backends");
        Path file = dir.resolve("blas-choice.json");
        String foreign = "{\"machines\": {\"m\": {\"s-NN-large\": {\"backend\": \"native\"}}}}";
        Files.writeString(file, foreign);
        MeasuredChoice choice = new MeasuredChoice(file, "m");
        int c = ShapeClass.of(false, false, false, 64, 96, 128);
        choice.backend(c, false, false, false, 64, 96, 128);
        assertEquals(foreign, Files.readString(file));
        Files.writeString(file, "not json");
        new MeasuredChoice(file, "m").backend(c, false, false, false, 64, 96, 128);
        assertEquals("not json", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("blas-choice.json.tmp")));
    }

    @Test
    void productsThroughTheMeasuredChoiceAreRight() {
        // Whichever backend each class went to, Blas gives the product (checked against plain loops).
        int m = 70, n = 90, k = 110;
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 11 - 5) * 0.25f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (i % 7 - 3) * 0.5f;
        }
        Blas.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                assertEquals(s, c[i * n + j], 1e-3, "C[" + i + "," + j + "]");
            }
        }
    }
}
