package org.latent4j.models.vae;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latent4j.models.networks.RecurrentArchitecture;
import org.latent4j.models.networks.RecurrentCell;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.GradientCheck;
import org.latent4j.tensor.Tensor;

/**
 * The gradient of the full sequence VAE loss (recurrent encoder and decoder, per-step likelihood) with respect to
 * every parameter, against finite differences; second order for the smallest model.
 */
class SequenceVaeGradientTest {

    @ParameterizedTest
    @CsvSource({"lstm,false,false,gaussian-learned", "gru,false,false,bernoulli", "lstm,true,true,gaussian-learned",
            "gru,true,true,bernoulli"})
    void fullLossPassesTheGradientCheck(String cell, boolean bidirectional, boolean autoregressive, String likelihood) {
        // 3 steps of 2 features; two layers when bidirectional; input dropout on (the same noise at every evaluation)
        RecurrentArchitecture arch = new RecurrentArchitecture(RecurrentCell.parse(cell), 3, 2, 3, bidirectional ? 2 : 1,
                bidirectional, autoregressive, autoregressive ? 0.3 : 0);
        VaeConfig config = VaeConfig.builder(6).latentDim(2).recurrent(arch).likelihood(LikelihoodKind.parse(likelihood))
                .samples(2).beta(0.7).seed(3).build();
        Vae vae = Vae.create(config);
        if (config.likelihood() == LikelihoodKind.GAUSSIAN_LEARNED) {
            vae.likelihood().namedParameters().get("log_var").data()[1] = 0.4f;
        }
        Tensor x = Tensor.rand(new RandomSource(9), 0.05f, 0.95f, 3, 6);
        VaeObjective objective = new VaeObjective(vae, 100);
        GradientCheck.assertGradients(p -> objective.loss(x, 0.5, new RandomSource(11)).objective(),
                vae.parameters().toArray(Tensor[]::new));
    }

    @ParameterizedTest
    @CsvSource({"lstm", "gru"})
    void secondOrder(String cell) {
        RecurrentArchitecture arch = new RecurrentArchitecture(RecurrentCell.parse(cell), 2, 2, 2, 1, false, true, 0);
        Vae vae = Vae.create(VaeConfig.builder(4).latentDim(1).recurrent(arch).likelihood(LikelihoodKind.GAUSSIAN_LEARNED)
                .seed(4).build());
        Tensor x = Tensor.rand(new RandomSource(2), 0.05f, 0.95f, 2, 4);
        VaeObjective objective = new VaeObjective(vae, 100);
        GradientCheck.assertSecondOrder(p -> objective.loss(x, 1, new RandomSource(1)).objective(),
                vae.parameters().toArray(Tensor[]::new));
    }
}
