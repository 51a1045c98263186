package org.latent4j.optim;

import java.util.Map;
import org.latent4j.tensor.Tensor;

/**
 * RMSprop (Tieleman and Hinton, COURSERA lecture 6.5, 2012; the centered form from Graves, "Generating
 * Sequences With Recurrent Neural Networks", 2013) as {@code torch.optim.RMSprop}, in float32:
 * <pre>
 *   g ← g + λ·p                                     (weight decay)
 *   s ← α·s + (1 − α)·g²
 *   a ← √(s − ḡ²) + ε with ḡ ← α·ḡ + (1 − α)·g when centered, else a ← √s + ε
 *   b ← μ·b + g/a, p ← p − lr·b                     with momentum μ > 0
 *   p ← p − lr·g/a                                  otherwise
 * </pre>
 * The averages and the momentum buffer are stored flushed to zero below the smallest normal float
 * (see {@code Subnormals}). State keys: {@code rmsprop.step}, {@code rmsprop.lr}, per parameter {@code <name>.step},
 * {@code <name>.square_avg}, and {@code <name>.momentum_buffer} / {@code <name>.grad_avg} when used.
 */
public final class RmsProp extends Optimizer {

    /** Hyperparameters, PyTorch's defaults: lr 1e-2, alpha 0.99, eps 1e-8, weight decay 0, momentum 0, not centered. */
    public record Config(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        public Config {
            Check.nonNegative("RMSprop", "lr", lr);
            Check.nonNegative("RMSprop", "alpha", alpha);
            Check.nonNegative("RMSprop", "eps", eps);
            Check.nonNegative("RMSprop", "weightDecay", weightDecay);
            Check.nonNegative("RMSprop", "momentum", momentum);
        }

        public static Builder builder() {
            return new Builder();
        }

        public Builder toBuilder() {
            return new Builder().lr(lr).alpha(alpha).eps(eps).weightDecay(weightDecay).momentum(momentum).centered(centered);
        }

        public static final class Builder {
            private double lr = 1e-2, alpha = 0.99, eps = 1e-8, weightDecay, momentum;
            private boolean centered;

            private Builder() {}

            public Builder lr(double v) { lr = v; return this; }
            public Builder alpha(double v) { alpha = v; return this; }
            public Builder eps(double v) { eps = v; return this; }
            public Builder weightDecay(double v) { weightDecay = v; return this; }
            public Builder momentum(double v) { momentum = v; return this; }
            public Builder centered(boolean v) { centered = v; return this; }

            public Config build() {
                return new Config(lr, alpha, eps, weightDecay, momentum, centered);
            }
        }
    }

    private final Config config;
    private final int momentumIndex;
    private final int gradAvgIndex;

    /** RMSprop with PyTorch's defaults. */
    public RmsProp(Map<String, Tensor> parameters) {
        this(parameters, Config.builder().build());
    }

    public RmsProp(Map<String, Tensor> parameters, Config config) {
        super("rmsprop", parameters, config.lr(), buffers(config));
        this.config = config;
        this.momentumIndex = config.momentum() > 0 ? 1 : -1;
        this.gradAvgIndex = config.centered() ? (config.momentum() > 0 ? 2 : 1) : -1;
    }

    private static String[] buffers(Config c) {
        if (c.momentum() > 0) {
            return c.centered() ? new String[] {"square_avg", "momentum_buffer", "grad_avg"}
                    : new String[] {"square_avg", "momentum_buffer"};
        }
        return c.centered() ? new String[] {"square_avg", "grad_avg"} : new String[] {"square_avg"};
    }

    public Config config() {
        return config;
    }

    @Override
    protected void update(float[] p, float[] g, float[][] state, long step, int start, int end) {
        float[] sq = state[0];
        float[] buf = momentumIndex < 0 ? null : state[momentumIndex];
        float[] ga = gradAvgIndex < 0 ? null : state[gradAvgIndex];
        float negLr = (float) -learningRate();
        float alpha = (float) config.alpha();
        float oneMinusAlpha = (float) (1 - config.alpha());
        float eps = (float) config.eps();
        float mu = (float) config.momentum();
        float wd = (float) config.weightDecay();
        boolean useWd = config.weightDecay() != 0;
        for (int i = start; i < end; i++) {
            float gi = useWd ? g[i] + wd * p[i] : g[i];
            float s = Subnormals.flush(sq[i] * alpha + oneMinusAlpha * gi * gi);
            sq[i] = s;
            float avg;
            if (ga != null) {
                float a = Subnormals.flush(ga[i] * alpha + oneMinusAlpha * gi);
                ga[i] = a;
                avg = (float) Math.sqrt(s + -1f * a * a);
            } else {
                avg = (float) Math.sqrt(s);
            }
            avg = avg + eps;
            if (buf != null) {
                float b = Subnormals.flush(buf[i] * mu + gi / avg);
                buf[i] = b;
                p[i] = p[i] + negLr * b;
            } else {
                p[i] = p[i] + negLr * gi / avg;
            }
        }
    }
}
