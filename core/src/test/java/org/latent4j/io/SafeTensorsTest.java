package org.latent4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir Path dir;

    @Test
    void writesTheExactBytesOfATinyFile() throws IOException {
        Path f = dir.resolve("tiny.safetensors");
        SafeTensors.write(f, Map.of("a", new ArrayData.F32(new int[] {2}, new float[] {1.0f, -2.0f})), Map.of());
        // Header: 54 bytes of JSON, padded with 2 spaces to 56 (a multiple of 8).
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}  ";
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {56, 0, 0, 0, 0, 0, 0, 0});
        expected.writeBytes(json.getBytes(StandardCharsets.US_ASCII));
        // 1.0f = 0x3F800000 and -2.0f = 0xC0000000, little-endian.
        expected.writeBytes(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0});
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(f));
    }

    @Test
    void writesMetadataFirstThenI64BeforeF32AsTheReferenceDoes() throws IOException {
        Path f = dir.resolve("two.safetensors");
        Map<String, ArrayData> arrays = new LinkedHashMap<>();
        arrays.put("b", new ArrayData.I64(new int[] {}, new long[] {258}));
        arrays.put("a", new ArrayData.F32(new int[] {2}, new float[] {1.0f, -2.0f}));
        SafeTensors.write(f, arrays, Map.of("k", "v"));
        // 132 bytes of JSON + 4 spaces = 136 = 0x88.
        String json = "{\"__metadata__\":{\"k\":\"v\"},\"b\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}    ";
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {(byte) 0x88, 0, 0, 0, 0, 0, 0, 0});
        expected.writeBytes(json.getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(new byte[] {2, 1, 0, 0, 0, 0, 0, 0}); // 258, the 8-byte I64 first
        expected.writeBytes(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0});
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(f));
    }

    @Test
    void roundTripsAllDtypesShapesAndMetadata() throws IOException {
        float[] big = new float[100_003]; // spans several read/write chunks
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) Math.sin(i) * 1e3f;
        }
        Map<String, ArrayData> arrays = Map.of(
                "enc.weight", new ArrayData.F32(new int[] {7, 14_286, 1}, Arrays.copyOf(big, 100_002)),
                "odd", new ArrayData.F32(new int[] {100_003}, big),
                "means", new ArrayData.F64(new int[] {2, 3}, new double[] {Math.PI, -0.0, Double.MIN_VALUE, 1e300, Double.NaN, -1}),
                "steps", new ArrayData.I64(new int[] {3}, new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}),
                "empty", new ArrayData.F32(new int[] {0, 5}, new float[0]),
                "scalar", new ArrayData.F64(new int[] {}, new double[] {2.5}));
        Map<String, String> meta = Map.of("format", "latent4j", "note", "grüße \"quoted\"");
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, arrays, meta);
        SafeTensors.Contents c = SafeTensors.read(f);
        assertEquals(arrays, c.arrays());
        assertEquals(meta, c.metadata());
        assertEquals(List.of("empty", "enc.weight", "means", "odd", "scalar", "steps"), List.copyOf(c.arrays().keySet()));
        assertArrayEquals(big, c.f32("odd", 100_003));
        assertArrayEquals(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}, c.i64("steps", 3));
        assertEquals(2.5, c.f64("scalar")[0]);
        // every tensor starts at a multiple of its element size, even after the odd-length F32 arrays
        byte[] bytes = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
        var header = Json.mapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        for (var e : c.arrays().entrySet()) {
            long begin = header.get(e.getKey()).get("data_offsets").get(0).longValue();
            assertEquals(0, begin % SafeTensors.elementBytes(e.getValue().dtype()), e.getKey());
        }
    }

    @Test
    void contentsAccessorsNameTheFileKeyAndShape() throws IOException {
        Path f = dir.resolve("w.safetensors");
        SafeTensors.write(f, Map.of("w", new ArrayData.F32(new int[] {2, 2}, new float[4])), Map.of());
        SafeTensors.Contents c = SafeTensors.read(f);
        var missing = assertThrows(IllegalArgumentException.class, () -> c.f32("bias", 2));
        assertTrue(missing.getMessage().contains(f.toString()) && missing.getMessage().contains("'bias'")
                && missing.getMessage().contains("[2]") && missing.getMessage().contains("[w]"), missing.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> c.f32("w", 4));
        assertTrue(shape.getMessage().contains("[2, 2]") && shape.getMessage().contains("[4]"), shape.getMessage());
        var dtype = assertThrows(IllegalArgumentException.class, () -> c.f64("w", 2, 2));
        assertTrue(dtype.getMessage().contains("F32") && dtype.getMessage().contains("F64"), dtype.getMessage());
    }

    @Test
    void overwritesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("x.safetensors");
        SafeTensors.write(f, Map.of("a", new ArrayData.F32(new int[] {1}, new float[] {1})), Map.of());
        SafeTensors.write(f, Map.of("b", new ArrayData.F32(new int[] {1}, new float[] {2})), Map.of());
        assertEquals(Map.of("b", new ArrayData.F32(new int[] {1}, new float[] {2})), SafeTensors.read(f).arrays());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    @Test
    void rejectsInvalidNames() {
        var a = new ArrayData.F32(new int[] {1}, new float[1]);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(dir.resolve("n"), Map.of("__metadata__", a), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(dir.resolve("n"), Map.of("", a), Map.of()));
    }

    // ---- damaged files: each error names the file and says what is wrong ----

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.safetensors");
        var e = assertThrows(NoSuchFileException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void fileShorterThanTheLengthField() throws IOException {
        assertFails(new byte[] {1, 2, 3}, "truncated");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        byte[] good = tiny();
        assertFails(Arrays.copyOf(good, 30), "exceeds");
    }

    @Test
    void absurdHeaderLength() throws IOException {
        byte[] b = tiny();
        b[7] = (byte) 0x80; // a negative / huge length
        assertFails(b, "bad header length");
        assertFails(file(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, '{', '}'}), "bad header length");
    }

    @Test
    void badJson() throws IOException {
        assertFails(file(header("{\"a\":{\"dtype\":\"F32\",")), "invalid JSON at line 1");
        assertFails(file(header("[1, 2]")), "does not start with '{'");
        assertFails(file(header("{\"a\":1} x")), "invalid JSON");
    }

    @Test
    void unknownDtype() throws IOException {
        byte[] h = header("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}");
        assertFails(file(h, new byte[4]), "unsupported dtype 'F16'", "tensor 'a'");
    }

    @Test
    void byteLengthNotMatchingShape() throws IOException {
        byte[] h = header("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}");
        assertFails(file(h, new byte[8]), "tensor 'a'", "needs 12");
    }

    @Test
    void offsetsOutOfRange() throws IOException {
        byte[] h = header("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}");
        assertFails(file(h, new byte[4]), "tensor 'a'", "run past the end");
    }

    @Test
    void overlappingOffsets() throws IOException {
        byte[] h = header("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}");
        assertFails(file(h, new byte[12]), "overlap");
    }

    @Test
    void gapsAndTrailingBytes() throws IOException {
        byte[] gap = header("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}");
        assertFails(file(gap, new byte[8]), "gap of 4 bytes");
        byte[] trailing = header("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}");
        assertFails(file(trailing, new byte[8]), "4 bytes after the last tensor");
    }

    @Test
    void malformedEntries() throws IOException {
        assertFails(file(header("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}")), "bad dimension");
        assertFails(file(header("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}")), "data_offsets");
        assertFails(file(header("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}"), new byte[4]), "dtype");
        assertFails(file(header("{\"__metadata__\":{\"k\":1}}")), "not a string");
        assertFails(file(header("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}"), new byte[4]), "invalid JSON");
    }

    private byte[] tiny() throws IOException {
        Path f = dir.resolve("good.safetensors");
        SafeTensors.write(f, Map.of("a", new ArrayData.F32(new int[] {2}, new float[] {1, 2})), Map.of());
        return Files.readAllBytes(f);
    }

    private static byte[] header(String json) {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + j.length).order(ByteOrder.LITTLE_ENDIAN).putLong(j.length).put(j).array();
    }

    private static byte[] file(byte[] header, byte[]... data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        for (byte[] d : data) {
            out.writeBytes(d);
        }
        return out.toByteArray();
    }

    private void assertFails(byte[] content, String... fragments) throws IOException {
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, content);
        FileFormatException e = assertThrows(FileFormatException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        for (String s : fragments) {
            assertTrue(e.getMessage().contains(s), () -> "'" + s + "' not in: " + e.getMessage());
        }
        assertEquals(f, e.file());
    }
}
