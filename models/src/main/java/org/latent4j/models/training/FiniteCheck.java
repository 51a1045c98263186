package org.latent4j.models.training;

import java.util.Collection;
import org.latent4j.runtime.Parallel;
import org.latent4j.runtime.VectorSupport;
import org.latent4j.tensor.Tensor;

/**
 * Whether every gradient value is finite, in one SIMD pass: x·0 is 0 for finite x and NaN for NaN or
 * ±∞, so the sum of x·0 over all values is 0 exactly when all of them are finite. Scalar when the JVM has
 * no Vector API ({@link VectorSupport}). Large arrays are checked in parallel chunks ({@link Parallel}).
 */
public final class FiniteCheck {
    /**
     * Arrays of at least this many values are checked in parallel chunks: a weight gradient of the reference
     * VAE (400 × 784) is read from memory, not cache, and the other thread is idle meanwhile.
     */
    static final int PARALLEL_MIN = 1 << 16;

    private FiniteCheck() {}

    /** True when every present gradient of the tensors is finite (tensors without a gradient are skipped). */
    public static boolean gradientsFinite(Collection<Tensor> params) {
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g != null && !finite(g.data())) {
                return false;
            }
        }
        return true;
    }

    static boolean finite(float[] x) {
        if (x.length < PARALLEL_MIN) {
            return finite(x, 0, x.length);
        }
        boolean[] chunkFinite = new boolean[Parallel.chunkCount(x.length, PARALLEL_MIN / 2)];
        Parallel.forChunks(x.length, PARALLEL_MIN / 2, (c, s, e) -> chunkFinite[c] = finite(x, s, e));
        for (boolean f : chunkFinite) {
            if (!f) {
                return false;
            }
        }
        return true;
    }

    private static boolean finite(float[] x, int start, int end) {
        if (!VectorSupport.AVAILABLE) {
            VectorSupport.noticeScalarFallback();
            return finiteScalar(x, start, end);
        }
        return FiniteCheckSimd.finite(x, start, end);
    }

    /**
     * The same test without the Vector API. The SIMD loop lives in {@link FiniteCheckSimd}: verifying a class
     * whose methods use vector types loads those types, which fails when the JVM lacks the module.
     */
    static boolean finiteScalar(float[] x) {
        return finiteScalar(x, 0, x.length);
    }

    private static boolean finiteScalar(float[] x, int start, int end) {
        float sum = 0f;
        for (int i = start; i < end; i++) {
            sum += x[i] * 0f;
        }
        return sum == 0f;
    }
}
