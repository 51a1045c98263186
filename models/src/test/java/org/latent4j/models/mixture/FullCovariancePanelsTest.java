package org.latent4j.models.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.linalg.SymmetricEigen;
import org.latent4j.random.RandomSource;

/**
 * The full-covariance E- and M-steps cut the triangular products into column panels once d > 16 and
 * compute covariances from second moments; both are checked here against plain formulas evaluated by
 * an independent route (eigendecompositions, explicit sums).
 */
class FullCovariancePanelsTest {
    private static final int D = 21;

    private static MixtureParameters randomParameters(RandomSource rng, int k, int d) {
        double[] w = new double[k];
        double[] mu = new double[k * d];
        double[] cov = new double[k * d * d];
        double sw = 0;
        for (int j = 0; j < k; j++) {
            w[j] = 0.5 + rng.nextDouble();
            sw += w[j];
            double[] a = new double[d * d];
            rng.fillNormal(a, 0, a.length, 0, 1);
            for (int r = 0; r < d; r++) {
                mu[j * d + r] = 3 * rng.nextGaussian();
                for (int c = 0; c < d; c++) {
                    double s = 0;
                    for (int t = 0; t < d; t++) {
                        s += a[r * d + t] * a[c * d + t];
                    }
                    cov[j * d * d + r * d + c] = s / d + (r == c ? 0.2 : 0);
                }
            }
        }
        for (int j = 0; j < k; j++) {
            w[j] /= sw;
        }
        return new MixtureParameters(CovarianceType.FULL, k, d, w, mu, cov);
    }

    /** log α_j N(x; μ_j, Σ_j) through Σ_j = V Λ Vᵀ. */
    private static double[][] referenceLogJoint(MixtureParameters p, double[] x) {
        int k = p.k();
        int d = p.d();
        int n = x.length / d;
        double[][] out = new double[n][k];
        for (int j = 0; j < k; j++) {
            SymmetricEigen e = SymmetricEigen.of(p.covarianceMatrix(j), d);
            double logDet = 0;
            for (double v : e.values()) {
                logDet += Math.log(v);
            }
            for (int i = 0; i < n; i++) {
                double q = 0;
                for (int a = 0; a < d; a++) {
                    double proj = 0;
                    for (int r = 0; r < d; r++) {
                        proj += e.vectors()[r * d + a] * (x[i * d + r] - p.means()[j * d + r]);
                    }
                    q += proj * proj / e.values()[a];
                }
                out[i][j] = Math.log(p.weights()[j]) - 0.5 * (d * Math.log(2 * Math.PI) + logDet + q);
            }
        }
        return out;
    }

    @Test
    void eStepMatchesTheDensityFormula() {
        RandomSource rng = new RandomSource(1);
        MixtureParameters p = randomParameters(rng, 3, D);
        double[] x = GaussianMixture.of(p).sample(500, rng).x();
        double[][] ref = referenceLogJoint(p, x);
        double[] ll = GaussianMixture.of(p).scoreSamples(x);
        double[] proba = GaussianMixture.of(p).predictProba(x);
        for (int i = 0; i < 500; i++) {
            double max = Math.max(ref[i][0], Math.max(ref[i][1], ref[i][2]));
            double s = 0;
            for (int j = 0; j < 3; j++) {
                s += Math.exp(ref[i][j] - max);
            }
            double expected = max + Math.log(s);
            assertEquals(expected, ll[i], 1e-9 * Math.abs(expected));
            for (int j = 0; j < 3; j++) {
                assertEquals(Math.exp(ref[i][j] - expected), proba[i * 3 + j], 1e-9);
            }
        }
    }

    @Test
    void mStepMatchesWeightedMeansAndCovariances() {
        RandomSource rng = new RandomSource(2);
        MixtureParameters p = randomParameters(rng, 3, D);
        int n = 700;
        double[] x = GaussianMixture.of(p).sample(n, rng).x();
        double[] sampleW = new double[n];
        for (int i = 0; i < n; i++) {
            sampleW[i] = 0.5 + rng.nextDouble();
        }
        double reg = 1e-3;
        MixtureParameters one = new GaussianMixture(GaussianMixtureConfig.builder().initialParameters(p).maxIter(1).tol(0)
                .regCovar(reg).build()).fit(x, D, sampleW).parameters();
        double[][] ref = referenceLogJoint(p, x);
        double[] nk = new double[3];
        double[] mu = new double[3 * D];
        double[][] r = new double[n][3];
        for (int i = 0; i < n; i++) {
            double max = Math.max(ref[i][0], Math.max(ref[i][1], ref[i][2]));
            double s = 0;
            for (int j = 0; j < 3; j++) {
                s += Math.exp(ref[i][j] - max);
            }
            for (int j = 0; j < 3; j++) {
                r[i][j] = sampleW[i] * Math.exp(ref[i][j] - max) / s;
                nk[j] += r[i][j];
                for (int c = 0; c < D; c++) {
                    mu[j * D + c] += r[i][j] * x[i * D + c];
                }
            }
        }
        double total = nk[0] + nk[1] + nk[2];
        for (int j = 0; j < 3; j++) {
            assertEquals(nk[j] / total, one.weights()[j], 1e-10);
            for (int c = 0; c < D; c++) {
                mu[j * D + c] /= nk[j];
                assertEquals(mu[j * D + c], one.means()[j * D + c], 1e-9 * (1 + Math.abs(mu[j * D + c])));
            }
            double[] cov = one.covarianceMatrix(j);
            for (int a = 0; a < D; a++) {
                for (int b = 0; b < D; b++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += r[i][j] * (x[i * D + a] - mu[j * D + a]) * (x[i * D + b] - mu[j * D + b]);
                    }
                    double expected = s / nk[j] + (a == b ? reg : 0);
                    assertEquals(expected, cov[a * D + b], 1e-9 * (1 + Math.abs(expected)), "Σ_" + j + "[" + a + "][" + b + "]");
                }
            }
        }
    }

    @Test
    void tightClustersFarFromTheMeanKeepTheirCovariances() {
        // Second moments ~1e10 around covariances ~1e-4: the M-step must recompute these from centered
        // rows instead of subtracting μμᵀ.
        RandomSource rng = new RandomSource(3);
        int d = 18;
        int n = 400;
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double offset = i % 2 == 0 ? 1e5 : -3e5;
            for (int c = 0; c < d; c++) {
                x[i * d + c] = offset + c + 0.01 * rng.nextGaussian() * (1 + c % 3);
            }
        }
        GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(2).regCovar(0).seed(1).build()).fit(x, d);
        MixtureParameters p = g.parameters();
        for (int j = 0; j < 2; j++) {
            int parity = p.means()[j * d] > 0 ? 0 : 1;
            double[] cov = p.covarianceMatrix(j);
            for (int a = 0; a < d; a++) {
                double m = 0;
                for (int i = parity; i < n; i += 2) {
                    m += x[i * d + a];
                }
                m /= n / 2;
                double v = 0;
                for (int i = parity; i < n; i += 2) {
                    v += (x[i * d + a] - m) * (x[i * d + a] - m);
                }
                v /= n / 2;
                assertEquals(v, cov[a * d + a], 1e-6 * v, "variance " + a + " of component " + j);
                assertTrue(v > 0.5e-4);
            }
        }
    }
}
