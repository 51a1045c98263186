package org.latent4j.optim;

import java.util.Map;
import org.latent4j.tensor.Tensor;

/**
 * AdamW (Loshchilov and Hutter, ICLR 2019) as {@code torch.optim.AdamW}: Adam with weight decay
 * decoupled from the gradient (the parameter shrinks by a factor 1 − lr·λ each step), optional AMSGrad.
 * See {@link AdamStep} for the exact update. State keys: {@code adamw.step}, {@code adamw.lr}, and per parameter {@code <name>.step},
 * {@code <name>.exp_avg}, {@code <name>.exp_avg_sq} (and {@code <name>.max_exp_avg_sq} with AMSGrad).
 */
public final class AdamW extends Optimizer {

    /**
     * Hyperparameters, PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2, no AMSGrad.
     *
     * @param weightDecay decoupled decay coefficient λ (the parameter is multiplied by 1 − lr·λ)
     */
    public record Config(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        public Config {
            Check.nonNegative("AdamW", "lr", lr);
            Check.unitInterval("AdamW", "beta1", beta1);
            Check.unitInterval("AdamW", "beta2", beta2);
            Check.nonNegative("AdamW", "eps", eps);
            Check.nonNegative("AdamW", "weightDecay", weightDecay);
        }

        public static Builder builder() {
            return new Builder();
        }

        public Builder toBuilder() {
            return new Builder().lr(lr).betas(beta1, beta2).eps(eps).weightDecay(weightDecay).amsgrad(amsgrad);
        }

        public static final class Builder {
            private double lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 1e-2;
            private boolean amsgrad;

            private Builder() {}

            public Builder lr(double v) { lr = v; return this; }
            public Builder betas(double b1, double b2) { beta1 = b1; beta2 = b2; return this; }
            public Builder eps(double v) { eps = v; return this; }
            public Builder weightDecay(double v) { weightDecay = v; return this; }
            public Builder amsgrad(boolean v) { amsgrad = v; return this; }

            public Config build() {
                return new Config(lr, beta1, beta2, eps, weightDecay, amsgrad);
            }
        }
    }

    private final Config config;

    /** AdamW with PyTorch's defaults. */
    public AdamW(Map<String, Tensor> parameters) {
        this(parameters, Config.builder().build());
    }

    public AdamW(Map<String, Tensor> parameters, Config config) {
        super("adamw", parameters, config.lr(), Adam.buffers(config.amsgrad()));
        this.config = config;
    }

    public Config config() {
        return config;
    }

    @Override
    protected void update(float[] p, float[] g, float[][] state, long step, int start, int end) {
        AdamStep.run(p, g, state[0], state[1], config.amsgrad() ? state[2] : null, learningRate(), config.beta1(),
                config.beta2(), config.eps(), 0, config.weightDecay(), step, start, end);
    }
}
