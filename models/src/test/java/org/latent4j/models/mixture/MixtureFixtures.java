package org.latent4j.models.mixture;

import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.random.RandomSource;

/** Known mixtures to draw test data from. */
final class MixtureFixtures {
    private MixtureFixtures() {}

    /** Three well-separated components in 3-D with covariances of the given type. */
    static MixtureParameters threeComponents(CovarianceType type) {
        int k = 3;
        int d = 3;
        double[] w = {0.2, 0.3, 0.5};
        double[] mu = {0, 0, 0, 8, 8, 0, -8, 6, 8};
        double[] cov = switch (type) {
            case FULL -> new double[] {
                    1.0, 0.5, 0.2, 0.5, 2.0, 0.3, 0.2, 0.3, 1.5,
                    0.5, 0.0, 0.0, 0.0, 1.0, -0.4, 0.0, -0.4, 2.0,
                    3.0, -1.0, 0.0, -1.0, 1.0, 0.0, 0.0, 0.0, 0.7};
            case TIED -> new double[] {1.0, 0.4, 0.1, 0.4, 1.5, -0.2, 0.1, -0.2, 0.8};
            case DIAG -> new double[] {1.0, 2.0, 0.5, 0.3, 1.0, 2.0, 1.5, 1.5, 0.8};
            case SPHERICAL -> new double[] {1.0, 0.4, 2.0};
        };
        return new MixtureParameters(type, k, d, w, mu, cov);
    }

    static double[] sample(MixtureParameters p, int n, long seed) {
        return GaussianMixture.of(p).sample(n, new RandomSource(seed)).x();
    }

    /** The Pearson crabs mixture of the lecture notes (forehead/body-length ratios). */
    static MixtureParameters crabs() {
        return new MixtureParameters(CovarianceType.DIAG, 2, 1, new double[] {0.44, 0.56},
                new double[] {0.634, 0.657}, new double[] {3.4e-4, 1.6e-4});
    }

    /** For each true component, the index of the fitted component with the nearest mean. */
    static int[] match(MixtureParameters truth, MixtureParameters fit) {
        int[] m = new int[truth.k()];
        int d = truth.d();
        for (int j = 0; j < truth.k(); j++) {
            double best = Double.POSITIVE_INFINITY;
            for (int l = 0; l < fit.k(); l++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double t = truth.means()[j * d + c] - fit.means()[l * d + c];
                    s += t * t;
                }
                if (s < best) {
                    best = s;
                    m[j] = l;
                }
            }
        }
        return m;
    }
}
