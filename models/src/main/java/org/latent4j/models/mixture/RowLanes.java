package org.latent4j.models.mixture;

import org.latent4j.runtime.VectorSupport;

/**
 * The rows of an n×d matrix laid out for vector arithmetic across rows: the rows are cut into groups
 * of {@link #LANES} (the machine's double-vector width), and group g stores its d columns one after
 * the other, each as LANES consecutive values, one per row: {@code data[(g·d + c)·LANES + lane]}.
 *
 * <p>Why: the E-step's Mahalanobis terms and the M-step's scatter matrices are, for each component,
 * d(d+1)/2 multiply-adds per row. With rows in the vector lanes, each multiply-add of a triangular
 * factor entry or of a pair of columns serves LANES rows at once, with no horizontal sums, no
 * padding of the triangle to tile widths and no intermediate product matrix written to memory.
 *
 * <p>The groups are padded with zero rows to a multiple of {@link #GROUP_BLOCK} groups, so the kernels
 * always work on whole blocks; the padding rows are never reported.
 */
final class RowLanes {
    /** Rows per vector: the machine's double-vector width (8 without the Vector API: scalar kernels). */
    static final int LANES = VectorSupport.AVAILABLE ? LaneVectors.SPECIES.length() : 8;
    /** Groups the kernels process together (their register tiles are this many row vectors high). */
    static final int GROUP_BLOCK = 4;

    final int n;
    final int d;
    /** Groups of LANES rows, a multiple of GROUP_BLOCK. */
    final int groups;
    final double[] data;

    private RowLanes(int n, int d, int groups, double[] data) {
        this.n = n;
        this.d = d;
        this.groups = groups;
        this.data = data;
    }

    /** The n×d row-major matrix x in lane layout (a copy). */
    static RowLanes of(double[] x, int n, int d) {
        int groups = roundUp((n + LANES - 1) / LANES, GROUP_BLOCK);
        double[] data = new double[groups * d * LANES];
        for (int i = 0; i < n; i++) {
            int g = i / LANES;
            int lane = i % LANES;
            int src = i * d;
            int dst = g * d * LANES + lane;
            for (int c = 0; c < d; c++) {
                data[dst + c * LANES] = x[src + c];
            }
        }
        return new RowLanes(n, d, groups, data);
    }

    /** Offset of group g's column c. */
    int offset(int g, int c) {
        return (g * d + c) * LANES;
    }

    static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }
}
