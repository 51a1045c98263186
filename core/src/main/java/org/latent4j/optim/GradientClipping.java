package org.latent4j.optim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.latent4j.tensor.Tensor;

/**
 * Gradient clipping by global norm, as {@code torch.nn.utils.clip_grad_norm_} with
 * {@code error_if_nonfinite=True} (Pascanu, Mikolov and Bengio, "On the difficulty of training recurrent
 * neural networks", ICML 2013): with N the L2 norm of all gradients taken together, every gradient is
 * scaled in place by {@code min(1, maxNorm / (N + 1e-6))}.
 */
public final class GradientClipping {
    private GradientClipping() {}

    /**
     * Clips the gradients of {@code parameters} (those without a gradient are skipped) and returns their
     * global norm before clipping, summed in double precision.
     *
     * @throws IllegalArgumentException if {@code maxNorm} is not a finite number > 0
     * @throws ArithmeticException      if the norm is NaN or infinite; no gradient is changed then
     */
    public static double clipByGlobalNorm(Collection<Tensor> parameters, double maxNorm) {
        List<String> names = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            names.add("parameter " + i);
        }
        return clip(names, new ArrayList<>(parameters), maxNorm);
    }

    /** Like {@link #clipByGlobalNorm(Collection, double)}; errors name the parameter with a non-finite gradient. */
    public static double clipByGlobalNorm(Map<String, Tensor> parameters, double maxNorm) {
        return clip(new ArrayList<>(parameters.keySet()), new ArrayList<>(parameters.values()), maxNorm);
    }

    private static double clip(List<String> names, List<Tensor> params, double maxNorm) {
        if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
            throw new IllegalArgumentException("clipByGlobalNorm: maxNorm must be a finite number > 0, got " + maxNorm);
        }
        double sumSquares = 0;
        for (int k = 0; k < params.size(); k++) {
            Tensor g = params.get(k).grad();
            if (g == null) {
                continue;
            }
            double s = 0;
            for (float v : g.data()) {
                s += (double) v * v;
            }
            if (!Double.isFinite(s)) {
                throw new ArithmeticException("clipByGlobalNorm: the gradient of " + names.get(k)
                        + " is not finite (NaN or infinite values; sum of squares " + s + "); no gradient was clipped");
            }
            sumSquares += s;
        }
        double norm = Math.sqrt(sumSquares);
        if (!Double.isFinite(norm)) {
            throw new ArithmeticException("clipByGlobalNorm: the global gradient norm overflows (" + norm
                    + "); no gradient was clipped");
        }
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            float c = (float) coef;
            // Gradients are replaced, never scaled in place: a leaf's gradient may share its buffer with
            // another parameter's or with a caller's seed tensor. A shared buffer is scaled once.
            Map<float[], float[]> scaled = new IdentityHashMap<>();
            for (Tensor p : params) {
                Tensor g = p.grad();
                if (g == null) {
                    continue;
                }
                float[] d = scaled.computeIfAbsent(g.data(), src -> {
                    float[] out = new float[src.length];
                    for (int i = 0; i < src.length; i++) {
                        out[i] = src[i] * c;
                    }
                    return out;
                });
                p.setGrad(Tensor.of(d, g.shape()));
            }
        }
        return norm;
    }
}
