package org.latent4j.nn;

import org.latent4j.random.RandomSource;
import org.latent4j.tensor.FusedLstm;
import org.latent4j.tensor.Recurrence;
import org.latent4j.tensor.Tensor;

/**
 * Long short-term memory layers, as PyTorch's {@code torch.nn.LSTM(input_size, hidden_size, num_layers,
 * bidirectional=..., batch_first=True)}: gates i, f, g, o stacked in that order (see {@link Recurrence#lstm}),
 * parameters and states as described in {@link Recurrent}.
 */
public final class Lstm extends Recurrent {
    public Lstm(int inputSize, int hiddenSize, int numLayers, boolean bidirectional, RandomSource rng) {
        super("LSTM", 4, inputSize, hiddenSize, numLayers, bidirectional, rng);
    }

    /** One layer, one direction. */
    public Lstm(int inputSize, int hiddenSize, RandomSource rng) {
        this(inputSize, hiddenSize, 1, false, rng);
    }

    @Override
    Recurrence.Result direction(Tensor x, Tensor h0, Tensor c0, Tensor[] w, int[] lengths, boolean reverse,
                                boolean fused) {
        return fused ? FusedLstm.forward(x, h0, c0, w[0], w[1], w[2], w[3], lengths, reverse)
                : Recurrence.lstm(x, h0, c0, w[0], w[1], w[2], w[3], lengths, reverse);
    }

    @Override
    boolean hasCell() {
        return true;
    }
}
