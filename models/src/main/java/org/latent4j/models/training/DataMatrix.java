package org.latent4j.models.training;

import org.latent4j.runtime.Parallel;
import org.latent4j.tensor.ArrayRecycler;
import org.latent4j.tensor.Tensor;

/**
 * Rows of numbers a model trains or is evaluated on: {@code rows × cols} float32 values, row-major,
 * shared (not copied). The name appears in error messages (e.g. {@code fashion-mnist/test}).
 */
public record DataMatrix(String name, float[] x, int rows, int cols) {
    /** Values per thread below which a batch is gathered on the calling thread (a hand-off costs more). */
    private static final int GATHER_MIN_VALUES = 1 << 14;

    public DataMatrix {
        if (x == null || rows < 0 || cols < 1 || x.length != (long) rows * cols) {
            throw new IllegalArgumentException((name == null ? "data" : name) + ": " + rows + " rows × " + cols
                    + " columns need " + (long) rows * cols + " values, got " + (x == null ? "none" : x.length));
        }
        name = name == null ? "data" : name;
    }

    /**
     * A 64-bit fingerprint of the shape and the values: FNV-1a over the rows, the columns and each
     * value's float bit pattern (a 32-bit word at a time), then SplitMix64's finalizer to spread the bits.
     * Equal data give equal fingerprints; different data, almost surely different ones. A checkpoint
     * records it so that a run is resumed on the data it started with.
     */
    public long fingerprint() {
        long h = 0xcbf29ce484222325L;
        h = (h ^ rows) * 0x100000001b3L;
        h = (h ^ cols) * 0x100000001b3L;
        for (float v : x) {
            h = (h ^ (Float.floatToRawIntBits(v) & 0xffffffffL)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /** Rows {@code [start, end)} as a tensor (a copy). */
    public Tensor slice(int start, int end) {
        float[] out = new float[(end - start) * cols];
        System.arraycopy(x, start * cols, out, 0, out.length);
        return Tensor.of(out, end - start, cols);
    }

    /**
     * Rows {@code order[start..end)} gathered into a new tensor (a mini-batch). The rows are picked at
     * random from a matrix far larger than the caches, so the copy waits on memory; the threads share it
     * (the copy is the same whoever makes it).
     */
    public Tensor gather(int[] order, int start, int end) {
        int n = end - start;
        float[] out = ArrayRecycler.forOutput(n * cols); // every row copied over it
        Parallel.forRange(n, Math.max(1, GATHER_MIN_VALUES / cols), (s, e) -> {
            for (int i = s; i < e; i++) {
                System.arraycopy(x, order[start + i] * cols, out, i * cols, cols);
            }
        });
        return Tensor.of(out, n, cols);
    }

    /**
     * Checks that there is at least one row; otherwise fails naming this data and what needed it (an empty
     * data set would otherwise "train" to a NaN mean loss and an untouched model).
     */
    public DataMatrix requireRows(String use) {
        if (rows < 1) {
            throw new IllegalArgumentException(name + " has no rows (0 examples); " + use + " needs at least one");
        }
        return this;
    }

    /** Checks that every value lies in [0, 1]; otherwise fails naming this data, the row, column and value. */
    public DataMatrix requireUnitInterval(String what) {
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException(name + ": row " + i / cols + ", column " + i % cols + " has value " + v
                        + "; " + what + " needs every value in [0, 1]"
                        + (v > 1f && v <= 255f ? " (pixel values 0-255 need scaling: divide by 255)" : ""));
            }
        }
        return this;
    }

    /** Checks that every value is finite; otherwise fails naming this data, the row, column and value. */
    public DataMatrix requireFinite() {
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException(name + ": row " + i / cols + ", column " + i % cols + " has value "
                        + x[i] + "; values must be finite");
            }
        }
        return this;
    }

    /** Checks the column count a model expects. */
    public DataMatrix requireColumns(int expected, String model) {
        if (cols != expected) {
            throw new IllegalArgumentException(name + " has " + cols + " columns, but " + model + " expects " + expected);
        }
        return this;
    }
}
