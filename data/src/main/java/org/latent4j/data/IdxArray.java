package org.latent4j.data;

import java.util.Arrays;

/**
 * The content of an unsigned-byte IDX file (the format of MNIST and Fashion-MNIST, described at
 * http://yann.lecun.com/exdb/mnist/): its dimensions, outermost first, and its bytes, row-major.
 *
 * @param dims   e.g. {@code [60000, 28, 28]} for images, {@code [60000]} for labels
 * @param data   the values as stored (read them with {@code & 0xFF})
 * @param source the file or resource it came from
 */
public record IdxArray(int[] dims, byte[] data, String source) {
    public IdxArray {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException(source + ": negative IDX dimension in " + Arrays.toString(dims));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(source + ": IDX dimensions " + Arrays.toString(dims) + " describe " + n
                    + " values, data has " + data.length);
        }
        dims = dims.clone();
    }

    /** The size of the first dimension: the number of images or labels. */
    public int count() {
        return dims.length == 0 ? 1 : dims[0];
    }

    @Override
    public String toString() {
        return "IdxArray" + Arrays.toString(dims) + " from " + source;
    }
}
