package org.latent4j.models.vae;

import org.latent4j.random.RandomSource;
import org.latent4j.tensor.RowLosses;
import org.latent4j.tensor.Tensor;

/**
 * The continuous Bernoulli (Loaiza-Ganem and Cunningham, "The continuous Bernoulli: fixing a pervasive
 * error in variational autoencoders", NeurIPS 2019): p(x|λ) = C(λ) λ^x (1−λ)^{1−x} on [0, 1], a proper
 * density for grey levels. With logits l (λ = σ(l)) the normalizer simplifies to
 * C = l / tanh(l/2) (which tends to 2 at l = 0), so
 * log p(x|z) = Σ_d x_d l_d − softplus(l_d) + log(l_d / tanh(l_d/2)).
 * Near l = 0 the normalizer uses its Taylor series log 2 + l²/12, so it is stable everywhere.
 */
public final class ContinuousBernoulliLikelihood extends Likelihood {
    /** Below this |l| the Taylor series of the log-normalizer is exact to float precision. */
    private static final float SMALL = 1e-2f;

    @Override
    public LikelihoodKind kind() {
        return LikelihoodKind.CONTINUOUS_BERNOULLI;
    }

    @Override
    public Tensor logProb(Tensor logits, Tensor x) {
        return logNormalizer(logits).sum(-1).sub(RowLosses.bernoulliNll(logits, x));
    }

    /** log C(σ(l)) = log(l / tanh(l/2)) element-wise, stable near 0 and for large |l|. */
    public static Tensor logNormalizer(Tensor l) {
        Tensor a = l.abs();
        Tensor small = a.lt(SMALL);
        // where() routes no gradient into the branch it does not take, but that branch must stay finite:
        // log(0) at l = 0 would turn the zero gradient into NaN, so the far branch sees 1 there.
        Tensor safe = Tensor.where(small, Tensor.scalar(1f), a);
        Tensor far = safe.log().sub(safe.mul(0.5f).tanh().log());
        Tensor near = l.square().mul(1f / 12f).add((float) Math.log(2));
        return Tensor.where(small, near, far);
    }

    /** E[x] = λ/(2λ−1) + 1/(2 atanh(1−2λ)), which in logits is σ(l)/tanh(l/2) − 1/l (½ + l/12 near 0). */
    @Override
    public Tensor mean(Tensor logits) {
        float[] l = logits.data();
        float[] out = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            double v = l[i];
            if (Math.abs(v) < 1e-3) {
                out[i] = (float) (0.5 + v / 12);
            } else {
                double sig = 1 / (1 + Math.exp(-v));
                out[i] = (float) (sig / Math.tanh(v / 2) - 1 / v);
            }
        }
        return Tensor.of(out, logits.shape());
    }

    /** Inverse-CDF sampling: x = log(1 + u (e^l − 1)) / l with u uniform (x = u at l = 0). */
    @Override
    public Tensor sample(Tensor logits, RandomSource rng) {
        float[] l = logits.data();
        float[] out = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            double u = rng.nextDouble();
            double v = Math.max(-50, Math.min(50, l[i]));
            double x = Math.abs(v) < 1e-6 ? u : Math.log1p(u * Math.expm1(v)) / v;
            out[i] = (float) Math.min(1, Math.max(0, x));
        }
        return Tensor.of(out, logits.shape());
    }
}
