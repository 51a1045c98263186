package org.latent4j.nn;

import java.util.Arrays;
import org.latent4j.tensor.Pooling;
import org.latent4j.tensor.Tensor;

/** The checks shared by the pooling layers. */
final class PoolSettings {
    private PoolSettings() {}

    /** Padding as {h, w}, each at most half the kernel (PyTorch's rule: a window never lies wholly in the padding). */
    static int[] padding(String layer, int[] kernel, int[] padding) {
        int[] p = ConvSettings.pair(layer, "padding", padding, 0);
        if (p[0] > kernel[0] / 2 || p[1] > kernel[1] / 2) {
            throw new IllegalArgumentException(layer + ": padding " + ConvSettings.str(p)
                    + " must be at most half the kernel size " + ConvSettings.str(kernel));
        }
        return p;
    }

    /** Throws, naming the layer and the input shape, unless x is [N, C, H, W] with room for one window. */
    static void checkInput(String layer, Tensor x, int[] kernel, int[] stride, int[] padding) {
        int[] s = x.shape();
        if (s.length != 4 || Pooling.outputSize(s[2], kernel[0], stride[0], padding[0]) < 1
                || Pooling.outputSize(s[3], kernel[1], stride[1], padding[1]) < 1) {
            throw new IllegalArgumentException(layer + ": input shape " + Arrays.toString(s)
                    + " does not fit; expected [N, C, H, W] with H + 2·" + padding[0] + " >= " + kernel[0]
                    + " and W + 2·" + padding[1] + " >= " + kernel[1]);
        }
    }
}
