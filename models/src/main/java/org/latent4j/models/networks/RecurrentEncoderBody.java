package org.latent4j.models.networks;

import org.latent4j.nn.Layer;
import org.latent4j.nn.Recurrent;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * The body of a sequence VAE's encoder: rows [N, T·F] read as [N, T, F], stacked recurrent layers (child
 * {@code rnn}, PyTorch's names: {@code weight_ih_l0}, ...), and the last layer's final hidden state, both directions
 * side by side when bidirectional (forward first, as PyTorch orders h_n), [N, D·H]. The μ and log σ² heads of
 * {@link org.latent4j.models.vae.GaussianEncoder} follow.
 */
public final class RecurrentEncoderBody extends Layer {
    private final RecurrentArchitecture arch;
    private final Recurrent rnn;

    public RecurrentEncoderBody(RecurrentArchitecture arch, RandomSource rng) {
        this.arch = arch;
        this.rnn = child("rnn", RecurrentLayers.create(arch.cell(), arch.features(), arch.hidden(), arch.layers(),
                arch.bidirectional(), rng));
    }

    /** The output width, H or 2H. */
    public int outputWidth() {
        return arch.encoderOutput();
    }

    @Override
    public Tensor forward(Tensor x) {
        int n = x.dim(0);
        Tensor hN = rnn.forward(x.reshape(n, arch.steps(), arch.features()), null, null, null).hN();
        int directions = arch.bidirectional() ? 2 : 1;
        int last = (arch.layers() - 1) * directions;
        Tensor top = hN.slice(0, last, last + directions); // [D, N, H]
        return directions == 1 ? top.reshape(n, arch.hidden()) : top.permute(1, 0, 2).reshape(n, 2 * arch.hidden());
    }
}
