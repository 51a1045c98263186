package org.latent4j.models.wgan;

import org.latent4j.nn.Module;
import org.latent4j.tensor.Tensor;

/**
 * Weight clipping of the original WGAN (Arjovsky, Chintala and Bottou 2017, Algorithm 1, line 7): after
 * every critic update each critic parameter is clamped to [−c, c], which bounds the critic's Lipschitz
 * constant by a (large) number depending on c and the architecture only.
 */
public final class WeightClipping {
    private WeightClipping() {}

    /** Clamps every parameter of {@code module} to [−c, c] in place. */
    public static void clip(Module module, double c) {
        if (!(c > 0)) {
            throw new IllegalArgumentException("weight clipping: c must be > 0, got " + c);
        }
        float hi = (float) c;
        float lo = -hi;
        for (Tensor p : module.namedParameters().values()) {
            float[] w = p.data();
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.min(Math.max(w[i], lo), hi);
            }
        }
    }
}
