package org.latent4j.optim;

import java.util.Map;
import org.latent4j.tensor.Tensor;

/**
 * Adam (Kingma and Ba, ICLR 2015) as {@code torch.optim.Adam}: bias-corrected first and second moment
 * estimates, optional L2 weight decay added to the gradient, optional AMSGrad. See {@link AdamStep} for
 * the exact update. State keys: {@code adam.step}, {@code adam.lr}, and per parameter {@code <name>.step},
 * {@code <name>.exp_avg}, {@code <name>.exp_avg_sq} (and {@code <name>.max_exp_avg_sq} with AMSGrad).
 */
public final class Adam extends Optimizer {

    /**
     * Hyperparameters, PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0, no AMSGrad.
     *
     * @param weightDecay L2 penalty coefficient added to the gradient (for decoupled decay use {@link AdamW})
     */
    public record Config(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        public Config {
            Check.nonNegative("Adam", "lr", lr);
            Check.unitInterval("Adam", "beta1", beta1);
            Check.unitInterval("Adam", "beta2", beta2);
            Check.nonNegative("Adam", "eps", eps);
            Check.nonNegative("Adam", "weightDecay", weightDecay);
        }

        public static Builder builder() {
            return new Builder();
        }

        public Builder toBuilder() {
            return new Builder().lr(lr).betas(beta1, beta2).eps(eps).weightDecay(weightDecay).amsgrad(amsgrad);
        }

        public static final class Builder {
            private double lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0;
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

    /** Adam with PyTorch's defaults. */
    public Adam(Map<String, Tensor> parameters) {
        this(parameters, Config.builder().build());
    }

    public Adam(Map<String, Tensor> parameters, Config config) {
        super("adam", parameters, config.lr(), buffers(config.amsgrad()));
        this.config = config;
    }

    static String[] buffers(boolean amsgrad) {
        return amsgrad ? new String[] {"exp_avg", "exp_avg_sq", "max_exp_avg_sq"} : new String[] {"exp_avg", "exp_avg_sq"};
    }

    public Config config() {
        return config;
    }

    @Override
    protected void update(float[] p, float[] g, float[][] state, long step, int start, int end) {
        AdamStep.run(p, g, state[0], state[1], config.amsgrad() ? state[2] : null, learningRate(), config.beta1(),
                config.beta2(), config.eps(), config.weightDecay(), 0, step, start, end);
    }
}
