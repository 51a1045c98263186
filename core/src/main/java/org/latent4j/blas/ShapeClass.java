package org.latent4j.blas;

/**
 * The classes of products whose fastest backend is measured once ({@link MeasuredChoice}): precision,
 * the two transpose flags and the size, where the kernels differ most:
 * <ul>
 *   <li>{@code vector}: C has one or two rows or columns (the Java path computes it as matrix-vector
 *       products, OpenBLAS's {@code sgemm} does not);</li>
 *   <li>{@code thin}: a side below 64 (the VAE's 20-wide latent layers: packing and the JNI call weigh as
 *       much as the arithmetic);</li>
 *   <li>{@code large}: everything else (the VAE's 784×400 layers).</li>
 * </ul>
 * Products of at most {@link SmallGemm#MAX_VOLUME} multiply-adds are {@link #TINY}: plain Java loops,
 * never timed (a JNI call alone costs more than the arithmetic).
 */
final class ShapeClass {
    static final int TINY = -1;
    static final int COUNT = 24;
    private static final String[] SIZES = {"vector", "thin", "large"};

    private ShapeClass() {}

    /** The class index in [0, {@link #COUNT}), or {@link #TINY}. */
    static int of(boolean dbl, boolean transA, boolean transB, int m, int n, int k) {
        if ((long) m * n * k <= SmallGemm.MAX_VOLUME) {
            return TINY;
        }
        int size = Math.min(m, n) <= 2 ? 0 : Math.min(Math.min(m, n), k) < 64 ? 1 : 2;
        return ((dbl ? 1 : 0) * 4 + (transA ? 2 : 0) + (transB ? 1 : 0)) * 3 + size;
    }

    /** The stable name of a class, as written in the cache file: {@code s-NT-large} (float, B transposed). */
    static String name(int c) {
        int size = c % 3, t = c / 3;
        return ((t & 4) != 0 ? "d" : "s") + "-" + ((t & 2) != 0 ? "T" : "N") + ((t & 1) != 0 ? "T" : "N") + "-" + SIZES[size];
    }

    /** The index of a name written by {@link #name}, or -1. */
    static int parse(String name) {
        for (int c = 0; c < COUNT; c++) {
            if (name(c).equals(name)) {
                return c;
            }
        }
        return -1;
    }
}
