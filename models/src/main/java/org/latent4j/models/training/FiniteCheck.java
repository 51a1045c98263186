package org.latent4j.models.training;

import java.util.Collection;
import org.latent4j.runtime.VectorSupport;
import org.latent4j.tensor.Tensor;

/**
 * Whether every gradient value is finite, in one SIMD pass: x·0 is 0 for finite x and NaN for NaN or
 * ±∞, so the sum of x·0 over all values is 0 exactly when all of them are finite. Scalar when the JVM has
 * no Vector API ({@link VectorSupport}).
 */
public final class FiniteCheck {
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
        if (!VectorSupport.AVAILABLE) {
            VectorSupport.noticeScalarFallback();
            return finiteScalar(x);
        }
        return FiniteCheckSimd.finite(x);
    }

    /**
     * The same test without the Vector API. The SIMD loop lives in {@link FiniteCheckSimd}: verifying a class
     * whose methods use vector types loads those types, which fails when the JVM lacks the module.
     */
    static boolean finiteScalar(float[] x) {
        float sum = 0f;
        for (float v : x) {
            sum += v * 0f;
        }
        return sum == 0f;
    }
}
