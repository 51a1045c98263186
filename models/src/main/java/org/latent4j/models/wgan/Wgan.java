package org.latent4j.models.wgan;

import java.util.ArrayList;
import java.util.List;
import org.latent4j.nn.Layer;
import org.latent4j.nn.Linear;
import org.latent4j.nn.Module;
import org.latent4j.nn.Sequential;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * A Wasserstein GAN (Arjovsky, Chintala and Bottou 2017): a generator G mapping z ~ N(0, I) to data
 * space and a critic D scoring points, trained on the Kantorovich–Rubinstein dual
 * W(P_data, P_G) = sup over 1-Lipschitz D of E_data[D(x)] − E_z[D(G(z))], the Lipschitz constraint held by
 * {@link Lipschitz clipping, a gradient penalty or spectral normalization}.
 *
 * <p>Networks (the WGAN-GP toy experiments'): both MLPs of {@code hidden} ReLU layers of {@code width},
 * the generator latentDim → … → dataDim, the critic dataDim → … → 1, each a {@link Sequential} named
 * {@code generator.0.weight}, … as PyTorch's {@code nn.Sequential}; or, for images, the DCGAN-style
 * convolutional networks of {@link ConvWganNetworks} ({@link WganConfig#architecture()}). Under spectral
 * normalization every weighted critic layer is a {@link SpectralLinear} or {@link SpectralConv2d}.
 */
public final class Wgan extends Module {
    private final WganConfig config;
    private final Sequential generator;
    private final Sequential critic;
    private final Sequential generatorAverage;
    private final List<SpectralLayer> spectral = new ArrayList<>();

    private Wgan(WganConfig config, RandomSource rng) {
        this.config = config;
        this.generator = child("generator", generatorNetwork(rng));
        this.critic = child("critic", criticNetwork(config.lipschitz() == Lipschitz.SN, rng));
        if (config.emaDecay() > 0) {
            // built from its own source (the trained networks' initialization stays that of a run without it),
            // then set to the generator's initial weights
            this.generatorAverage = child("generator_ema", generatorNetwork(new RandomSource(0)));
            copy(generator, generatorAverage);
            for (org.latent4j.tensor.Tensor p : generatorAverage.namedParameters().values()) {
                p.requiresGrad(false);
            }
        } else {
            this.generatorAverage = null;
        }
    }

    private static void copy(Module from, Module to) {
        var src = from.namedParameters();
        to.namedParameters().forEach((k, t) -> System.arraycopy(src.get(k).data(), 0, t.data(), 0, t.numel()));
    }

    /**
     * Moves the generator's average one step towards its weights, ḡ ← d·ḡ + (1 − d)·g, after a generator
     * step; nothing without an average.
     */
    public void updateAverage() {
        if (generatorAverage == null) {
            return;
        }
        float d = (float) config.emaDecay();
        var src = generator.namedParameters();
        generatorAverage.namedParameters().forEach((k, t) -> {
            float[] avg = t.data(), w = src.get(k).data();
            for (int i = 0; i < avg.length; i++) {
                avg[i] = d * avg[i] + (1 - d) * w[i];
            }
        });
    }

    /** A new WGAN with weights initialized from {@code seed} (PyTorch's default initialization of each layer). */
    public static Wgan create(WganConfig config, long seed) {
        return new Wgan(config, new RandomSource(seed));
    }

    private Sequential generatorNetwork(RandomSource rng) {
        return config.architecture() == Architecture.CONV
                ? ConvWganNetworks.generator(config.image(), config.channels(), config.latentDim(), rng)
                : mlp(config.latentDim(), config.dataDim(), false, rng);
    }

    private Sequential criticNetwork(boolean spectralNorm, RandomSource rng) {
        return config.architecture() == Architecture.CONV
                ? ConvWganNetworks.critic(config.image(), config.channels(), spectralNorm, rng, spectral)
                : mlp(config.dataDim(), 1, spectralNorm, rng);
    }

    private Sequential mlp(int in, int out, boolean spectralNorm, RandomSource rng) {
        List<Layer> layers = new ArrayList<>();
        int size = in;
        for (int i = 0; i <= config.hidden(); i++) {
            int next = i == config.hidden() ? out : config.width();
            if (spectralNorm) {
                SpectralLinear l = new SpectralLinear(size, next, rng);
                spectral.add(l);
                layers.add(l);
            } else {
                layers.add(new Linear(size, next, rng));
            }
            if (i < config.hidden()) {
                layers.add(org.latent4j.nn.Activation.RELU.layer());
            }
            size = next;
        }
        return new Sequential(layers.toArray(Layer[]::new));
    }

    public WganConfig config() {
        return config;
    }

    /** The generator network G. */
    public Sequential generator() {
        return generator;
    }

    /** The critic network D. */
    public Sequential critic() {
        return critic;
    }

    /** G(z) for latent codes z [n, latentDim]. */
    public Tensor generate(Tensor z) {
        return generator.forward(z);
    }

    /** D(x), [n, 1], for points x [n, dataDim]. */
    public Tensor criticScore(Tensor x) {
        return critic.forward(x);
    }

    /** Latent codes z ~ N(0, I), [n, latentDim]. */
    public Tensor prior(int n, RandomSource rng) {
        return Tensor.randn(rng, n, config.latentDim());
    }

    /**
     * n new points G(z), z ~ N(0, I), [n, dataDim], without gradients: from the generator's weight average
     * when the config keeps one, else from the generator.
     */
    public Tensor sample(int n, RandomSource rng) {
        return draw(generatorAverage != null ? generatorAverage : generator, n, rng);
    }

    /**
     * G(z) for given codes z [n, latentDim], without gradients: from the generator's weight average when the
     * config keeps one, else from the generator (as {@link #sample(int, RandomSource)}, for fixed codes).
     */
    public Tensor sample(Tensor z) {
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            return (generatorAverage != null ? generatorAverage : generator).forward(z).detach();
        }
    }

    /** n points of the trained generator itself (not its average), as the critic's steps need them. */
    public Tensor sampleTrained(int n, RandomSource rng) {
        return draw(generator, n, rng);
    }

    private Tensor draw(Sequential g, int n, RandomSource rng) {
        if (n < 0) {
            throw new IllegalArgumentException("sample: the number of samples must be >= 0, got " + n);
        }
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            return g.forward(prior(n, rng)).detach();
        }
    }

    /** The critic's spectrally normalized layers (empty unless the constraint is {@link Lipschitz#SN}). */
    public List<SpectralLayer> spectralLayers() {
        return List.copyOf(spectral);
    }
}
