package org.latent4j.nn;

import java.util.Arrays;

/**
 * A module buffer of 64-bit integers: non-trainable state saved with the model as a safetensors
 * {@code I64} array, such as batch normalization's {@code num_batches_tracked}, which PyTorch keeps as
 * an int64 tensor. A float32 tensor would stop counting at 2^24, and PyTorch could not load it strictly.
 *
 * <p>{@link #data()} is the live array, written in place by the module that owns the buffer.
 */
public final class IntegerBuffer {
    private final int[] shape;
    private final long[] data;

    /** A buffer over {@code data} (not copied) with the given shape; an empty shape holds one value. */
    public IntegerBuffer(long[] data, int... shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("IntegerBuffer: negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("IntegerBuffer: shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
        this.shape = shape.clone();
        this.data = data;
    }

    /** A rank-0 buffer holding {@code value}. */
    public static IntegerBuffer scalar(long value) {
        return new IntegerBuffer(new long[] {value});
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The live values. */
    public long[] data() {
        return data;
    }

    @Override
    public String toString() {
        return "IntegerBuffer" + Arrays.toString(shape) + " " + Arrays.toString(data.length > 8 ? Arrays.copyOf(data, 8) : data);
    }
}
