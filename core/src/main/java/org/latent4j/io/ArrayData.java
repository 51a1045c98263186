package org.latent4j.io;

import java.util.Arrays;

/**
 * A dense array with a shape, as stored in a safetensors file. Row-major: the last index varies
 * fastest. The three element types are the safetensors dtypes {@code F32}, {@code F64} and {@code I64}.
 *
 * <p>Each record checks that its data holds exactly the product of its shape's dimensions. The shape
 * is copied; the data array is not (weights can be large), so the caller must not change it while the
 * record is in use. {@code equals} compares shapes and contents.
 */
public sealed interface ArrayData permits ArrayData.F32, ArrayData.F64, ArrayData.I64 {

    /** The dimensions, outermost first; an empty shape is a scalar holding one element. */
    int[] shape();

    /** The safetensors name of the element type: {@code "F32"}, {@code "F64"} or {@code "I64"}. */
    String dtype();

    /** The number of elements (the product of the shape). */
    int size();

    /** 32-bit floats. */
    record F32(int[] shape, float[] data) implements ArrayData {
        public F32 {
            shape = checkedShape(shape, data == null ? -1 : data.length, "F32");
        }

        @Override public String dtype() { return "F32"; }
        @Override public int size() { return data.length; }
        @Override public boolean equals(Object o) {
            return o instanceof F32 other && Arrays.equals(shape, other.shape) && Arrays.equals(data, other.data);
        }
        @Override public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data); }
        @Override public String toString() { return "F32" + Arrays.toString(shape); }
    }

    /** 64-bit floats. */
    record F64(int[] shape, double[] data) implements ArrayData {
        public F64 {
            shape = checkedShape(shape, data == null ? -1 : data.length, "F64");
        }

        @Override public String dtype() { return "F64"; }
        @Override public int size() { return data.length; }
        @Override public boolean equals(Object o) {
            return o instanceof F64 other && Arrays.equals(shape, other.shape) && Arrays.equals(data, other.data);
        }
        @Override public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data); }
        @Override public String toString() { return "F64" + Arrays.toString(shape); }
    }

    /** 64-bit signed integers. */
    record I64(int[] shape, long[] data) implements ArrayData {
        public I64 {
            shape = checkedShape(shape, data == null ? -1 : data.length, "I64");
        }

        @Override public String dtype() { return "I64"; }
        @Override public int size() { return data.length; }
        @Override public boolean equals(Object o) {
            return o instanceof I64 other && Arrays.equals(shape, other.shape) && Arrays.equals(data, other.data);
        }
        @Override public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data); }
        @Override public String toString() { return "I64" + Arrays.toString(shape); }
    }

    /** The number of elements a shape describes, or -1 if it overflows a Java array. */
    static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                return -1;
            }
        }
        return n;
    }

    private static int[] checkedShape(int[] shape, int length, String dtype) {
        if (shape == null) {
            throw new IllegalArgumentException(dtype + " array: shape is null");
        }
        if (length < 0) {
            throw new IllegalArgumentException(dtype + " array: data is null");
        }
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(dtype + " array: negative dimension in shape " + Arrays.toString(shape));
            }
        }
        long n = elementCount(shape);
        if (n != length) {
            throw new IllegalArgumentException(dtype + " array: shape " + Arrays.toString(shape) + " holds "
                    + (n < 0 ? "more than 2^31-1" : String.valueOf(n)) + " elements but the data has " + length);
        }
        return shape.clone();
    }
}
