package org.latent4j.models.vae;

import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.GaussianMixtureConfig;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * The "ex-post density estimation" sampler of Ghosh et al. 2020 ("From Variational to Deterministic
 * Autoencoders", section 4): a VAE's aggregate posterior, where its encoder puts the training data, is not
 * the prior N(0, I) it was pulled towards, and decoding prior draws that fall between the data's codes gives
 * blurry or implausible images. Instead, fit a Gaussian mixture (full covariances, latent4j's own EM) to the
 * encoder means μ(x) of the training set, draw z from the mixture and decode it.
 */
public final class LatentMixtureSampler {
    private static final int ENCODE_BATCH = 1000;

    private final Vae vae;
    private final GaussianMixture mixture;

    private LatentMixtureSampler(Vae vae, GaussianMixture mixture) {
        this.vae = vae;
        this.mixture = mixture;
    }

    /**
     * Fits the k-component mixture to the encoder means of {@code train} (EM from k-means++, seeded; full
     * covariances regularized by 1e-6 on the diagonal, as scikit-learn's default).
     */
    public static LatentMixtureSampler fit(Vae vae, DataMatrix train, int k, long seed) {
        vae.checkData(train);
        if (train.rows() < k) {
            throw new IllegalArgumentException("latent mixture: " + train.name() + " has " + train.rows()
                    + " rows, fewer than the " + k + " components asked for");
        }
        int latent = vae.config().latentDim();
        double[] means = new double[train.rows() * latent];
        for (int start = 0; start < train.rows(); start += ENCODE_BATCH) {
            int end = Math.min(train.rows(), start + ENCODE_BATCH);
            float[] mu = vae.encode(train.slice(start, end)).mu().data();
            for (int i = 0; i < mu.length; i++) {
                means[start * latent + i] = mu[i];
            }
        }
        GaussianMixtureConfig config = GaussianMixtureConfig.builder().k(k).covarianceType(CovarianceType.FULL)
                .maxIter(200).seed(seed).build();
        GaussianMixture mixture = new GaussianMixture(config).fit(means, latent);
        return new LatentMixtureSampler(vae, mixture);
    }

    /** The sampler over a mixture fitted earlier (read back from its files); its dimension must be the latent one. */
    public static LatentMixtureSampler of(Vae vae, GaussianMixture mixture) {
        int d = mixture.parameters().d();
        if (d != vae.config().latentDim()) {
            throw new IllegalArgumentException("latent mixture: the mixture has " + d + " dimensions, the VAE's latent space "
                    + vae.config().latentDim());
        }
        return new LatentMixtureSampler(vae, mixture);
    }

    /** The fitted mixture over the latent space. */
    public GaussianMixture mixture() {
        return mixture;
    }

    /** n samples: z from the mixture, then the decoder mean ({@code draw = false}) or a draw from p(x|z). */
    public Tensor sample(int n, boolean draw, RandomSource rng) {
        double[] z = mixture.sample(n, rng).x();
        float[] zf = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            zf[i] = (float) z[i];
        }
        return vae.generate(Tensor.of(zf, n, vae.config().latentDim()), draw, rng);
    }
}
