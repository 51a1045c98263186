package org.latent4j.models.gaussian;

import org.latent4j.random.RandomSource;

/**
 * The latent-variable model of the first lecture note: z ~ Uniform(low, high), x | z ~ N(z, σ²).
 * Its marginal density is p(x) = [Φ((high − x)/σ) − Φ((low − x)/σ)] / (high − low).
 *
 * <p>{@link #fitVariance} estimates σ² from x alone by maximum likelihood with EM: given σ_t, the
 * posterior of z given x is N(x, σ_t²) restricted to [low, high], and the M-step sets
 * σ²_{t+1} = (1/n) Σ_i E[(x_i − z)² | x_i, σ_t], the restricted second moment about x_i
 * ({@link Normal#truncatedMoments}). The likelihood never decreases.
 */
public record UniformLatentModel(double low, double high, double sigma) {

    public UniformLatentModel {
        if (!(high > low) || Double.isInfinite(low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("uniform latent: expected finite low < high, got [" + low + ", " + high + "]");
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("uniform latent: expected a finite sigma > 0, got " + sigma);
        }
    }

    /** Draws n pairs; returns x, and writes z into latentOut when it is not null. */
    public double[] sample(int n, RandomSource rng, double[] latentOut) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double z = low + (high - low) * rng.nextDouble();
            if (latentOut != null) {
                latentOut[i] = z;
            }
            x[i] = z + sigma * rng.nextGaussian();
        }
        return x;
    }

    /** log p(x) of one observation. */
    public double logDensity(double x) {
        return Math.log(Normal.intervalProbability((low - x) / sigma, (high - x) / sigma)) - Math.log(high - low);
    }

    /** The mean log-likelihood (1/n) Σ_i log p(x_i). */
    public double meanLogLikelihood(double[] x) {
        double s = 0.0;
        for (double v : x) {
            s += logDensity(v);
        }
        return s / x.length;
    }

    /** The outcome of {@link #fitVariance}: σ̂², the EM iterations and whether they converged. */
    public record VarianceFit(double variance, int iterations, boolean converged) {}

    /**
     * The maximum-likelihood σ² given x and the known interval, by EM from the moment estimate
     * Var(x) − (high − low)²/12 (or a small positive start when that is not positive). Stops when σ²
     * changes by less than {@code relTol} relative, or after {@code maxIter} iterations.
     */
    public static VarianceFit fitVariance(double[] x, double low, double high, double relTol, int maxIter) {
        if (x.length == 0) {
            throw new IllegalArgumentException("uniform latent: no observations");
        }
        double mean = 0.0;
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("uniform latent: observation " + v + " is not finite");
            }
            mean += v;
        }
        mean /= x.length;
        double sq = 0.0;
        for (double v : x) {
            sq += (v - mean) * (v - mean);
        }
        double range = high - low;
        double var = sq / x.length - range * range / 12.0;
        if (!(var > 0)) {
            var = range * range * 1e-4;
        }
        double[] mom = new double[3];
        for (int it = 1; it <= maxIter; it++) {
            double sigma = Math.sqrt(var);
            double s = 0.0;
            for (double v : x) {
                // z | x ~ N(x, σ²) on [low, high]: the second moment of z − x.
                Normal.truncatedMoments(v, sigma, low, high, mom);
                s += mom[2];
            }
            double next = s / x.length;
            if (Math.abs(next - var) <= relTol * var) {
                return new VarianceFit(next, it, true);
            }
            var = next;
        }
        return new VarianceFit(var, maxIter, false);
    }
}
