package org.latent4j.distributions;

import java.util.Arrays;
import org.latent4j.tensor.Tensor;

/** NumPy broadcasting of a parameter tensor and an observation tensor for the fused loss kernels, which need equal shapes. */
final class Broadcast {
    private Broadcast() {}

    /** Both tensors expanded (differentiably) to their common broadcast shape; unchanged when already equal. */
    static Tensor[] pair(String who, Tensor params, Tensor x) {
        int[] a = params.shape();
        int[] b = x.shape();
        if (Arrays.equals(a, b)) {
            return new Tensor[] {params, x};
        }
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(who + ": parameter shape " + Arrays.toString(a)
                        + " and observation shape " + Arrays.toString(b) + " do not broadcast (dimension " + i + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return new Tensor[] {Arrays.equals(a, out) ? params : params.broadcastTo(out), Arrays.equals(b, out) ? x : x.broadcastTo(out)};
    }
}
