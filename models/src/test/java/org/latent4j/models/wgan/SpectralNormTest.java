package org.latent4j.models.wgan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.latent4j.models.linalg.SymmetricEigen;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.GradientCheck;
import org.latent4j.tensor.Tensor;

class SpectralNormTest {

    /** The largest singular value of W [rows, cols], as the square root of the largest eigenvalue of WᵀW. */
    static double exactSigma(float[] w, int rows, int cols) {
        double[] a = new double[cols * cols];
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int r = 0; r < rows; r++) {
                    s += (double) w[r * cols + i] * w[r * cols + j];
                }
                a[i * cols + j] = s;
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : SymmetricEigen.of(a, cols).values()) {
            max = Math.max(max, v);
        }
        return Math.sqrt(max);
    }

    @Test
    void powerIterationsConvergeToTheLargestSingularValue() {
        SpectralLinear layer = new SpectralLinear(4, 6, new RandomSource(5));
        double exact = exactSigma(layer.weight().data(), 6, 4);
        for (int i = 0; i < 200; i++) {
            layer.powerIteration();
        }
        assertEquals(exact, layer.sigma(), 1e-5 * exact);
        // the normalized weight has spectral norm 1
        Tensor w = layer.weight();
        Tensor u = layer.namedBuffers().get("weight_u"), v = layer.namedBuffers().get("weight_v");
        assertEquals(1.0, exactSigma(SpectralNorm.normalized(w, u, v).toArray(), 6, 4), 1e-4);
    }

    @Test
    void theForwardPassDoesNotMoveTheVectorsInTrainingOrEvaluation() {
        SpectralLinear layer = new SpectralLinear(3, 2, new RandomSource(1));
        float[] u = layer.namedBuffers().get("weight_u").toArray();
        Tensor x = Tensor.randn(new RandomSource(2), 4, 3);
        Tensor y1 = layer.forward(x);
        layer.train(false);
        Tensor y2 = layer.forward(x);
        assertArrayEquals(u, layer.namedBuffers().get("weight_u").toArray());
        assertArrayEquals(y1.toArray(), y2.toArray());
        layer.powerIteration();
        // one iteration moves them (u starts random, not at the singular vector)
        assertEquals(false, java.util.Arrays.equals(u, layer.namedBuffers().get("weight_u").toArray()));
    }

    @Test
    void theNormalizedWeightsGradientMatchesFiniteDifferences() {
        RandomSource r = new RandomSource(11);
        Tensor u = SpectralNorm.randomUnit(3, r), v = SpectralNorm.randomUnit(4, r);
        Tensor w = Tensor.randn(r, 3, 4);
        GradientCheck.assertGradients(in -> SpectralNorm.normalized(in[0], u, v).square().sum(), w);
        GradientCheck.assertSecondOrder(in -> SpectralNorm.normalized(in[0], u, v).square().sum(), w);
    }
}
