package org.latent4j.models.wgan;

/**
 * A layer whose weight is spectrally normalized (Miyato et al. 2018): it keeps u and v as buffers and
 * moves them by one power iteration when training asks for it, never in its forward pass.
 */
public interface SpectralLayer {
    /** One power iteration on the current weight, updating u and v in place (training only). */
    void powerIteration();

    /** The current estimate uᵀ W v of the largest singular value of the weight seen as [out, rest]. */
    double sigma();
}
