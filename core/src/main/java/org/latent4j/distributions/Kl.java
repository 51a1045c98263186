package org.latent4j.distributions;

import org.latent4j.tensor.Tensor;

/** Closed-form Kullback-Leibler divergences, element-wise (the caller sums over the latent axes). */
public final class Kl {
    private Kl() {}

    /**
     * KL(N(μ, σ²) ‖ N(0, 1)) = −½ (1 + log σ² − μ² − σ²) element-wise, the regularizer of the VAE
     * objective (Kingma and Welling, ICLR 2014, appendix B); differentiable in μ and log σ².
     */
    public static Tensor toStandardNormal(Tensor mean, Tensor logVar) {
        DiagonalNormal.checkParameters(mean, logVar);
        return logVar.add(1f).sub(mean.square()).sub(logVar.exp()).mul(-0.5f);
    }

    /** KL(q ‖ N(0, I)) for a diagonal normal q. */
    public static Tensor toStandardNormal(DiagonalNormal q) {
        return toStandardNormal(q.mean(), q.logVar());
    }

    /**
     * KL(q ‖ p) between diagonal normals, element-wise:
     * ½ (log σ_p² − log σ_q² + (σ_q² + (μ_q − μ_p)²) / σ_p² − 1).
     */
    public static Tensor between(DiagonalNormal q, DiagonalNormal p) {
        Tensor d = q.mean().sub(p.mean());
        return q.logVar().exp().add(d.square()).mul(p.logVar().neg().exp())
                .add(p.logVar()).sub(q.logVar()).sub(1f).mul(0.5f);
    }
}
