package org.latent4j.nn;

/**
 * Batch normalization of [N, C] features or [N, C, L] sequences over N (and L), as PyTorch's
 * {@code nn.BatchNorm1d}; see {@link BatchNorm}.
 */
public final class BatchNorm1d extends BatchNorm {

    /** C features with PyTorch's defaults: eps 1e-5, momentum 0.1. */
    public BatchNorm1d(int features) {
        this(features, EPS, MOMENTUM);
    }

    public BatchNorm1d(int features, double eps, double momentum) {
        super(features, eps, momentum);
    }

    @Override
    boolean acceptsRank(int rank) {
        return rank == 2 || rank == 3;
    }

    @Override
    String layouts() {
        return "[N, C] or [N, C, L]";
    }
}
