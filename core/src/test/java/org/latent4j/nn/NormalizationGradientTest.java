package org.latent4j.nn;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.GradientCheck;
import org.latent4j.tensor.Tensor;

/**
 * The normalization layers' forward, differentiated once and twice, against finite differences, with
 * respect to the input and the affine parameters (each perturbed in place by the check).
 */
class NormalizationGradientTest {

    /** A layer, its input shape, and whether it runs in training mode. */
    record Case(String name, Layer layer, int[] shape, boolean training) {
        @Override
        public String toString() {
            return name;
        }

        /** The input and the layer's parameters, set away from their defaults so every term matters. */
        Tensor[] inputs() {
            RandomSource rng = new RandomSource(name.hashCode());
            layer.train(training);
            var params = layer.parameters();
            Tensor[] in = new Tensor[params.size() + 1];
            in[0] = Tensor.rand(rng, -1.5f, 1.5f, shape);
            for (int k = 0; k < params.size(); k++) {
                Tensor p = params.get(k);
                rng.fillUniform(p.data(), 0, p.numel(), 0.5f, 1.5f);
                in[k + 1] = p;
            }
            return in;
        }

        /** y ⊙ tanh(y): a non-linear use of the output, so the second derivative sees every path. */
        Function<Tensor[], Tensor> f() {
            return x -> {
                Tensor y = layer.forward(x[0]);
                return y.mul(y.tanh());
            };
        }
    }

    static BatchNorm2d evaluated() {
        BatchNorm2d bn = new BatchNorm2d(2);
        bn.runningMean().data()[0] = 0.3f;
        bn.runningMean().data()[1] = -0.2f;
        bn.runningVar().data()[0] = 0.7f;
        bn.runningVar().data()[1] = 1.6f;
        return bn;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("BatchNorm2d training [3,2,2,2]", new BatchNorm2d(2), new int[] {3, 2, 2, 2}, true),
                new Case("BatchNorm2d evaluation [2,2,2,1]", evaluated(), new int[] {2, 2, 2, 1}, false),
                new Case("BatchNorm1d training [4,3]", new BatchNorm1d(3), new int[] {4, 3}, true),
                new Case("BatchNorm1d training [2,2,3]", new BatchNorm1d(2), new int[] {2, 2, 3}, true),
                new Case("GroupNorm 2 groups [2,4,3]", new GroupNorm(2, 4), new int[] {2, 4, 3}, true),
                new Case("GroupNorm 1 group [2,2,2,2]", new GroupNorm(1, 2), new int[] {2, 2, 2, 2}, false),
                new Case("LayerNorm [3] on [2,3]", new LayerNorm(3), new int[] {2, 3}, true),
                new Case("LayerNorm [2,3] on [2,2,3]", new LayerNorm(2, 3), new int[] {2, 2, 3}, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firstOrder(Case c) {
        GradientCheck.assertGradients(c.f(), c.inputs());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void secondOrder(Case c) {
        GradientCheck.assertSecondOrder(c.f(), c.inputs());
    }

    /**
     * A WGAN-GP gradient penalty (Gulrajani et al. 2017), (‖∂D/∂x‖ − 1)² per example, through a critic
     * with batch normalization in training mode: its gradient with respect to the critic's parameters
     * differentiates the layer's backward.
     */
    @Test
    void gradientPenaltyThroughBatchNormInTrainingMode() {
        RandomSource rng = new RandomSource(11);
        Linear in = new Linear(3, 4, rng);
        BatchNorm1d bn = new BatchNorm1d(4);
        Linear out = new Linear(4, 1, rng);
        Sequential critic = new Sequential(in, bn, Activation.TANH.layer(), out);
        rng.fillUniform(bn.weight().data(), 0, 4, 0.5f, 1.5f);
        rng.fillUniform(bn.bias().data(), 0, 4, -0.5f, 0.5f);
        Tensor x = Tensor.rand(rng, -1, 1, 5, 3);
        Function<Tensor[], Tensor> penalty = p -> {
            Tensor xi = x.detach().requiresGrad(true);
            Tensor d = critic.forward(xi).sum();
            Tensor g = Autograd.grad(d, new Tensor[] {xi}, true)[0];
            return g.square().sum(1).add(1e-6f).sqrt().sub(1f).square().mean();
        };
        GradientCheck.assertGradients(penalty, critic.parameters().toArray(Tensor[]::new));
    }
}
