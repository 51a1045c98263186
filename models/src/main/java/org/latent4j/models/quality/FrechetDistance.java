package org.latent4j.models.quality;

import org.latent4j.models.linalg.SymmetricEigen;

/**
 * The Fréchet (2-Wasserstein) distance between two Gaussians (Dowson and Landau 1982; the measure behind
 * Heusel et al. 2017's FID):
 * <pre>d² = ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½)</pre>
 * The matrix square roots come from symmetric eigendecompositions in double: Σ₁^½ Σ₂ Σ₁^½ is symmetric
 * positive semi-definite and has the same eigenvalues as Σ₁Σ₂, so tr (Σ₁Σ₂)^½ = Σ √λᵢ with no
 * non-symmetric square root (whose imaginary rounding residue FID code has to discard).
 *
 * <p>latent4j applies it to the features of its own classifier, not to Inception's: the number is
 * "the Fréchet distance on latent4j's classifier features", comparable between models measured with the
 * same classifier, not with published FIDs.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /** d² between the two Gaussians (≥ 0; the squared distance, as FID reports it). */
    public static double between(FeatureGaussian a, FeatureGaussian b) {
        if (a.d() != b.d()) {
            throw new IllegalArgumentException("Fréchet distance: the feature dimensions differ, " + a.d() + " and " + b.d());
        }
        int d = a.d();
        double meanTerm = 0;
        for (int j = 0; j < d; j++) {
            double diff = a.mean()[j] - b.mean()[j];
            meanTerm += diff * diff;
        }
        double trace = 0;
        for (int j = 0; j < d; j++) {
            trace += a.covariance()[j * d + j] + b.covariance()[j * d + j];
        }
        double[] rootA = SymmetricEigen.of(a.covariance(), d).sqrt();
        double[] m = multiply(multiply(rootA, b.covariance(), d), rootA, d);
        // exact arithmetic makes m symmetric; rounding does not, and the Jacobi method reads both halves
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (m[i * d + j] + m[j * d + i]);
                m[i * d + j] = v;
                m[j * d + i] = v;
            }
        }
        double traceRoot = 0;
        for (double lambda : SymmetricEigen.of(m, d).values()) {
            traceRoot += Math.sqrt(Math.max(lambda, 0.0));
        }
        // a distance of two nearly equal Gaussians can round to a tiny negative number
        return Math.max(0.0, meanTerm + trace - 2.0 * traceRoot);
    }

    private static double[] multiply(double[] x, double[] y, int d) {
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int p = 0; p < d; p++) {
                double xip = x[i * d + p];
                if (xip == 0.0) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    out[i * d + j] += xip * y[p * d + j];
                }
            }
        }
        return out;
    }
}
