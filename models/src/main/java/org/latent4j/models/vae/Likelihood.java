package org.latent4j.models.vae;

import org.latent4j.nn.Module;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * A decoder likelihood p_θ(x|z), as a function of the decoder's output for z (logits or means) and of
 * the data. A module, because one of them (the Gaussian with learned variance) has parameters of its
 * own. All log-densities are summed over the data dimensions, one value per example, in nats.
 */
public abstract sealed class Likelihood extends Module
        permits BernoulliLikelihood, GaussianLikelihood, LearnedGaussianLikelihood, ContinuousBernoulliLikelihood {

    /** Which likelihood this is. */
    public abstract LikelihoodKind kind();

    /** log p(x|z) per example: decoder output and data of shape [N, D] give [N]. Differentiable. */
    public abstract Tensor logProb(Tensor decoderOutput, Tensor x);

    /** E[x|z] for each row of the decoder output. */
    public abstract Tensor mean(Tensor decoderOutput);

    /** A draw x ~ p(x|z) for each row of the decoder output. */
    public abstract Tensor sample(Tensor decoderOutput, RandomSource rng);

    /** A new likelihood of the given kind for data of {@code dim} dimensions. */
    public static Likelihood create(LikelihoodKind kind, int dim) {
        return create(kind, dim, dim);
    }

    /**
     * A new likelihood of the given kind for sequences of {@code dim} = T·F values, time-major, whose learned
     * parameters (the Gaussian's variances) are per feature, shared over the T steps: {@code features} = F.
     */
    public static Likelihood create(LikelihoodKind kind, int dim, int features) {
        if (features < 1 || dim % features != 0) {
            throw new IllegalArgumentException("likelihood: " + dim + " values are not whole steps of " + features + " features");
        }
        return switch (kind) {
            case BERNOULLI -> new BernoulliLikelihood();
            case GAUSSIAN -> new GaussianLikelihood();
            case GAUSSIAN_LEARNED -> new LearnedGaussianLikelihood(features);
            case CONTINUOUS_BERNOULLI -> new ContinuousBernoulliLikelihood();
        };
    }

    static final double LOG_2PI = Math.log(2 * Math.PI);
}
