package org.latent4j.models.wgan;

import java.util.function.Function;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * The gradient penalty of WGAN-GP (Gulrajani et al. 2017, eq. 3): λ·E[(‖∇_x̂ D(x̂)‖₂ − 1)²] on the
 * interpolates x̂ = εx + (1 − ε)x̃ of real points x and generated ones x̃, ε ~ U[0, 1] per pair. The
 * gradient ∇_x̂ D(x̂) is taken with its computation recorded (PyTorch's {@code create_graph=True}), so
 * that the penalty's own gradient with respect to the critic's weights goes through it: a second-order
 * gradient of the critic.
 */
public final class GradientPenalty {
    /**
     * Added under the square root of ‖g‖² so that its derivative stays finite at g = 0 (where the
     * penalty's gradient is then 0 instead of 0/0); it moves ‖g‖ by at most 1e-6.
     */
    static final float NORM_EPS = 1e-12f;

    private GradientPenalty() {}

    /** The penalty and the per-point gradient norms it is made of. */
    public record Result(Tensor penalty, Tensor norms) {}

    /**
     * The penalty for real and generated points (both [n, d], neither needing gradients) and the mixing
     * weights ε ([n, 1], in [0, 1]).
     *
     * @param critic D, mapping [n, d] to [n, 1]
     * @param weight λ
     */
    public static Result of(Function<Tensor, Tensor> critic, Tensor real, Tensor fake, Tensor epsilon, double weight) {
        Tensor mixed = interpolate(real, fake, epsilon).requiresGrad(true);
        Tensor grad = Autograd.grad(critic.apply(mixed).sum(), new Tensor[] {mixed}, true)[0];
        Tensor norms = grad.square().sum(1).add(NORM_EPS).sqrt();
        Tensor penalty = norms.sub(1f).square().mean().mul((float) weight);
        return new Result(penalty, norms);
    }

    /** x̂ = εx + (1 − ε)x̃ row by row, as a new leaf tensor. */
    static Tensor interpolate(Tensor real, Tensor fake, Tensor epsilon) {
        int n = real.dim(0);
        int d = real.numel() / Math.max(n, 1);
        if (fake.dim(0) != n || fake.numel() != real.numel() || epsilon.numel() != n) {
            throw new IllegalArgumentException("gradient penalty: real " + java.util.Arrays.toString(real.shape())
                    + ", generated " + java.util.Arrays.toString(fake.shape()) + " and epsilon "
                    + java.util.Arrays.toString(epsilon.shape()) + " do not match");
        }
        float[] x = real.data(), y = fake.data(), e = epsilon.data();
        float[] out = new float[x.length];
        for (int i = 0; i < n; i++) {
            float a = e[i];
            for (int j = i * d, end = j + d; j < end; j++) {
                out[j] = a * x[j] + (1 - a) * y[j];
            }
        }
        return Tensor.of(out, real.shape());
    }
}
