package org.latent4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the safetensors layout (Hugging Face, https://github.com/huggingface/safetensors),
 * so that Python's {@code safetensors} and a few lines of numpy can read latent4j's weights:
 *
 * <pre>
 *   8 bytes   N, the header length, unsigned little-endian
 *   N bytes   UTF-8 JSON: {"__metadata__": {string: string}, name: {"dtype", "shape", "data_offsets": [begin, end]}, ...}
 *             padded with spaces so that N is a multiple of 8
 *   rest      the tensors' bytes, little-endian, each at [begin, end) relative to the end of the header
 * </pre>
 *
 * Tensors are written in a fixed order, I64 then F64 then F32, each group sorted by name, in the
 * header and back to back in the data, as the reference implementation does; so each tensor is
 * aligned to its element size. Reading accepts any order and checks everything
 * a damaged file could get wrong and names the file and the tensor in each error.
 */
public final class SafeTensors {
    /** The largest header accepted, as in the reference implementation; a larger value means a damaged file. */
    static final long MAX_HEADER = 100_000_000L;
    private static final String METADATA_KEY = "__metadata__";
    private static final int CHUNK = 1 << 16;
    private static final List<String> DTYPES = List.of("F32", "F64", "I64");
    private static final List<String> DTYPE_ORDER = List.of("I64", "F64", "F32");

    private SafeTensors() {}

    /** What a file holds: arrays by name (sorted) and the string metadata; {@code source} names the file. */
    public record Contents(Map<String, ArrayData> arrays, Map<String, String> metadata, String source) {
        public Contents {
            arrays = Collections.unmodifiableMap(new TreeMap<>(arrays));
            metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
            source = source == null ? "safetensors contents" : source;
        }

        public Contents(Map<String, ArrayData> arrays, Map<String, String> metadata) {
            this(arrays, metadata, null);
        }

        /** The F32 array under name, failing clearly if it is absent, of another dtype or of another shape. */
        public float[] f32(String name, int... expectedShape) {
            return ((ArrayData.F32) get(name, "F32", expectedShape)).data();
        }

        /** The F64 array under name, failing clearly if it is absent, of another dtype or of another shape. */
        public double[] f64(String name, int... expectedShape) {
            return ((ArrayData.F64) get(name, "F64", expectedShape)).data();
        }

        /** The I64 array under name, failing clearly if it is absent, of another dtype or of another shape. */
        public long[] i64(String name, int... expectedShape) {
            return ((ArrayData.I64) get(name, "I64", expectedShape)).data();
        }

        private ArrayData get(String name, String dtype, int[] expectedShape) {
            String expected = dtype + " of shape " + Arrays.toString(expectedShape);
            ArrayData a = arrays.get(name);
            if (a == null) {
                throw new IllegalArgumentException(source + ": no tensor '" + name + "' (expected " + expected
                        + "); the file has " + arrays.keySet());
            }
            if (!a.dtype().equals(dtype) || !Arrays.equals(a.shape(), expectedShape)) {
                throw new IllegalArgumentException(source + ": tensor '" + name + "' is " + a.dtype() + " of shape "
                        + Arrays.toString(a.shape()) + ", expected " + expected);
            }
            return a;
        }
    }

    /**
     * Writes atomically (temporary file in the same folder, then rename). Keys sorted: I64, F64, F32,
     * each by name, the order of the reference implementation.
     */
    public static void write(Path file, Map<String, ArrayData> arrays, Map<String, String> metadata) throws IOException {
        TreeMap<String, ArrayData> sorted = new TreeMap<>();
        for (Map.Entry<String, ArrayData> e : arrays.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("cannot write " + file + ": invalid tensor name '" + name + "'");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("cannot write " + file + ": tensor '" + name + "' is null");
            }
            sorted.put(name, e.getValue());
        }
        List<String> layout = dataOrder(sorted);
        byte[] header = header(sorted, layout, metadata == null ? Map.of() : metadata);
        AtomicFiles.writeStream(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            out.write(len.array());
            out.write(header);
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (String name : layout) {
                writeData(sorted.get(name), buf, out);
            }
        });
    }

    /**
     * The order of the tensors' bytes, as in the reference implementation (safetensors 0.8): by dtype
     * (I64, F64, F32: its dtype order reversed, which puts wider elements first), then by name. Every
     * tensor then starts at a multiple of its element size, and the same arrays give the same bytes
     * as Python's {@code save_file} (with at most one metadata entry, whose order Python leaves open).
     */
    private static List<String> dataOrder(TreeMap<String, ArrayData> sorted) {
        List<String> names = new ArrayList<>(sorted.keySet());
        names.sort(Comparator.comparingInt((String n) -> DTYPE_ORDER.indexOf(sorted.get(n).dtype())).thenComparing(n -> n));
        return names;
    }

    private static byte[] header(Map<String, ArrayData> sorted, List<String> layout, Map<String, String> metadata)
            throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            new TreeMap<>(metadata).forEach((k, v) -> {
                if (k == null || v == null) {
                    throw new IllegalArgumentException("safetensors metadata keys and values must not be null: " + k + "=" + v);
                }
                meta.put(k, v);
            });
        }
        long offset = 0;
        for (String name : layout) {
            ArrayData a = sorted.get(name);
            long bytes = (long) a.size() * elementBytes(a.dtype());
            ObjectNode info = root.putObject(name);
            info.put("dtype", a.dtype());
            ArrayNode shape = info.putArray("shape");
            for (int d : a.shape()) {
                shape.add(d);
            }
            info.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = Json.mapper().writeValueAsBytes(root);
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeData(ArrayData a, ByteBuffer buf, OutputStream out) throws IOException {
        int width = elementBytes(a.dtype());
        int perChunk = CHUNK / width;
        int n = a.size();
        for (int off = 0; off < n; off += perChunk) {
            int count = Math.min(perChunk, n - off);
            buf.clear();
            switch (a) {
                case ArrayData.F32 f -> buf.asFloatBuffer().put(f.data(), off, count);
                case ArrayData.F64 d -> buf.asDoubleBuffer().put(d.data(), off, count);
                case ArrayData.I64 l -> buf.asLongBuffer().put(l.data(), off, count);
            }
            out.write(buf.array(), 0, count * width);
        }
    }

    /** Reads and validates a file; errors name the file and the tensor. */
    public static Contents read(Path file) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such safetensors file");
        }
        try (ch) {
            long size = ch.size();
            if (size < 8) {
                throw new FileFormatException(file, "truncated: " + size
                        + " bytes, but a safetensors file starts with an 8-byte header length");
            }
            long n = readBytes(ch, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n < 2 || n > MAX_HEADER) {
                throw new FileFormatException(file, "bad header length " + Long.toUnsignedString(n)
                        + " (accepted: 2 to " + MAX_HEADER + " bytes); not a safetensors file or damaged");
            }
            if (n > size - 8) {
                throw new FileFormatException(file, "header length " + n + " exceeds the " + (size - 8)
                        + " bytes after the length field (file truncated?)");
            }
            byte[] headerBytes = readBytes(ch, 8, (int) n).array();
            if (headerBytes[0] != '{') {
                throw new FileFormatException(file, "the header does not start with '{': not a safetensors file or damaged");
            }
            JsonNode header = Json.parse(file, headerBytes);
            if (!header.isObject()) {
                throw new FileFormatException(file, "the header is JSON but not an object");
            }
            Map<String, String> metadata = new TreeMap<>();
            List<TensorInfo> infos = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : header.properties()) {
                if (e.getKey().equals(METADATA_KEY)) {
                    readMetadata(file, e.getValue(), metadata);
                } else {
                    infos.add(TensorInfo.parse(file, e.getKey(), e.getValue()));
                }
            }
            long dataStart = 8 + n;
            checkLayout(file, infos, size - dataStart);
            Map<String, ArrayData> arrays = new LinkedHashMap<>();
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (TensorInfo t : infos) {
                arrays.put(t.name, readData(ch, dataStart + t.begin, t, buf));
            }
            return new Contents(arrays, metadata, file.toString());
        }
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> into) throws FileFormatException {
        if (!node.isObject()) {
            throw new FileFormatException(file, METADATA_KEY + " must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> m : node.properties()) {
            if (!m.getValue().isTextual()) {
                throw new FileFormatException(file, METADATA_KEY + " value of '" + m.getKey() + "' is not a string: " + m.getValue());
            }
            into.put(m.getKey(), m.getValue().textValue());
        }
    }

    /** The tensors must tile the data section exactly: from 0, back to back, to its last byte. */
    private static void checkLayout(Path file, List<TensorInfo> infos, long dataLength) throws FileFormatException {
        infos.sort(Comparator.comparingLong((TensorInfo t) -> t.begin).thenComparingLong(t -> t.end));
        long expected = 0;
        TensorInfo previous = null;
        for (TensorInfo t : infos) {
            if (t.end > dataLength) {
                throw new FileFormatException(file, "tensor '" + t.name + "' data_offsets [" + t.begin + ", " + t.end
                        + "] run past the end of the data section (" + dataLength + " bytes; file truncated?)");
            }
            if (t.begin < expected) {
                throw new FileFormatException(file, "tensor '" + t.name + "' data_offsets [" + t.begin + ", " + t.end
                        + "] overlap tensor '" + previous.name + "' [" + previous.begin + ", " + previous.end + "]");
            }
            if (t.begin > expected) {
                throw new FileFormatException(file, "gap of " + (t.begin - expected) + " bytes before tensor '" + t.name
                        + "' at data offset " + expected + " (tensors must be contiguous)");
            }
            expected = t.end;
            previous = t;
        }
        if (expected != dataLength) {
            throw new FileFormatException(file, (dataLength - expected) + " bytes after the last tensor ("
                    + "data section is " + dataLength + " bytes, tensors cover " + expected + ")");
        }
    }

    private static ArrayData readData(FileChannel ch, long position, TensorInfo t, ByteBuffer buf) throws IOException {
        int n = t.elements;
        int width = elementBytes(t.dtype);
        int perChunk = CHUNK / width;
        ArrayData result = switch (t.dtype) {
            case "F32" -> new ArrayData.F32(t.shape, new float[n]);
            case "F64" -> new ArrayData.F64(t.shape, new double[n]);
            default -> new ArrayData.I64(t.shape, new long[n]);
        };
        for (int off = 0; off < n; off += perChunk) {
            int count = Math.min(perChunk, n - off);
            buf.clear().limit(count * width);
            readFully(ch, position + (long) off * width, buf);
            buf.flip();
            switch (result) {
                case ArrayData.F32 f -> buf.asFloatBuffer().get(f.data(), off, count);
                case ArrayData.F64 d -> buf.asDoubleBuffer().get(d.data(), off, count);
                case ArrayData.I64 l -> buf.asLongBuffer().get(l.data(), off, count);
            }
        }
        return result;
    }

    private static ByteBuffer readBytes(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        readFully(ch, position, b);
        return b.flip();
    }

    private static void readFully(FileChannel ch, long position, ByteBuffer b) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            int r = ch.read(b, p);
            if (r < 0) {
                throw new EOFException("unexpected end of file at byte " + p);
            }
            p += r;
        }
    }

    static int elementBytes(String dtype) {
        return switch (dtype) {
            case "F32" -> 4;
            case "F64", "I64" -> 8;
            default -> throw new IllegalArgumentException("unsupported dtype " + dtype);
        };
    }

    /** One header entry, validated on its own (the layout across entries is checked afterwards). */
    private record TensorInfo(String name, String dtype, int[] shape, int elements, long begin, long end) {
        static TensorInfo parse(Path file, String name, JsonNode node) throws FileFormatException {
            String where = "tensor '" + name + "'";
            if (!node.isObject()) {
                throw new FileFormatException(file, where + ": expected an object with dtype, shape and data_offsets");
            }
            JsonNode dtypeNode = node.get("dtype");
            if (dtypeNode == null || !dtypeNode.isTextual()) {
                throw new FileFormatException(file, where + ": missing or non-string dtype");
            }
            String dtype = dtypeNode.textValue();
            if (!DTYPES.contains(dtype)) {
                throw new FileFormatException(file, where + ": unsupported dtype '" + dtype + "' (latent4j reads " + DTYPES + ")");
            }
            JsonNode shapeNode = node.get("shape");
            if (shapeNode == null || !shapeNode.isArray()) {
                throw new FileFormatException(file, where + ": missing or non-array shape");
            }
            int[] shape = new int[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = shapeNode.get(i);
                if (!d.canConvertToInt() || !d.isIntegralNumber() || d.intValue() < 0) {
                    throw new FileFormatException(file, where + ": bad dimension " + d + " in shape " + shapeNode);
                }
                shape[i] = d.intValue();
            }
            long elements = ArrayData.elementCount(shape);
            if (elements < 0) {
                throw new FileFormatException(file, where + ": shape " + shapeNode + " has more than 2^31-1 elements");
            }
            JsonNode off = node.get("data_offsets");
            if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).canConvertToLong()
                    || !off.get(0).isIntegralNumber() || !off.get(1).isIntegralNumber() || !off.get(1).canConvertToLong()) {
                throw new FileFormatException(file, where + ": data_offsets must be [begin, end], got " + off);
            }
            long begin = off.get(0).longValue();
            long end = off.get(1).longValue();
            if (begin < 0 || end < begin) {
                throw new FileFormatException(file, where + ": bad data_offsets " + off + " (need 0 <= begin <= end)");
            }
            long expectedBytes = elements * elementBytes(dtype);
            if (end - begin != expectedBytes) {
                throw new FileFormatException(file, where + ": data_offsets " + off + " span " + (end - begin)
                        + " bytes but " + dtype + " of shape " + shapeNode + " needs " + expectedBytes);
            }
            return new TensorInfo(name, dtype, shape, (int) elements, begin, end);
        }
    }
}
