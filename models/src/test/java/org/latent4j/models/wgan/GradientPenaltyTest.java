package org.latent4j.models.wgan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.GradientCheck;
import org.latent4j.tensor.MatMul;
import org.latent4j.tensor.Tensor;

class GradientPenaltyTest {
    final RandomSource rng = new RandomSource(7);
    final Tensor real = Tensor.randn(rng, 5, 2);
    final Tensor fake = Tensor.randn(rng, 5, 2);
    final Tensor eps = Tensor.rand(rng, 0f, 1f, 5, 1);

    /** A tiny smooth critic 2 → 3 → 1 (tanh) with the given weights. */
    static Function<Tensor, Tensor> critic(Tensor w1, Tensor b1, Tensor w2) {
        return x -> MatMul.linear(MatMul.linear(x, w1, b1).tanh(), w2, null);
    }

    @Test
    void thePenaltysGradientInTheCriticWeightsMatchesFiniteDifferences() {
        RandomSource r = new RandomSource(3);
        Tensor w1 = Tensor.randn(r, 3, 2), b1 = Tensor.randn(r, 3), w2 = Tensor.randn(r, 1, 3);
        GradientCheck.assertGradients(in -> GradientPenalty.of(critic(in[0], in[1], in[2]), real, fake, eps, 10).penalty(),
                w1, b1, w2);
    }

    @Test
    void ofALinearCriticItIsLambdaTimesTheSquaredDistanceOfTheWeightNormToOne() {
        // D(x) = w·x has ∇D = w everywhere: the penalty is λ(‖w‖ − 1)² and its gradient 2λ(‖w‖ − 1)·w/‖w‖
        Tensor w = Tensor.of(new float[] {3, 4}, 1, 2).requiresGrad(true);
        GradientPenalty.Result r = GradientPenalty.of(x -> MatMul.linear(x, w, null), real, fake, eps, 0.5);
        assertEquals(0.5 * 16, r.penalty().item(), 1e-4);
        assertArrayEquals(new float[] {5, 5, 5, 5, 5}, r.norms().toArray(), 1e-5f);
        Tensor g = Autograd.grad(r.penalty(), new Tensor[] {w}, false)[0];
        assertArrayEquals(new float[] {2 * 0.5f * 4 * 3 / 5f, 2 * 0.5f * 4 * 4 / 5f}, g.toArray(), 1e-4f);
    }

    @Test
    void interpolatesLieOnTheSegmentsBetweenRealAndGeneratedPoints() {
        Tensor x = GradientPenalty.interpolate(real, fake, eps);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 2; j++) {
                float e = eps.get(i, 0);
                assertEquals(e * real.get(i, j) + (1 - e) * fake.get(i, j), x.get(i, j), 1e-6);
            }
        }
    }
}
