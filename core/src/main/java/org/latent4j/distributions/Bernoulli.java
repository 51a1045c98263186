package org.latent4j.distributions;

import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Losses;
import org.latent4j.tensor.Tensor;

/**
 * Independent Bernoulli variables parameterized by logits l (p = σ(l)), the decoder likelihood of binary
 * (or, as the reference VAE uses it, grey-level) pixels:
 * {@code log p(x) = x log σ(l) + (1 − x) log(1 − σ(l))} = −BCE-with-logits(l, x), computed by
 * {@link Losses#binaryCrossEntropyWithLogits} so that it is finite for every logit.
 */
public record Bernoulli(Tensor logits) implements Distribution {

    public Bernoulli {
        if (logits == null) {
            throw new IllegalArgumentException("Bernoulli: logits must not be null");
        }
    }

    @Override
    public int[] shape() {
        return logits.shape();
    }

    /** The probabilities σ(l). */
    public Tensor probs() {
        return logits.sigmoid();
    }

    @Override
    public Tensor mean() {
        return probs();
    }

    /** {@code x log σ(l) + (1 − x) log(1 − σ(l))}, broadcasting logits and x against each other. */
    @Override
    public Tensor logProb(Tensor x) {
        Tensor[] lx = Broadcast.pair("Bernoulli.logProb", logits, x);
        return Losses.binaryCrossEntropyWithLogits(lx[0], lx[1]).neg();
    }

    /** 1 with probability σ(l), else 0 (one uniform number per element, in row-major order). */
    @Override
    public Tensor sample(RandomSource rng) {
        float[] l = logits.data();
        float[] out = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            double p = 1 / (1 + Math.exp(-(double) l[i]));
            out[i] = rng.nextDouble() < p ? 1f : 0f;
        }
        return Tensor.of(out, logits.shape());
    }

    /** The entropy {@code softplus(l) − l·σ(l)}, element-wise. */
    public Tensor entropy() {
        return logits.softplus().sub(logits.mul(logits.sigmoid()));
    }
}
