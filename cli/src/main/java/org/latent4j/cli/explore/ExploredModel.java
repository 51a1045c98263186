package org.latent4j.cli.explore;

import java.io.IOException;
import java.nio.file.Path;
import org.latent4j.models.autoencoder.Autoencoder;
import org.latent4j.models.vae.GaussianEncoder;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * What the explorer needs of a model with an encoder and a decoder: the latent means of rows, and the decoder
 * mean at given codes. Implemented for the VAE (MLP or convolutional) and the autoencoder, with the same model
 * code as the command line ({@link Vae#encode}, {@link Vae#decode}, {@link Autoencoder#encode}, ...).
 */
interface ExploredModel {
    /** The model kind in its metadata: {@code vae} or {@code autoencoder}. */
    String kind();

    int inputDim();

    int latentDim();

    /**
     * The codes of rows × inputDim values: μ of q(z|x) (VAE) or f(x) (autoencoder), and log σ² of q(z|x)
     * (null for a deterministic encoder), each rows × latentDim.
     */
    Codes encode(float[] x, int rows);

    /** Latent means and log-variances (null for an autoencoder), rows × latentDim each. */
    record Codes(float[] mu, float[] logVar) {}

    /** E[x|z] of each row of z: rows × inputDim. */
    float[] decode(float[] z, int rows);

    /** Whether the model has a prior to sample z from (the VAE's N(0, I)). */
    boolean hasPrior();

    /** Loads a model folder of kind {@code vae} or {@code autoencoder}. */
    static ExploredModel load(Path modelDir, String kind) throws IOException {
        return switch (kind) {
            case VaeFiles.KIND -> new OfVae(VaeFiles.load(modelDir).vae());
            case Autoencoder.KIND -> new OfAutoencoder(Autoencoder.load(modelDir));
            default -> throw new IllegalArgumentException("unexpected model kind " + kind);
        };
    }

    /** N(0, I) draws for {@code n} codes (only for models with a prior). */
    default float[] samplePrior(int n, RandomSource rng) {
        return Tensor.randn(rng, n, latentDim()).data();
    }

    /** A variational autoencoder. */
    record OfVae(Vae vae) implements ExploredModel {
        @Override
        public String kind() {
            return VaeFiles.KIND;
        }

        @Override
        public int inputDim() {
            return vae.config().inputDim();
        }

        @Override
        public int latentDim() {
            return vae.config().latentDim();
        }

        @Override
        public Codes encode(float[] x, int rows) {
            GaussianEncoder.Encoding e = vae.encode(Tensor.of(x, rows, inputDim()));
            return new Codes(e.mu().reshape(rows, latentDim()).data(), e.logVar().reshape(rows, latentDim()).data());
        }

        @Override
        public float[] decode(float[] z, int rows) {
            return vae.decode(Tensor.of(z, rows, latentDim())).reshape(rows, inputDim()).data();
        }

        @Override
        public boolean hasPrior() {
            return true;
        }
    }

    /** A deterministic autoencoder: codes, no prior. */
    record OfAutoencoder(Autoencoder ae) implements ExploredModel {
        @Override
        public String kind() {
            return Autoencoder.KIND;
        }

        @Override
        public int inputDim() {
            return ae.config().inputDim();
        }

        @Override
        public int latentDim() {
            return ae.config().latentDim();
        }

        @Override
        public Codes encode(float[] x, int rows) {
            return new Codes(ae.encode(Tensor.of(x, rows, inputDim())).reshape(rows, latentDim()).data(), null);
        }

        @Override
        public float[] decode(float[] z, int rows) {
            return ae.decode(Tensor.of(z, rows, latentDim())).reshape(rows, inputDim()).data();
        }

        @Override
        public boolean hasPrior() {
            return false;
        }
    }
}
