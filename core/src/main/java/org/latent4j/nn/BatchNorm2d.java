package org.latent4j.nn;

/**
 * Batch normalization of NCHW images per channel over N, H and W, as PyTorch's {@code nn.BatchNorm2d};
 * see {@link BatchNorm}.
 */
public final class BatchNorm2d extends BatchNorm {

    /** C channels with PyTorch's defaults: eps 1e-5, momentum 0.1. */
    public BatchNorm2d(int channels) {
        this(channels, EPS, MOMENTUM);
    }

    public BatchNorm2d(int channels, double eps, double momentum) {
        super(channels, eps, momentum);
    }

    @Override
    boolean acceptsRank(int rank) {
        return rank == 4;
    }

    @Override
    String layouts() {
        return "[N, C, H, W]";
    }
}
