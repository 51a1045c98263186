package org.latent4j.models.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * A linear-Gaussian latent model, z ~ N(0, I), x = W z + b + ε with ε ~ N(0, I): a VAE with a linear decoder
 * and the unit-variance Gaussian likelihood can represent it, and the log-likelihood of its own
 * decoder, log N(x; b, W Wᵀ + I), is known exactly. The factorized posterior cannot be exact (the true
 * posterior covariance (I + WᵀW)⁻¹ is not diagonal), so the ELBO has a gap that importance sampling closes.
 */
class LinearGaussianTest {
    static final int D = 5;
    static final int LATENT = 2;
    /** Correlated columns: the true posterior is far from factorized, so the ELBO's gap is clear. */
    static final float[] W = {2.5f, 2f, -1.5f, -1.8f, 2f, 2.4f, 1f, 0.6f, -0.5f, 0.3f};
    static final float[] B = {0.5f, -1f, 0f, 2f, 0.3f};
    static Vae vae;
    static DataMatrix test;
    static double exact;

    @BeforeAll
    static void train() {
        RandomSource rng = new RandomSource(21);
        float[] w = W;
        float[] b = B;
        DataMatrix train = generate(rng, w, b, 3000, "linear-gaussian/train");
        test = generate(rng, w, b, 300, "linear-gaussian/test");
        vae = Vae.create(VaeConfig.builder(D).latentDim(LATENT).hidden().likelihood(LikelihoodKind.GAUSSIAN).seed(2).build());
        vae.fit(train, null, TrainingConfig.builder().epochs(15).batchSize(50).learningRate(1e-2).seed(3).build());
        float[] dw = vae.decoder().namedParameters().get("layers.0.weight").data();
        float[] db = vae.decoder().namedParameters().get("layers.0.bias").data();
        exact = meanExactLogLikelihood(dw, db, test);
    }

    static DataMatrix generate(RandomSource rng, float[] w, float[] b, int n, String name) {
        float[] x = new float[n * D];
        for (int i = 0; i < n; i++) {
            double z0 = rng.nextGaussian(), z1 = rng.nextGaussian();
            for (int d = 0; d < D; d++) {
                x[i * D + d] = (float) (w[d * LATENT] * z0 + w[d * LATENT + 1] * z1 + b[d] + rng.nextGaussian());
            }
        }
        return new DataMatrix(name, x, n, D);
    }

    /** Mean over the rows of log N(x; b, W Wᵀ + I), by a Cholesky factorization in double precision. */
    static double meanExactLogLikelihood(float[] w, float[] b, DataMatrix data) {
        double[][] c = new double[D][D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < LATENT; k++) {
                    s += (double) w[i * LATENT + k] * w[j * LATENT + k];
                }
                c[i][j] = s;
            }
        }
        double[][] l = new double[D][D];
        double logDet = 0;
        for (int i = 0; i < D; i++) {
            for (int j = 0; j <= i; j++) {
                double s = c[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
            logDet += 2 * Math.log(l[i][i]);
        }
        double total = 0;
        for (int r = 0; r < data.rows(); r++) {
            double[] y = new double[D];
            double quad = 0;
            for (int i = 0; i < D; i++) {
                double s = data.x()[r * D + i] - b[i];
                for (int k = 0; k < i; k++) {
                    s -= l[i][k] * y[k];
                }
                y[i] = s / l[i][i];
                quad += y[i] * y[i];
            }
            total += -0.5 * (quad + logDet + D * Math.log(2 * Math.PI));
        }
        return total / data.rows();
    }

    @Test
    void elboStaysBelowTheExactLogLikelihood() {
        VaeEvaluation e = vae.evaluate(test, 2000, new RandomSource(5));
        assertTrue(e.elbo() < exact, "ELBO " + e.elbo() + " should be below log p(x) = " + exact);
        assertTrue(e.gap() > 0.1, "gap " + e.gap());
        assertEquals(e.reconstruction() - e.kl(), e.elbo(), 1e-9);
    }

    @Test
    void importanceWeightedEstimateApproachesTheExactLogLikelihood() {
        double previousError = Double.POSITIVE_INFINITY;
        for (int k : new int[] {1, 10, 100, 2000}) {
            double ll = vae.evaluate(test, k, new RandomSource(7)).logLikelihood();
            double error = exact - ll;
            assertTrue(error > -0.02, "K=" + k + ": estimate " + ll + " above log p(x) = " + exact);
            assertTrue(Math.abs(error) < previousError + 0.01, "K=" + k + ": error " + error + " did not shrink from " + previousError);
            previousError = Math.abs(error);
        }
        assertTrue(previousError < 0.02, "K=2000 estimate off by " + previousError);
    }

    @Test
    void trainedDecoderExplainsTheData() {
        // the fitted model's exact log-likelihood is close to that of the generating model (not equal: the
        // factorized posterior pulls the ELBO's optimum away from the maximum-likelihood decoder)
        double truth = meanExactLogLikelihood(W, B, test);
        assertEquals(truth, exact, 0.35);
        Tensor recon = vae.reconstruct(test.slice(0, 5));
        assertEquals(5, recon.dim(0));
    }
}
