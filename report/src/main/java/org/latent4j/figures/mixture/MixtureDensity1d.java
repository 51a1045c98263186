package org.latent4j.figures.mixture;

import org.latent4j.models.gaussian.Normal;
import org.latent4j.models.mixture.MixtureParameters;

/**
 * A 1-D mixture's curves for drawing: each weighted component α_j N(x; μ_j, σ_j²) and their sum, the
 * mixture density p(x) = Σ_j α_j N(x; μ_j, σ_j²), on an even grid of x.
 */
record MixtureDensity1d(double[] x, double[][] components, double[] mixture) {

    /** Points on the curves: enough that a component a few pixels wide is still smooth. */
    static final int POINTS = 401;

    static MixtureDensity1d of(MixtureParameters p, double lo, double hi) {
        if (p.d() != 1) {
            throw new IllegalArgumentException("a histogram with component densities needs 1-D data, the mixture has d = " + p.d());
        }
        int k = p.k();
        double[] w = p.weights();
        double[] mu = p.means();
        double[] sd = sds(p);
        double[] x = new double[POINTS];
        double[][] comp = new double[k][POINTS];
        double[] mix = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = lo + (hi - lo) * i / (POINTS - 1);
            for (int j = 0; j < k; j++) {
                comp[j][i] = w[j] * Normal.pdf((x[i] - mu[j]) / sd[j]) / sd[j];
                mix[i] += comp[j][i];
            }
        }
        return new MixtureDensity1d(x, comp, mix);
    }

    /** Standard deviations of a 1-D mixture's components, whatever the covariance storage. */
    static double[] sds(MixtureParameters p) {
        double[] sd = new double[p.k()];
        for (int j = 0; j < p.k(); j++) {
            sd[j] = Math.sqrt(p.covarianceMatrix(j)[0]);
        }
        return sd;
    }

    /**
     * The x range to draw: the data's range, widened to 3 sd around each component of non-negligible
     * weight, but never more than half the data's range beyond either end (a broad component of tiny
     * weight must not squash the histogram).
     */
    static double[] range(double[] data, MixtureParameters p) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : data) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double[] sd = sds(p);
        double[] w = p.weights();
        double[] mu = p.means();
        double span = max - min;
        if (!(span > 0)) {
            double s = 0;
            for (double v : sd) {
                s = Math.max(s, v);
            }
            span = s > 0 ? 6 * s : Math.max(1.0, Math.abs(min));
        }
        double lo = min, hi = max;
        for (int j = 0; j < p.k(); j++) {
            if (w[j] > 1e-3) {
                lo = Math.min(lo, mu[j] - 3 * sd[j]);
                hi = Math.max(hi, mu[j] + 3 * sd[j]);
            }
        }
        lo = Math.max(lo, min - 0.5 * span);
        hi = Math.min(hi, max + 0.5 * span);
        if (!(hi > lo)) {
            lo = min - 0.5 * span;
            hi = max + 0.5 * span;
        }
        return new double[] {lo, hi};
    }
}
