package org.latent4j.models.vae;

/**
 * Per-example anomaly scores of a VAE (higher means more anomalous).
 *
 * @param negativeLogLikelihood         −log p(x), the importance-weighted estimate, in nats
 * @param logReconstructionProbability  log (1/K) Σ_k p(x|z_k) with z_k ~ q(z|x), the "reconstruction
 *                                      probability" of An and Cho (2015) in log space (lower is more anomalous)
 * @param elbo                          the per-example ELBO
 */
public record VaeScores(double[] negativeLogLikelihood, double[] logReconstructionProbability, double[] elbo) {

    static VaeScores of(ImportanceSampling.PerExample p) {
        int n = p.n();
        double[] nll = new double[n];
        double[] elbo = new double[n];
        for (int i = 0; i < n; i++) {
            nll[i] = -p.logLikelihood()[i];
            elbo[i] = p.reconstruction()[i] - p.kl()[i];
        }
        return new VaeScores(nll, p.logReconstructionProbability().clone(), elbo);
    }

    public int size() {
        return negativeLogLikelihood.length;
    }
}
