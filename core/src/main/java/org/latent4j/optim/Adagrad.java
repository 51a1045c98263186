package org.latent4j.optim;

import java.util.Arrays;
import java.util.Map;
import org.latent4j.tensor.Tensor;

/**
 * Adagrad (Duchi, Hazan and Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
 * Optimization", JMLR 2011; the optimizer of Kingma and Welling's original VAE paper) as
 * {@code torch.optim.Adagrad}, in float32:
 * <pre>
 *   g ← g + λ·p                         (weight decay)
 *   lr_t = lr / (1 + (t − 1)·lr_decay)
 *   s ← s + g²                          (s starts at initial_accumulator_value)
 *   p ← p − lr_t · g / (√s + ε)
 * </pre>
 * State keys: {@code adagrad.step}, {@code adagrad.lr}, per parameter {@code <name>.step} and {@code <name>.sum}.
 */
public final class Adagrad extends Optimizer {

    /** Hyperparameters, PyTorch's defaults: lr 1e-2, lr decay 0, weight decay 0, initial accumulator 0, eps 1e-10. */
    public record Config(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps) {
        public Config {
            Check.nonNegative("Adagrad", "lr", lr);
            Check.nonNegative("Adagrad", "lrDecay", lrDecay);
            Check.nonNegative("Adagrad", "weightDecay", weightDecay);
            Check.nonNegative("Adagrad", "initialAccumulatorValue", initialAccumulatorValue);
            Check.nonNegative("Adagrad", "eps", eps);
        }

        public static Builder builder() {
            return new Builder();
        }

        public Builder toBuilder() {
            return new Builder().lr(lr).lrDecay(lrDecay).weightDecay(weightDecay)
                    .initialAccumulatorValue(initialAccumulatorValue).eps(eps);
        }

        public static final class Builder {
            private double lr = 1e-2, lrDecay, weightDecay, initialAccumulatorValue, eps = 1e-10;

            private Builder() {}

            public Builder lr(double v) { lr = v; return this; }
            public Builder lrDecay(double v) { lrDecay = v; return this; }
            public Builder weightDecay(double v) { weightDecay = v; return this; }
            public Builder initialAccumulatorValue(double v) { initialAccumulatorValue = v; return this; }
            public Builder eps(double v) { eps = v; return this; }

            public Config build() {
                return new Config(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
            }
        }
    }

    private final Config config;

    /** Adagrad with PyTorch's defaults. */
    public Adagrad(Map<String, Tensor> parameters) {
        this(parameters, Config.builder().build());
    }

    public Adagrad(Map<String, Tensor> parameters, Config config) {
        super("adagrad", parameters, config.lr(), "sum");
        this.config = config;
        float init = (float) config.initialAccumulatorValue();
        for (int i = 0; i < parameterCount(); i++) {
            Arrays.fill(buffer(i, 0), init);
        }
    }

    public Config config() {
        return config;
    }

    @Override
    protected void update(float[] p, float[] g, float[][] state, long step, int start, int end) {
        float[] sum = state[0];
        float negClr = (float) -(learningRate() / (1 + (step - 1) * config.lrDecay()));
        float eps = (float) config.eps();
        float wd = (float) config.weightDecay();
        boolean useWd = config.weightDecay() != 0;
        for (int i = start; i < end; i++) {
            float gi = useWd ? g[i] + wd * p[i] : g[i];
            float s = sum[i] + 1f * gi * gi;
            sum[i] = s;
            float std = (float) Math.sqrt(s) + eps;
            p[i] = p[i] + negClr * gi / std;
        }
    }
}
