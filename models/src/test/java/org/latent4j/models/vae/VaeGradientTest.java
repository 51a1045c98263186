package org.latent4j.models.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.latent4j.nn.Activation;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.GradientCheck;
import org.latent4j.tensor.Tensor;

/** The gradient of the full VAE loss with respect to every parameter, against finite differences. */
class VaeGradientTest {

    @ParameterizedTest
    @EnumSource(LikelihoodKind.class)
    void fullLossPassesTheGradientCheck(LikelihoodKind kind) {
        VaeConfig config = VaeConfig.builder(5).latentDim(2).hidden(4).activation(Activation.TANH).likelihood(kind)
                .samples(2).beta(0.7).seed(3).build();
        Vae vae = Vae.create(config);
        if (kind == LikelihoodKind.GAUSSIAN_LEARNED) {
            vae.likelihood().namedParameters().get("log_var").data()[1] = 0.4f;
        }
        Tensor x = Tensor.rand(new RandomSource(9), 0.05f, 0.95f, 3, 5);
        VaeObjective objective = new VaeObjective(vae, 100);
        Tensor[] params = vae.parameters().toArray(Tensor[]::new);
        // the same noise at every evaluation: the loss is then a smooth function of the parameters
        GradientCheck.assertGradients(p -> objective.loss(x, 0.5, new RandomSource(11)).objective(), params);
        assertEquals(vae.parameterCount(), countElements(params));
    }

    @ParameterizedTest
    @EnumSource(value = LikelihoodKind.class, names = {"BERNOULLI", "GAUSSIAN"})
    void freeBitsLossPassesTheGradientCheck(LikelihoodKind kind) {
        VaeConfig config = VaeConfig.builder(4).latentDim(3).hidden(3).activation(Activation.TANH).likelihood(kind)
                .freeBits(0.05).seed(5).build();
        Vae vae = Vae.create(config);
        Tensor x = Tensor.rand(new RandomSource(2), 0.05f, 0.95f, 4, 4);
        VaeObjective objective = new VaeObjective(vae, 100);
        GradientCheck.assertGradients(p -> objective.loss(x, 0, new RandomSource(1)).objective(),
                vae.parameters().toArray(Tensor[]::new));
    }

    private static long countElements(Tensor[] ts) {
        long n = 0;
        for (Tensor t : ts) {
            n += t.numel();
        }
        return n;
    }
}
