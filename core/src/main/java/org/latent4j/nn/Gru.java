package org.latent4j.nn;

import org.latent4j.random.RandomSource;
import org.latent4j.tensor.FusedGru;
import org.latent4j.tensor.Recurrence;
import org.latent4j.tensor.Tensor;

/**
 * Gated recurrent unit layers, as PyTorch's {@code torch.nn.GRU(input_size, hidden_size, num_layers,
 * bidirectional=..., batch_first=True)}: gates r, z, n stacked in that order with the reset gate applied
 * to W_hn·h + b_hn (see {@link Recurrence#gru}), parameters and states as described in {@link Recurrent}.
 */
public final class Gru extends Recurrent {
    public Gru(int inputSize, int hiddenSize, int numLayers, boolean bidirectional, RandomSource rng) {
        super("GRU", 3, inputSize, hiddenSize, numLayers, bidirectional, rng);
    }

    /** One layer, one direction. */
    public Gru(int inputSize, int hiddenSize, RandomSource rng) {
        this(inputSize, hiddenSize, 1, false, rng);
    }

    @Override
    Recurrence.Result direction(Tensor x, Tensor h0, Tensor c0, Tensor[] w, int[] lengths, boolean reverse,
                                boolean fused) {
        return fused ? FusedGru.forward(x, h0, w[0], w[1], w[2], w[3], lengths, reverse)
                : Recurrence.gru(x, h0, w[0], w[1], w[2], w[3], lengths, reverse);
    }

    @Override
    boolean hasCell() {
        return false;
    }
}
