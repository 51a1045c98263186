package org.latent4j.distributions;

import org.latent4j.random.RandomSource;
import org.latent4j.tensor.ContinuousBernoulliOps;
import org.latent4j.tensor.Losses;
import org.latent4j.tensor.Tensor;

/**
 * The continuous Bernoulli distribution on [0, 1] (Loaiza-Ganem and Cunningham, "The continuous
 * Bernoulli: fixing a pervasive error in variational autoencoders", NeurIPS 2019), the properly normalized
 * density for grey levels that the Bernoulli likelihood is often misused for. With λ = σ(l):
 * <pre>
 *   p(x | λ) = C(λ) λˣ (1 − λ)¹⁻ˣ,   C(λ) = 2 artanh(1 − 2λ) / (1 − 2λ),  C(½) = 2
 * </pre>
 * so {@code log p(x) = −BCE-with-logits(l, x) + log C}, with log C evaluated stably by
 * {@link ContinuousBernoulliOps#logNormalizer} (differentiable, including near λ = ½).
 */
public record ContinuousBernoulli(Tensor logits) implements Distribution {

    public ContinuousBernoulli {
        if (logits == null) {
            throw new IllegalArgumentException("ContinuousBernoulli: logits must not be null");
        }
    }

    @Override
    public int[] shape() {
        return logits.shape();
    }

    /** {@code x log λ + (1 − x) log(1 − λ) + log C(λ)} for x in [0, 1], broadcasting logits and x against each other. */
    @Override
    public Tensor logProb(Tensor x) {
        Tensor[] lx = Broadcast.pair("ContinuousBernoulli.logProb", logits, x);
        return ContinuousBernoulliOps.logNormalizer(lx[0]).sub(Losses.binaryCrossEntropyWithLogits(lx[0], lx[1]));
    }

    /** {@code log C(λ)} element-wise. */
    public Tensor logNormalizer() {
        return ContinuousBernoulliOps.logNormalizer(logits);
    }

    /** The mean {@code λ/(2λ − 1) + 1/(2 artanh(1 − 2λ))} (½ at λ = ½); not recorded for gradients. */
    @Override
    public Tensor mean() {
        return ContinuousBernoulliOps.mean(logits);
    }

    /** Inverse-CDF sampling, one uniform number per element in row-major order. */
    @Override
    public Tensor sample(RandomSource rng) {
        float[] l = logits.data();
        float[] out = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (float) ContinuousBernoulliOps.inverseCdf(l[i], rng.nextDouble());
        }
        return Tensor.of(out, logits.shape());
    }
}
