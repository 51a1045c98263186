package org.latent4j.optim;

import java.util.Map;
import org.latent4j.tensor.Tensor;

/**
 * Stochastic gradient descent as {@code torch.optim.SGD}, in float32:
 * <pre>
 *   g ← g + λ·p                                        (weight decay)
 *   b ← g on the first step, else μ·b + (1 − τ)·g      (momentum μ, dampening τ)
 *   g ← g + μ·b with Nesterov momentum, else g ← b
 *   p ← p − lr·g
 * </pre>
 * Nesterov momentum in this form follows Sutskever et al., "On the importance of initialization and
 * momentum in deep learning", ICML 2013. The momentum buffer's decay is stored flushed to zero below the
 * smallest normal float (see {@code Subnormals}). State keys: {@code sgd.step}, {@code sgd.lr}, per parameter
 * {@code <name>.step} and, with momentum, {@code <name>.momentum_buffer}.
 */
public final class Sgd extends Optimizer {

    /** Hyperparameters; PyTorch's defaults are momentum 0, dampening 0, weight decay 0, no Nesterov (lr has none; 1e-2 here). */
    public record Config(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        public Config {
            Check.nonNegative("SGD", "lr", lr);
            Check.nonNegative("SGD", "momentum", momentum);
            Check.nonNegative("SGD", "dampening", dampening);
            Check.nonNegative("SGD", "weightDecay", weightDecay);
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("SGD: Nesterov momentum needs momentum > 0 and dampening 0, got momentum "
                        + momentum + " and dampening " + dampening);
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public Builder toBuilder() {
            return new Builder().lr(lr).momentum(momentum).dampening(dampening).weightDecay(weightDecay).nesterov(nesterov);
        }

        public static final class Builder {
            private double lr = 1e-2, momentum, dampening, weightDecay;
            private boolean nesterov;

            private Builder() {}

            public Builder lr(double v) { lr = v; return this; }
            public Builder momentum(double v) { momentum = v; return this; }
            public Builder dampening(double v) { dampening = v; return this; }
            public Builder weightDecay(double v) { weightDecay = v; return this; }
            public Builder nesterov(boolean v) { nesterov = v; return this; }

            public Config build() {
                return new Config(lr, momentum, dampening, weightDecay, nesterov);
            }
        }
    }

    private final Config config;

    /** Plain SGD with the given learning rate. */
    public Sgd(Map<String, Tensor> parameters, double lr) {
        this(parameters, Config.builder().lr(lr).build());
    }

    public Sgd(Map<String, Tensor> parameters, Config config) {
        super("sgd", parameters, config.lr(), config.momentum() != 0 ? new String[] {"momentum_buffer"} : new String[0]);
        this.config = config;
    }

    public Config config() {
        return config;
    }

    @Override
    protected void update(float[] p, float[] g, float[][] state, long step, int start, int end) {
        float negLr = (float) -learningRate();
        float wd = (float) config.weightDecay();
        boolean useWd = config.weightDecay() != 0;
        if (config.momentum() == 0) {
            for (int i = start; i < end; i++) {
                float gi = useWd ? g[i] + wd * p[i] : g[i];
                p[i] = p[i] + negLr * gi;
            }
            return;
        }
        float[] buf = state[0];
        float mu = (float) config.momentum();
        float oneMinusDampening = (float) (1 - config.dampening());
        boolean first = step == 1;
        boolean nesterov = config.nesterov();
        for (int i = start; i < end; i++) {
            float gi = useWd ? g[i] + wd * p[i] : g[i];
            float b = first ? gi : Subnormals.flush(buf[i] * mu + oneMinusDampening * gi);
            buf[i] = b;
            float d = nesterov ? gi + mu * b : b;
            p[i] = p[i] + negLr * d;
        }
    }
}
