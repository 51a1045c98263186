package org.latent4j.models.wgan;

import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * Spectral normalization of one weight (Miyato et al. 2018, eq. 8 and Algorithm 1): the weight W, seen as
 * the matrix [out, in·kh·kw] of its first axis against the rest, is used as W / σ(W), σ(W) ≈ uᵀ W v the
 * largest singular value estimated by power iteration. The vectors u (length out) and v are state kept
 * between steps, as PyTorch's {@code weight_u} and {@code weight_v} buffers, so that one iteration per
 * step suffices once training is under way; the gradient flows through σ with u and v held constant, as
 * in the paper and PyTorch.
 */
final class SpectralNorm {
    /** PyTorch's {@code eps} of {@code spectral_norm}: keeps the normalization of a zero vector finite. */
    static final float EPS = 1e-12f;

    private SpectralNorm() {}

    /** A random unit vector of length n (PyTorch draws u and v from N(0, 1) and normalizes them). */
    static Tensor randomUnit(int n, RandomSource rng) {
        float[] x = new float[n];
        rng.fillNormal(x, 0, n, 0, 1);
        normalize(x);
        return Tensor.of(x, n);
    }

    /**
     * One power iteration in place: v ← Wᵀu / ‖Wᵀu‖, then u ← W v / ‖W v‖, on the weight's values
     * (no gradient recorded).
     */
    static void powerIteration(float[] w, int rows, int cols, float[] u, float[] v) {
        for (int j = 0; j < cols; j++) {
            v[j] = 0;
        }
        for (int i = 0; i < rows; i++) {
            float ui = u[i];
            int off = i * cols;
            for (int j = 0; j < cols; j++) {
                v[j] += w[off + j] * ui;
            }
        }
        normalize(v);
        for (int i = 0; i < rows; i++) {
            float s = 0;
            int off = i * cols;
            for (int j = 0; j < cols; j++) {
                s += w[off + j] * v[j];
            }
            u[i] = s;
        }
        normalize(u);
    }

    /**
     * The normalized weight W / (uᵀ W v), differentiable in W (u and v are constants), of W's shape.
     */
    static Tensor normalized(Tensor weight, Tensor u, Tensor v) {
        int rows = weight.dim(0);
        int cols = weight.numel() / rows;
        Tensor matrix = weight.reshape(rows, cols);
        Tensor sigma = u.reshape(1, rows).matmul(matrix.matmul(v.reshape(cols, 1)));
        return weight.div(sigma.reshape(ones(weight.rank())));
    }

    /** σ = uᵀ W v with the current u and v, as a number. */
    static double sigma(float[] w, int rows, int cols, float[] u, float[] v) {
        double s = 0;
        for (int i = 0; i < rows; i++) {
            double wv = 0;
            int off = i * cols;
            for (int j = 0; j < cols; j++) {
                wv += w[off + j] * v[j];
            }
            s += u[i] * wv;
        }
        return s;
    }

    private static int[] ones(int rank) {
        int[] s = new int[rank];
        java.util.Arrays.fill(s, 1);
        return s;
    }

    private static void normalize(float[] x) {
        double s = 0;
        for (float f : x) {
            s += (double) f * f;
        }
        float scale = (float) (1 / Math.max(Math.sqrt(s), EPS));
        for (int i = 0; i < x.length; i++) {
            x[i] *= scale;
        }
    }
}
