package org.latent4j.models.vae;

import org.latent4j.nn.Layer;
import org.latent4j.nn.Linear;
import org.latent4j.nn.Module;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.MatMul;
import org.latent4j.tensor.Tensor;

/**
 * The inference network q_φ(z|x) = N(μ(x), diag σ²(x)) of a VAE: a shared body (any layer: an MLP
 * here, convolutional or recurrent ones later) followed by two linear heads, one for μ and one for
 * log σ² (so σ² = exp(log σ²) is always positive). Children: {@code body}, {@code mu}, {@code log_var}.
 */
public final class GaussianEncoder extends Module {
    private final Layer body;
    private final Linear mu;
    private final Linear logVar;

    /**
     * @param body       the shared network, mapping [N, D] to [N, bodyOutput]
     * @param bodyOutput the body's output width
     * @param latent     the latent dimension
     */
    public GaussianEncoder(Layer body, int bodyOutput, int latent, RandomSource rng) {
        this.body = child("body", body);
        this.mu = child("mu", new Linear(bodyOutput, latent, rng));
        this.logVar = child("log_var", new Linear(bodyOutput, latent, rng));
    }

    /**
     * μ and log σ² for each row of x. The two heads run as one product: their weights stacked into one
     * [2·latent, bodyOutput] matrix (a copy of 2·latent·bodyOutput numbers), one linear map, its output cut in
     * two. Against two products of a narrow output (20 columns for the reference VAE, where the products
     * run far from the kernels' peak) this is one product forward and two instead of four backward, and the
     * body's gradient comes out of one product instead of two products and a sum. The parameters stay the
     * two heads' own ({@code mu.weight}, {@code log_var.weight}, ...).
     */
    public Encoding forward(Tensor x) {
        Tensor h = body.forward(x);
        int latent = latentDim();
        Tensor weight = Tensor.concat(0, mu.weight(), logVar.weight());
        Tensor bias = Tensor.concat(0, mu.bias(), logVar.bias());
        Tensor both = MatMul.linear(h, weight, bias);
        int last = both.rank() - 1;
        return new Encoding(both.slice(last, 0, latent), both.slice(last, latent, 2 * latent));
    }

    /** The latent dimension. */
    public int latentDim() {
        return mu.outFeatures();
    }

    /** The parameters of q(z|x) for a batch: μ and log σ², each [N, latent]. */
    public record Encoding(Tensor mu, Tensor logVar) {
        /** σ = exp(½ log σ²). */
        public Tensor sigma() {
            return logVar.mul(0.5f).exp();
        }

        /**
         * KL(N(μ, σ²) ‖ N(0, I)) per example and dimension, [N, latent]:
         * ½ (μ² + σ² − 1 − log σ²) (Kingma and Welling 2014, appendix B).
         */
        public Tensor klPerDim() {
            return mu.square().add(logVar.exp()).sub(logVar).sub(1f).mul(0.5f);
        }

        /** z = μ + σ ⊙ ε for the given noise ε of shape [..., N, latent] (the reparameterization trick). */
        public Tensor reparameterize(Tensor eps) {
            return mu.add(sigma().mul(eps));
        }
    }
}
