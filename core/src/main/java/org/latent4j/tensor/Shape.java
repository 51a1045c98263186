package org.latent4j.tensor;

import java.util.Arrays;

/** Helpers on shapes ({@code int[]} dimension lists, row-major). */
public final class Shape {
    private Shape() {}

    /** The number of elements of a shape (1 for a scalar, {@code []}). */
    public static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + str(shape) + " has " + n + " elements, more than a Java array holds");
        }
        return (int) n;
    }

    /** Row-major strides, in elements. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** The NumPy broadcast of two shapes; the error names the op and both shapes. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": cannot broadcast shapes " + str(a) + " and " + str(b)
                        + " (dimension " + i + " of the result: " + da + " vs " + db + "; sizes must match or be 1)");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Strides of {@code shape} seen inside the larger broadcast shape {@code out}: 0 where the dimension is
     * broadcast (missing or 1), so a linear index into {@code out} maps to a position in the smaller array.
     */
    static int[] broadcastStrides(int[] shape, int[] out) {
        int[] s = new int[out.length];
        int[] own = strides(shape);
        int off = out.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            s[i + off] = shape[i] == 1 && out[i + off] != 1 ? 0 : own[i];
        }
        return s;
    }

    /** Normalizes a possibly negative axis against a rank, naming the op in the error. */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a tensor of rank " + rank
                    + " (expected " + (-rank) + ".." + (rank - 1) + ")");
        }
        return a;
    }

    /** A shape as text, e.g. {@code [128, 784]}. */
    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Throws unless every dimension is non-negative. */
    static int[] check(String op, int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": negative dimension in shape " + str(shape));
            }
        }
        return shape.clone();
    }
}
