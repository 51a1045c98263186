package org.latent4j.models.autoencoder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.ModelFiles;
import org.latent4j.models.networks.ConvArchitecture;
import org.latent4j.models.networks.ConvNetworks;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.EvalMode;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.training.TrainingListener;
import org.latent4j.models.training.TrainingObjective;
import org.latent4j.models.training.Trainer;
import org.latent4j.models.vae.Likelihood;
import org.latent4j.nn.Activation;
import org.latent4j.nn.Layer;
import org.latent4j.nn.Mlp;
import org.latent4j.nn.Module;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * A deterministic autoencoder built from the VAE's parts: an encoder network to a code z = f(x), a
 * decoder network, and a likelihood that turns the reconstruction into a loss, −log p(x | g(f(x)))
 * (cross-entropy for Bernoulli, squared error plus constant for the Gaussian). For comparison with the
 * VAE: same layers, no sampling, no KL term, hence no generative model of z.
 * Children: {@code encoder}, {@code decoder}, {@code likelihood}.
 */
public final class Autoencoder extends Module {
    /** The model kind recorded in model directories. */
    public static final String KIND = "autoencoder";

    private final AutoencoderConfig config;
    private final Layer encoder;
    private final Layer decoder;
    private final Likelihood likelihood;

    /** An autoencoder over given networks: encoder [N, D] → [N, latent], decoder [N, latent] → [N, D]. */
    public Autoencoder(AutoencoderConfig config, Layer encoder, Layer decoder) {
        this.config = config;
        this.encoder = child("encoder", encoder);
        this.decoder = child("decoder", decoder);
        this.likelihood = child("likelihood", Likelihood.create(config.likelihood(), config.inputDim()));
    }

    /**
     * The autoencoder the config describes (MLPs, or the convolutional networks of its
     * {@link ConvArchitecture}); an architecture that does not fit the image shape fails here, naming the layer.
     */
    public static Autoencoder create(AutoencoderConfig config) {
        RandomSource rng = new RandomSource(config.seed());
        ConvArchitecture conv = config.conv();
        if (conv != null) {
            Layer encoder = ConvNetworks.encoder(conv, config.hidden(), config.latentDim(), config.activation(), rng, "encoder");
            Layer decoder = ConvNetworks.decoder(conv, config.latentDim(), config.decoderHidden(), config.activation(), rng,
                    "decoder");
            return new Autoencoder(config, encoder, decoder);
        }
        int[] h = config.hidden();
        int[] enc = new int[h.length + 2];
        int[] dec = new int[h.length + 2];
        enc[0] = config.inputDim();
        dec[0] = config.latentDim();
        for (int i = 0; i < h.length; i++) {
            enc[i + 1] = h[i];
            dec[i + 1] = h[h.length - 1 - i];
        }
        enc[h.length + 1] = config.latentDim();
        dec[h.length + 1] = config.inputDim();
        return new Autoencoder(config, new Mlp(enc, config.activation(), Activation.IDENTITY, rng),
                new Mlp(dec, config.activation(), Activation.IDENTITY, rng));
    }

    public AutoencoderConfig config() {
        return config;
    }

    /** Trains by minimizing the summed reconstruction loss; {@code test} may be null. */
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
        return trainer.fit(new Objective(trainer.config().evalBatchSize()), train, test);
    }

    /**
     * Continues a run from a checkpoint directory written by a trainer with the same settings; the result
     * equals an uninterrupted run.
     */
    public TrainingHistory resume(Trainer trainer, DataMatrix train, DataMatrix test, Path checkpointDir) throws IOException {
        checkData(train);
        if (test != null) {
            checkData(test);
        }
        return trainer.resume(new Objective(trainer.config().evalBatchSize()), train, test, checkpointDir);
    }

    /** Checks that the data have rows, this model's width, and values in the support of its likelihood. */
    public DataMatrix checkData(DataMatrix data) {
        data.requireRows("this autoencoder").requireColumns(config.inputDim(), "this autoencoder").requireFinite();
        if (config.likelihood().needsUnitInterval()) {
            data.requireUnitInterval("the " + config.likelihood().id() + " likelihood");
        }
        return data;
    }

    /** The code z = f(x) of each row. */
    public Tensor encode(Tensor x) {
        try (var g = Autograd.noGrad(); var m = EvalMode.of(this)) {
            return encoder.forward(x).detach();
        }
    }

    /** The reconstruction mean for each code. */
    public Tensor decode(Tensor z) {
        try (var g = Autograd.noGrad(); var m = EvalMode.of(this)) {
            return likelihood.mean(decoder.forward(z)).detach();
        }
    }

    public Tensor reconstruct(Tensor x) {
        return decode(encode(x));
    }

    /** The reconstruction loss −log p(x | g(f(x))) of each example, in nats (an anomaly score). */
    public double[] scoreSamples(DataMatrix data) {
        checkData(data);
        double[] out = new double[data.rows()];
        try (var g = Autograd.noGrad(); var m = EvalMode.of(this)) {
            for (int s = 0; s < data.rows(); s += 1000) {
                int e = Math.min(data.rows(), s + 1000);
                Tensor x = data.slice(s, e);
                float[] lp = likelihood.logProb(decoder.forward(encoder.forward(x)), x).data();
                for (int i = 0; i < lp.length; i++) {
                    out[s + i] = -lp[i];
                }
            }
        }
        return out;
    }

    /** Writes a model directory (kind {@value #KIND}). */
    public void save(Path dir, ObjectNode metadata) throws IOException {
        ModelFiles.write(dir, new ModelFiles.Bundle(KIND, config.toJson(), stateArrays(), metadata));
    }

    /** Reads a model directory written by {@link #save}, checking every weight's name and shape. */
    public static Autoencoder load(Path dir) throws IOException {
        ModelFiles.Bundle b = ModelFiles.read(dir, KIND);
        Path configFile = dir.resolve(ModelFiles.CONFIG);
        AutoencoderConfig config;
        try {
            config = AutoencoderConfig.fromJson(b.config(), configFile.toString());
        } catch (IllegalArgumentException e) {
            throw FileFormatException.of(configFile, e);
        }
        Autoencoder ae = create(config);
        try {
            ae.loadStateArrays(b.weights());
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(dir.resolve(ModelFiles.WEIGHTS), e.getMessage() + " (the model as " + configFile + " describes it)", e);
        }
        ae.train(false); // a loaded model is for inference: batch normalization on its running statistics
        return ae;
    }

    /** Summed reconstruction loss; held-out figure {@code loss} is its mean per example. */
    private final class Objective implements TrainingObjective {
        private final int evalBatch;

        Objective(int evalBatch) {
            this.evalBatch = evalBatch;
        }

        @Override
        public Module module() {
            return Autoencoder.this;
        }

        @Override
        public BatchLoss loss(Tensor batch, double epochPosition, RandomSource noise) {
            Tensor loss = likelihood.logProb(decoder.forward(encoder.forward(batch)), batch).sum().neg();
            return new BatchLoss(loss, loss.item());
        }

        @Override
        public Map<String, Double> evaluate(DataMatrix data, RandomSource rng) {
            double total = 0;
            try (var g = Autograd.noGrad()) {
                for (int s = 0; s < data.rows(); s += evalBatch) {
                    Tensor x = data.slice(s, Math.min(data.rows(), s + evalBatch));
                    total -= likelihood.logProb(decoder.forward(encoder.forward(x)), x).sum().item();
                }
            }
            return Map.of("loss", total / Math.max(1, data.rows()));
        }
    }
}
