package org.latent4j.report.mixture;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.latent4j.models.mixture.MixtureParameters;

/**
 * Mixture components renumbered by their mean along one coordinate, so a report's "component 1" is the
 * leftmost and tables of several fits line up (EM's numbering depends on the initialization only).
 */
final class Reorder {
    private Reorder() {}

    /** The same mixture with components sorted by increasing mean of coordinate c. */
    static MixtureParameters byMean(MixtureParameters p, int c) {
        int k = p.k(), d = p.d();
        double[] mu = p.means();
        Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(j -> mu[j * d + c]));
        double[] w = p.weights();
        double[] cov = p.covariances();
        int block = switch (p.type()) {
            case FULL -> d * d;
            case DIAG -> d;
            case SPHERICAL -> 1;
            case TIED -> 0;
        };
        double[] w2 = new double[k];
        double[] mu2 = new double[k * d];
        double[] cov2 = block == 0 ? cov : new double[cov.length];
        for (int t = 0; t < k; t++) {
            int j = order[t];
            w2[t] = w[j];
            System.arraycopy(mu, j * d, mu2, t * d, d);
            if (block > 0) {
                System.arraycopy(cov, j * block, cov2, t * block, block);
            }
        }
        return new MixtureParameters(p.type(), k, d, w2, mu2, cov2);
    }
}
