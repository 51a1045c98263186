package org.latent4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.nn.Activation;
import org.latent4j.nn.Conv2d;
import org.latent4j.nn.ConvTranspose2d;
import org.latent4j.nn.Flatten;
import org.latent4j.nn.Mlp;
import org.latent4j.nn.Sequential;
import org.latent4j.nn.Unflatten;
import org.latent4j.optim.Optimizer;
import org.latent4j.optim.Optimizers;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/** The README's Java examples, kept compiling and working. */
class ReadmeExampleTest {

    @Test
    void fitExampleLearnsTheFunction() {
        RandomSource rng = new RandomSource(1);
        Mlp net = new Mlp(new int[] {1, 32, 1}, Activation.TANH, Activation.IDENTITY, rng);
        Optimizer opt = Optimizers.create("adam", 1e-2, net.namedParameters());
        Tensor x = Tensor.rand(rng, -3f, 3f, 256, 1);
        Tensor y = x.mul(2f).tanh();
        float loss0 = Float.NaN;
        float last = Float.NaN;
        for (int step = 0; step < 500; step++) {
            opt.zeroGrad();
            Tensor loss = net.forward(x).sub(y).square().mean();
            loss.backward();
            opt.step();
            if (step == 0) {
                loss0 = loss.item();
            }
            last = loss.item();
        }
        assertTrue(last < 0.01f * loss0, "loss " + loss0 + " -> " + last);
        assertEquals(4, net.stateArrays().size());
    }

    @Test
    void gradientPenaltyExampleIsDifferentiable() {
        RandomSource rng = new RandomSource(2);
        Mlp critic = new Mlp(new int[] {3, 8, 1}, Activation.TANH, Activation.IDENTITY, rng);
        Tensor xHat = Tensor.randn(rng, 5, 3).requiresGrad(true);
        Tensor[] g = Autograd.grad(critic.forward(xHat).sum(), new Tensor[] {xHat}, true);
        Tensor penalty = g[0].square().sum(1).sqrt().sub(1f).square().mean();
        penalty.backward();
        float norm = 0;
        for (float v : critic.parameters().get(0).grad().data()) {
            norm += v * v;
        }
        assertTrue(norm > 0, "the penalty must reach the critic's weights");
    }

    @Test
    void convolutionalExampleMapsImagesToCodesAndBack() {
        RandomSource rng = new RandomSource(3);
        Sequential encoder = new Sequential(
                new Conv2d(1, 32, 4, 2, 1, true, rng), Activation.RELU.layer(),
                new Conv2d(32, 64, 4, 2, 1, true, rng), Activation.RELU.layer(),
                new Flatten());
        Sequential decoder = new Sequential(
                new Unflatten(64, 7, 7),
                new ConvTranspose2d(64, 32, 4, 2, 1, 0, true, rng), Activation.RELU.layer(),
                new ConvTranspose2d(32, 1, 4, 2, 1, 0, true, rng));
        Tensor x = Tensor.rand(rng, 0f, 1f, 2, 1, 28, 28);
        Tensor h = encoder.forward(x);
        assertEquals(3136, h.dim(1));
        Tensor y = decoder.forward(h);
        assertEquals(28, y.dim(3));
        y.sub(x).square().mean().backward();
        assertTrue(encoder.namedParameters().get("0.weight").grad() != null);
    }
}
