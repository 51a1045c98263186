package org.latent4j.spark.vae;

import java.util.LinkedHashMap;
import java.util.Map;
import org.latent4j.io.ArrayData;

/**
 * Named arrays (a module's state, an optimizer's state) as one flat {@code double[]} and back, in the
 * template's key order, so that partial results from the executors can be summed and averaged as one array.
 */
final class Flat {
    private Flat() {}

    static int length(Map<String, ArrayData> template) {
        int n = 0;
        for (ArrayData a : template.values()) {
            n += a.size();
        }
        return n;
    }

    /** Adds scale × the arrays into out from offset; returns the offset after them. */
    static int add(Map<String, ArrayData> arrays, double scale, double[] out, int offset) {
        int o = offset;
        for (ArrayData a : arrays.values()) {
            switch (a) {
                case ArrayData.F32 f -> { for (float v : f.data()) { out[o++] += scale * v; } }
                case ArrayData.F64 f -> { for (double v : f.data()) { out[o++] += scale * v; } }
                case ArrayData.I64 f -> { for (long v : f.data()) { out[o++] += scale * v; } }
            }
        }
        return o;
    }

    /** The arrays of the template's names, shapes and types read from flat from offset (integers rounded). */
    static Map<String, ArrayData> read(Map<String, ArrayData> template, double[] flat, int offset) {
        Map<String, ArrayData> out = new LinkedHashMap<>();
        int o = offset;
        for (Map.Entry<String, ArrayData> e : template.entrySet()) {
            ArrayData a = e.getValue();
            int n = a.size();
            ArrayData v = switch (a) {
                case ArrayData.F32 f -> {
                    float[] d = new float[n];
                    for (int i = 0; i < n; i++) {
                        d[i] = (float) flat[o + i];
                    }
                    yield new ArrayData.F32(f.shape(), d);
                }
                case ArrayData.F64 f -> new ArrayData.F64(f.shape(), java.util.Arrays.copyOfRange(flat, o, o + n));
                case ArrayData.I64 f -> {
                    long[] d = new long[n];
                    for (int i = 0; i < n; i++) {
                        d[i] = Math.round(flat[o + i]);
                    }
                    yield new ArrayData.I64(f.shape(), d);
                }
            };
            out.put(e.getKey(), v);
            o += n;
        }
        return out;
    }
}
