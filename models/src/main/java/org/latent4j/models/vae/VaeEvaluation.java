package org.latent4j.models.vae;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.latent4j.io.Json;

/**
 * How good a VAE is on some data, per example, in nats (natural signs: log-likelihoods are negative).
 *
 * @param examples          number of examples
 * @param importanceSamples K, the samples per example behind the estimates
 * @param elbo              mean ELBO = reconstruction − kl (a lower bound on log p(x))
 * @param reconstruction    mean E_q[log p(x|z)], estimated with the K samples
 * @param kl                mean KL(q(z|x) ‖ p(z)), closed form
 * @param logLikelihood     mean importance-weighted estimate of log p(x) (≥ the ELBO in expectation, tighter as K grows)
 * @param gap               logLikelihood − elbo, an estimate of KL(q(z|x) ‖ p(z|x))
 * @param activeUnits       latent dimensions whose encoder mean varies over the data with variance > 0.01 (Burda et al. 2016)
 * @param klPerDim          mean KL of each latent dimension
 * @param activity          the variance over the data of each dimension's encoder mean
 */
public record VaeEvaluation(int examples, int importanceSamples, double elbo, double reconstruction, double kl,
                            double logLikelihood, double gap, int activeUnits, double[] klPerDim, double[] activity) {

    /** The activity threshold of Burda et al. */
    public static final double ACTIVE_THRESHOLD = 0.01;

    static VaeEvaluation of(ImportanceSampling.PerExample p) {
        int n = Math.max(1, p.n());
        double recon = mean(p.reconstruction()), kl = mean(p.kl()), ll = mean(p.logLikelihood());
        double[] klPerDim = new double[p.latent()];
        for (int j = 0; j < klPerDim.length; j++) {
            klPerDim[j] = p.klPerDimSum()[j] / n;
        }
        double[] activity = activity(p.mu(), p.n(), p.latent());
        int active = 0;
        for (double a : activity) {
            if (a > ACTIVE_THRESHOLD) {
                active++;
            }
        }
        double elbo = recon - kl;
        return new VaeEvaluation(p.n(), p.samples(), elbo, recon, kl, ll, ll - elbo, active, klPerDim, activity);
    }

    /** Var_x(μ_j(x)) for each dimension j, two-pass in double precision. */
    static double[] activity(float[] mu, int n, int latent) {
        double[] mean = new double[latent];
        double[] var = new double[latent];
        if (n == 0) {
            return var;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < latent; j++) {
                mean[j] += mu[i * latent + j];
            }
        }
        for (int j = 0; j < latent; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < latent; j++) {
                double d = mu[i * latent + j] - mean[j];
                var[j] += d * d;
            }
        }
        for (int j = 0; j < latent; j++) {
            var[j] /= n;
        }
        return var;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? 0 : s / v.length;
    }

    /** As JSON: elbo, reconstruction, kl, log_likelihood, gap, active_units, kl_per_dim, ... */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("examples", examples);
        o.put("importance_samples", importanceSamples);
        o.put("elbo", elbo);
        o.put("reconstruction", reconstruction);
        o.put("kl", kl);
        o.put("log_likelihood", logLikelihood);
        o.put("gap", gap);
        o.put("active_units", activeUnits);
        ArrayNode k = o.putArray("kl_per_dim");
        for (double v : klPerDim) {
            k.add(v);
        }
        ArrayNode a = o.putArray("activity");
        for (double v : activity) {
            a.add(v);
        }
        return o;
    }
}
