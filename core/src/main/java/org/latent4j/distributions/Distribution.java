package org.latent4j.distributions;

import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * A distribution over float32 tensors whose elements are independent (a fully factorized, "diagonal"
 * distribution). {@link #logProb} is element-wise: the caller sums over the axes that make up one
 * observation, which keeps per-pixel or per-dimension terms available (e.g. for a β-weighted or a masked
 * likelihood). Parameters are tensors that may be part of a recorded computation, so log-probabilities
 * (and, where offered, reparameterized samples) carry gradients back to them.
 */
public sealed interface Distribution permits DiagonalNormal, UnitVarianceNormal, Bernoulli, ContinuousBernoulli {

    /** The log-density (or log-mass) of {@code x} element-wise, broadcasting x against the parameters. */
    Tensor logProb(Tensor x);

    /** A sample of the parameters' shape, drawn from {@code rng}, outside any recorded computation. */
    Tensor sample(RandomSource rng);

    /** The mean, element-wise. */
    Tensor mean();

    /** The shape of one sample. */
    int[] shape();
}
