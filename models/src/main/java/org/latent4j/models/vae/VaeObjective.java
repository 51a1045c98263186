package org.latent4j.models.vae;

import java.util.LinkedHashMap;
import java.util.Map;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.TrainingObjective;
import org.latent4j.nn.Module;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * The training loss of a {@link Vae}: −Σ_x [(1/K) Σ_k log p(x|z_k) − β_t·KL], with β_t ramped up over
 * the warm-up epochs and, with free bits λ (Kingma et al., "Improved Variational Inference with Inverse
 * Autoregressive Flow", 2016), the KL of each latent dimension replaced by max(λ, its batch mean).
 * The reported loss is the plain negative ELBO (β = 1, no floor), comparable across settings, with its
 * two parts: {@code recon} = −Σ_x (1/K) Σ_k log p(x|z_k) and {@code kl} = Σ_x KL(q(z|x) ‖ p(z)).
 */
final class VaeObjective implements TrainingObjective {
    private final Vae vae;
    private final int evalBatch;

    VaeObjective(Vae vae, int evalBatch) {
        this.vae = vae;
        this.evalBatch = evalBatch;
    }

    @Override
    public Module module() {
        return vae;
    }

    @Override
    public BatchLoss loss(Tensor batch, double epochPosition, RandomSource noise) {
        VaeConfig c = vae.config();
        Vae.Terms t = vae.terms(batch, c.samples(), noise);
        Tensor recon = t.logLikelihood().sum();
        Tensor klSum = t.klPerDim().sum();
        Tensor klTerm = klSum;
        if (c.freeBits() > 0) {
            int n = batch.dim(0);
            klTerm = t.klPerDim().mean(0).maximum(Tensor.scalar((float) c.freeBits())).sum().mul(n);
        }
        float beta = (float) c.betaAt(epochPosition);
        Tensor objective = beta == 1f ? klTerm.sub(recon) : klTerm.mul(beta).sub(recon);
        double reconValue = -recon.item();
        double klValue = klSum.item();
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("recon", reconValue);
        parts.put("kl", klValue);
        return new BatchLoss(objective, reconValue + klValue, parts);
    }

    /**
     * Mean per example of the negative ELBO ({@code loss}), its reconstruction part ({@code recon},
     * −E_q log p(x|z)) and its KL part ({@code kl}), one sample of z per example, as the reference does.
     */
    @Override
    public Map<String, Double> evaluate(DataMatrix data, RandomSource rng) {
        double recon = 0, kl = 0;
        try (var g = Autograd.noGrad()) {
            for (int s = 0; s < data.rows(); s += evalBatch) {
                int e = Math.min(data.rows(), s + evalBatch);
                Vae.Terms t = vae.terms(data.slice(s, e), 1, rng);
                recon -= t.logLikelihood().sum().item();
                kl += t.klPerDim().sum().item();
            }
        }
        int n = Math.max(1, data.rows());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", (recon + kl) / n);
        m.put("recon", recon / n);
        m.put("kl", kl / n);
        return m;
    }
}
