package org.latent4j.models.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import org.latent4j.models.networks.ConvArchitecture;
import org.latent4j.models.networks.ConvNetworks;
import org.latent4j.models.networks.RecurrentArchitecture;
import org.latent4j.models.networks.RecurrentDecoder;
import org.latent4j.models.networks.RecurrentEncoderBody;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.EvalMode;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.training.TrainingListener;
import org.latent4j.models.training.Trainer;
import org.latent4j.models.vae.GaussianEncoder.Encoding;
import org.latent4j.nn.Layer;
import org.latent4j.nn.Mlp;
import org.latent4j.nn.Module;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * A variational autoencoder (Kingma and Welling, "Auto-Encoding Variational Bayes", ICLR 2014): an
 * encoder q_φ(z|x) = N(μ(x), diag σ²(x)), the prior p(z) = N(0, I) and a decoder p_θ(x|z) with a
 * chosen {@link Likelihood}, trained by maximizing the evidence lower bound
 * ELBO(x) = E_q[log p_θ(x|z)] − KL(q_φ(z|x) ‖ p(z)) ≤ log p_θ(x)
 * with the reparameterization z = μ + σ ⊙ ε, ε ~ N(0, I).
 *
 * <p>Encoder and decoder are modules handed in ({@link #Vae(VaeConfig, GaussianEncoder, Layer)});
 * {@link #create} builds the multilayer perceptrons the config describes. Children: {@code encoder},
 * {@code decoder}, {@code likelihood}. Hyperparameters are in {@link VaeConfig}; this object holds the
 * learned state.
 */
public final class Vae extends Module {
    private final VaeConfig config;
    private final GaussianEncoder encoder;
    private final Layer decoder;
    private final Likelihood likelihood;

    /** A VAE over the given encoder and decoder; the decoder maps [N, latent] to [N, inputDim] decoder outputs. */
    public Vae(VaeConfig config, GaussianEncoder encoder, Layer decoder) {
        if (encoder.latentDim() != config.latentDim()) {
            throw new IllegalArgumentException("Vae: the encoder's latent dimension " + encoder.latentDim()
                    + " differs from the config's " + config.latentDim());
        }
        this.config = config;
        this.encoder = child("encoder", encoder);
        this.decoder = child("decoder", decoder);
        this.likelihood = child("likelihood", Likelihood.create(config.likelihood(), config.inputDim(), config.features()));
    }

    /**
     * The VAE the config describes (MLPs, convolutional networks when the config has a {@link ConvArchitecture},
     * recurrent ones when it has a {@link RecurrentArchitecture}), initialized like PyTorch's layers from the config's seed. A convolutional
     * architecture that does not fit the image shape fails here, naming the layer.
     */
    public static Vae create(VaeConfig config) {
        RandomSource rng = new RandomSource(config.seed());
        RecurrentArchitecture recurrent = config.recurrent();
        if (recurrent != null) {
            RecurrentEncoderBody body = new RecurrentEncoderBody(recurrent, rng);
            GaussianEncoder encoder = new GaussianEncoder(body, body.outputWidth(), config.latentDim(), rng);
            return new Vae(config, encoder, new RecurrentDecoder(recurrent, config.latentDim(), rng));
        }
        ConvArchitecture conv = config.conv();
        if (conv != null) {
            ConvNetworks.Built body = ConvNetworks.encoderBody(conv, config.encoderHidden(), config.activation(), rng,
                    "encoder.body");
            GaussianEncoder encoder = new GaussianEncoder(body.layer(), body.outputWidth(), config.latentDim(), rng);
            Layer decoder = ConvNetworks.decoder(conv, config.latentDim(), config.decoderHidden(), config.activation(), rng,
                    "decoder");
            return new Vae(config, encoder, decoder);
        }
        int[] enc = concat(config.inputDim(), config.encoderHidden(), -1);
        Layer body = enc.length > 1 ? new Mlp(enc, config.activation(), config.activation(), rng) : identity();
        int bodyOut = enc[enc.length - 1];
        GaussianEncoder encoder = new GaussianEncoder(body, bodyOut, config.latentDim(), rng);
        Mlp decoder = new Mlp(concat(config.latentDim(), config.decoderHidden(), config.inputDim()),
                config.activation(), org.latent4j.nn.Activation.IDENTITY, rng);
        return new Vae(config, encoder, decoder);
    }

    private static int[] concat(int first, int[] middle, int last) {
        int n = middle.length + 1 + (last >= 0 ? 1 : 0);
        int[] out = new int[n];
        out[0] = first;
        System.arraycopy(middle, 0, out, 1, middle.length);
        if (last >= 0) {
            out[n - 1] = last;
        }
        return out;
    }

    private static Layer identity() {
        return org.latent4j.nn.Activation.IDENTITY.layer();
    }

    public VaeConfig config() {
        return config;
    }

    public GaussianEncoder encoder() {
        return encoder;
    }

    public Layer decoder() {
        return decoder;
    }

    public Likelihood likelihood() {
        return likelihood;
    }

    // ---------------------------------------------------------------- training

    /**
     * Trains on {@code train}, evaluating on {@code test} (may be null) after each epoch.
     * Data outside the likelihood's support fails before training starts, naming the row and value.
     */
    public TrainingHistory fit(DataMatrix train, DataMatrix test, TrainingConfig training, TrainingListener... listeners) {
        Trainer trainer = new Trainer(training);
        for (TrainingListener l : listeners) {
            trainer.listener(l);
        }
        return fit(trainer, train, test);
    }

    /** Trains with a configured trainer (its settings and listeners). */
    public TrainingHistory fit(Trainer trainer, DataMatrix train, DataMatrix test) {
        checkData(train);
        if (test != null) {
            checkData(test);
        }
        return trainer.fit(new VaeObjective(this, trainer.config().evalBatchSize()), train, test);
    }

    /**
     * Continues a run from a checkpoint directory written by a trainer with the same settings: this
     * model's weights are replaced by the checkpoint's, and the result equals an uninterrupted run.
     */
    public TrainingHistory resume(Trainer trainer, DataMatrix train, DataMatrix test, Path checkpointDir) throws IOException {
        checkData(train);
        if (test != null) {
            checkData(test);
        }
        return trainer.resume(new VaeObjective(this, trainer.config().evalBatchSize()), train, test, checkpointDir);
    }

    /** Checks that the data have rows, this model's width, and values in the support of its likelihood. */
    public DataMatrix checkData(DataMatrix data) {
        data.requireRows("this VAE").requireColumns(config.inputDim(), "this VAE").requireFinite();
        if (config.likelihood().needsUnitInterval()) {
            data.requireUnitInterval("the " + config.likelihood().id() + " likelihood");
        }
        return data;
    }

    /**
     * The per-example terms of the ELBO for a batch, with K samples of z each (recorded for gradients):
     * the Monte Carlo reconstruction term (1/K) Σ_k log p(x|z_k), [N], and the closed-form KL per
     * latent dimension, [N, latent].
     */
    Terms terms(Tensor x, int k, RandomSource noise) {
        Encoding q = encoder.forward(x);
        int n = x.dim(0);
        int latent = config.latentDim();
        if (k == 1) {
            Tensor z = q.reparameterize(Tensor.randn(noise, n, latent));
            return new Terms(likelihood.logProb(decoderOutput(z, x, noise), x), q.klPerDim());
        }
        Tensor z = q.reparameterize(Tensor.randn(noise, k, n, latent)).reshape(k * n, latent);
        Tensor xs = tile(x, k);
        Tensor logp = likelihood.logProb(decoderOutput(z, xs, noise), xs).reshape(k, n).mean(0);
        return new Terms(logp, q.klPerDim());
    }

    /**
     * The decoder's output for z with the observations x of the same rows at hand (recorded for gradients): an
     * autoregressive decoder reads x one step behind (teacher forcing, with input dropout drawn from {@code noise}
     * in training mode), any other ignores it.
     */
    Tensor decoderOutput(Tensor z, Tensor x, RandomSource noise) {
        return decoder instanceof RecurrentDecoder r ? r.forward(z, x, noise) : decoder.forward(z);
    }

    /** Whether the decoder reads previous observations, so that decoding z alone means generating step by step. */
    private boolean autoregressive() {
        return decoder instanceof RecurrentDecoder r && r.autoregressive();
    }

    /** The per-example ELBO terms: reconstruction log-likelihood [N] and KL per latent dimension [N, latent]. */
    record Terms(Tensor logLikelihood, Tensor klPerDim) {}

    /** x repeated k times along the rows (a constant). */
    static Tensor tile(Tensor x, int k) {
        float[] src = x.data();
        float[] out = new float[src.length * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(src, 0, out, i * src.length, src.length);
        }
        int[] shape = x.shape();
        shape[0] *= k;
        return Tensor.of(out, shape);
    }

    // ---------------------------------------------------------------- using a trained model

    /** μ and log σ² of q(z|x) for each row of x (σ via {@link Encoding#sigma()}). */
    public Encoding encode(Tensor x) {
        try (var g = Autograd.noGrad(); var m = EvalMode.of(this)) {
            Encoding e = encoder.forward(x);
            return new Encoding(e.mu().detach(), e.logVar().detach());
        }
    }

    /**
     * The mean E[x|z] of p(x|z) for each row of z. An autoregressive decoder generates step by step, feeding each
     * step's mean to the next (a deterministic decoding, not the mean of p(x|z) over all its draws).
     */
    public Tensor decode(Tensor z) {
        try (var g = Autograd.noGrad(); var m = EvalMode.of(this)) {
            return likelihood.mean(generate(z, likelihood::mean)).detach();
        }
    }

    /** The decoder's raw output (logits or means) for each row of z (autoregressive: fed its own means, as {@link #decode}). */
    public Tensor decoderOutput(Tensor z) {
        try (var g = Autograd.noGrad(); var m = EvalMode.of(this)) {
            return generate(z, likelihood::mean).detach();
        }
    }

    /** The decoder output for z; an autoregressive decoder feeds {@code feedback} of each step's output to the next step. */
    private Tensor generate(Tensor z, java.util.function.UnaryOperator<Tensor> feedback) {
        return autoregressive() ? ((RecurrentDecoder) decoder).generate(z, feedback) : decoder.forward(z);
    }

    /**
     * n samples: z ~ N(0, I), then the decoder mean E[x|z] ({@code draw = false}) or a draw x ~ p(x|z).
     */
    public Tensor sample(int n, boolean draw, RandomSource rng) {
        return generate(Tensor.randn(rng, n, config.latentDim()), draw, rng);
    }

    /**
     * Decodes latent codes z [n, latent] drawn by any sampler ({@link LatentMixtureSampler}): the decoder
     * mean E[x|z] ({@code draw = false}) or a draw x ~ p(x|z) from {@code rng}.
     */
    public Tensor generate(Tensor z, boolean draw, RandomSource rng) {
        if (z.rank() != 2 || z.dim(1) != config.latentDim()) {
            throw new IllegalArgumentException("generate: expected latent codes [n, " + config.latentDim() + "], got "
                    + java.util.Arrays.toString(z.shape()));
        }
        if (!draw) {
            return decode(z);
        }
        if (autoregressive()) {
            // ancestral sampling: each step's draw x_t ~ p(x_t | x_<t, z) is the next step's previous observation
            try (var g = Autograd.noGrad(); var m = EvalMode.of(this)) {
                java.util.List<Tensor> steps = new java.util.ArrayList<>();
                generate(z, o -> {
                    Tensor x = likelihood.sample(o, rng);
                    steps.add(x);
                    return x;
                });
                return Tensor.concat(1, steps.toArray(Tensor[]::new)).detach();
            }
        }
        return likelihood.sample(decoderOutput(z), rng);
    }

    /** The decoder mean at the encoder mean: x̂ = E[x | z = μ(x)]. */
    public Tensor reconstruct(Tensor x) {
        return decode(encode(x).mu());
    }

    /**
     * {@code steps} points on the straight line between the latent means of two inputs (rows of shape
     * [D] or [1, D]), endpoints included, decoded: [steps, D].
     */
    public Tensor interpolate(Tensor a, Tensor b, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("interpolate: expected at least 2 steps, got " + steps);
        }
        float[] za = encode(a.reshape(1, config.inputDim())).mu().data();
        float[] zb = encode(b.reshape(1, config.inputDim())).mu().data();
        int latent = config.latentDim();
        float[] z = new float[steps * latent];
        for (int s = 0; s < steps; s++) {
            float t = (float) s / (steps - 1);
            for (int j = 0; j < latent; j++) {
                z[s * latent + j] = (1 - t) * za[j] + t * zb[j];
            }
        }
        return decode(Tensor.of(z, steps, latent));
    }

    /**
     * The ELBO, its parts, the importance-weighted log-likelihood with {@code importanceSamples} samples,
     * their gap, active units and the KL per latent dimension (see {@link VaeEvaluation}).
     */
    public VaeEvaluation evaluate(DataMatrix data, int importanceSamples, RandomSource rng) {
        return evaluate(data, importanceSamples, rng, ImportanceSampling.NO_PROGRESS);
    }

    /**
     * As {@link #evaluate(DataMatrix, int, RandomSource)}, telling {@code examplesDone} how many examples are
     * finished after each batch (for a progress display; the numbers are the same without it).
     */
    public VaeEvaluation evaluate(DataMatrix data, int importanceSamples, RandomSource rng, IntConsumer examplesDone) {
        checkData(data);
        try (var m = EvalMode.of(this)) {
            return VaeEvaluation.of(ImportanceSampling.run(this, data, importanceSamples, rng, examplesDone));
        }
    }

    /**
     * Per-step anomaly scores of the rows of {@code data} (see {@link VaeStepScores}), from the windows' scores
     * {@code windows} (by {@link #score}) and {@code importanceSamples} samples of z per window. A VAE that is not
     * recurrent has one step per row.
     */
    public VaeStepScores stepScores(DataMatrix data, VaeScores windows, int importanceSamples, RandomSource rng) {
        checkData(data);
        try (var m = EvalMode.of(this)) {
            return VaeStepScores.of(this, data, windows.negativeLogLikelihood(), importanceSamples, rng);
        }
    }

    /** Per-example anomaly scores (see {@link VaeScores}): higher is more anomalous. */
    public VaeScores score(DataMatrix data, int importanceSamples, RandomSource rng) {
        return score(data, importanceSamples, rng, ImportanceSampling.NO_PROGRESS);
    }

    /** As {@link #score(DataMatrix, int, RandomSource)}, telling {@code examplesDone} how many examples are finished after each batch. */
    public VaeScores score(DataMatrix data, int importanceSamples, RandomSource rng, IntConsumer examplesDone) {
        checkData(data);
        try (var m = EvalMode.of(this)) {
            return VaeScores.of(ImportanceSampling.run(this, data, importanceSamples, rng, examplesDone));
        }
    }
}
