package org.latent4j.tensor;

/**
 * A fixed sparse linear map from each plane of an input (its last dimensions, {@code inPlane} values) to
 * the matching plane of an output ({@code outPlane} values): output value o of plane p is
 * {@code Σ_k weight[o·width + k] · input[p][index[o·width + k]]}.
 *
 * <p>The index and weight tables are either one table shared by all planes (length outPlane·width:
 * nearest and bilinear upsampling, average pooling) or one table per plane, stacked (length
 * planes·outPlane·width: max pooling's recorded argmax). A null weight table means all ones.
 * The tables are never copied or written after construction.
 */
public record PlaneMap(int inPlane, int outPlane, int width, int[] index, float[] weight) {
    public PlaneMap {
        if (inPlane < 1 || outPlane < 0 || width < 1) {
            throw new IllegalArgumentException("PlaneMap: expected inPlane >= 1, outPlane >= 0, width >= 1, got "
                    + inPlane + ", " + outPlane + ", " + width);
        }
        int table = outPlane * width;
        if (table == 0 ? index.length != 0 : index.length % table != 0) {
            throw new IllegalArgumentException("PlaneMap: index table of length " + index.length
                    + " is not a whole number of planes of " + table + " entries");
        }
        if (weight != null && weight.length != index.length) {
            throw new IllegalArgumentException("PlaneMap: weight table of length " + weight.length
                    + " does not match the index table's " + index.length);
        }
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= inPlane) {
                throw new IndexOutOfBoundsException("PlaneMap: index " + index[i] + " at position " + i
                        + " is outside a plane of " + inPlane + " values");
            }
        }
    }

    /** Whether each plane has its own table (else one table serves all planes). */
    boolean perPlane() {
        return index.length > outPlane * width;
    }

    /** Where plane p's table starts. */
    int tableStart(int p) {
        return perPlane() ? p * outPlane * width : 0;
    }

    /** How many planes a per-plane table covers (any number for a shared one: -1). */
    int planes() {
        return perPlane() ? index.length / (outPlane * width) : -1;
    }
}
