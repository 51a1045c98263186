package org.latent4j.models.vae;

import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * Data-parallel training of a {@link Vae}: the gradient of one mini-batch computed in shares on
 * several machines and summed. The training loss is a sum over the batch's rows (with free bits off),
 * so the gradients of the shares add up to the gradient of the batch; what must be the same is the
 * reparameterization noise, which is why the noise of the whole batch is drawn once ({@link #noise},
 * the draws {@link VaeObjective} makes from the same random source) and each share takes the rows of
 * it that belong to its rows ({@link #rows}).
 */
public final class VaeShards {
    private VaeShards() {}

    /** The batch's noise ε as {@link VaeObjective} draws it for {@code n} rows: [n, latent], or [K, n, latent]. */
    public static Tensor noise(VaeConfig config, int n, RandomSource rng) {
        int k = config.samples();
        return k == 1 ? Tensor.randn(rng, n, config.latentDim()) : Tensor.randn(rng, k, n, config.latentDim());
    }

    /** The noise of the batch rows at {@code positions} (in that order), from the whole batch's noise of n rows. */
    public static Tensor rows(Tensor noise, int n, int[] positions) {
        int[] shape = noise.shape();
        int latent = shape[shape.length - 1];
        int k = shape.length == 3 ? shape[0] : 1;
        float[] src = noise.data();
        float[] out = new float[k * positions.length * latent];
        for (int s = 0; s < k; s++) {
            for (int r = 0; r < positions.length; r++) {
                System.arraycopy(src, (s * n + positions[r]) * latent, out, (s * positions.length + r) * latent, latent);
            }
        }
        return k == 1 ? Tensor.of(out, positions.length, latent) : Tensor.of(out, k, positions.length, latent);
    }

    /**
     * The loss of rows x under the given noise (as {@link VaeObjective#loss}), back-propagated: the
     * parameters' gradients receive its gradient (accumulated onto what they hold). Returns the reported
     * loss and its parts summed over the rows: {negative ELBO, recon, kl}.
     *
     * @throws IllegalArgumentException with free bits, whose batch mean of the KL does not split into shares
     */
    public static double[] lossAndBackward(Vae vae, Tensor x, Tensor noise, double epochPosition) {
        VaeConfig c = vae.config();
        if (c.freeBits() > 0) {
            throw new IllegalArgumentException("free bits take the KL's mean over the whole batch, which does not split"
                    + " into shares: data-parallel training needs free-bits 0");
        }
        GaussianEncoder.Encoding q = vae.encoder().forward(x);
        int n = x.dim(0);
        int latent = c.latentDim();
        int k = c.samples();
        Tensor recon;
        if (k == 1) {
            Tensor z = q.reparameterize(noise);
            recon = vae.likelihood().logProb(vae.decoder().forward(z), x).sum();
        } else {
            Tensor z = q.reparameterize(noise).reshape(k * n, latent);
            recon = vae.likelihood().logProb(vae.decoder().forward(z), Vae.tile(x, k)).reshape(k, n).mean(0).sum();
        }
        Tensor klSum = q.klPerDim().sum();
        float beta = (float) c.betaAt(epochPosition);
        Tensor objective = beta == 1f ? klSum.sub(recon) : klSum.mul(beta).sub(recon);
        objective.backward();
        double reconValue = -recon.item();
        double klValue = klSum.item();
        return new double[] {reconValue + klValue, reconValue, klValue};
    }
}
