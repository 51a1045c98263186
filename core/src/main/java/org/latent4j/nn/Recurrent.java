package org.latent4j.nn;

import java.util.Arrays;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Recurrence;
import org.latent4j.tensor.Tensor;

/**
 * A stack of recurrent layers over batch-first sequences [B, T, F], one or two directions per layer, as
 * PyTorch's {@code torch.nn.LSTM} and {@code torch.nn.GRU} with {@code batch_first=True}: the same
 * equations and gate order (see {@link Recurrence}), the same parameter names and layouts
 * ({@code weight_ih_l{k}} [G·H, in], {@code weight_hh_l{k}} [G·H, H], {@code bias_ih_l{k}},
 * {@code bias_hh_l{k}} [G·H], with the suffix {@code _reverse} for the backward direction; layer k > 0 reads
 * the D·H outputs of layer k − 1), registered in PyTorch's order, and PyTorch's initialization: every
 * parameter uniform in ±1/√H. A state dict therefore loads into PyTorch's module unchanged.
 *
 * <p>States are [L·D, B, H], index {@code layer·D + direction} as in PyTorch. Sequences of different
 * lengths are given as {@code lengths} (each in [1, T]); padded steps are inert, as with PyTorch's packed
 * sequences: they output zeros, leave the state unchanged and receive no gradient, and the final state is
 * each sequence's state after its own last step (for the reverse direction, after step 0).
 */
public abstract sealed class Recurrent extends Module permits Lstm, Gru {
    /** The outputs of the last layer [B, T, D·H], the final hidden states [L·D, B, H] and, for an LSTM, the final cell states. */
    public record Output(Tensor output, Tensor hN, Tensor cN) {}

    private final String kind;
    private final int inputSize;
    private final int hiddenSize;
    private final int numLayers;
    private final boolean bidirectional;
    /** Per layer and direction (index layer·D + d): weight_ih, weight_hh, bias_ih, bias_hh. */
    private final Tensor[][] weights;
    private boolean fused = true;

    Recurrent(String kind, int gates, int inputSize, int hiddenSize, int numLayers, boolean bidirectional,
              RandomSource rng) {
        if (inputSize < 1 || hiddenSize < 1 || numLayers < 1) {
            throw new IllegalArgumentException(kind + ": input size, hidden size and number of layers must be >= 1, got "
                    + inputSize + ", " + hiddenSize + ", " + numLayers);
        }
        this.kind = kind;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.bidirectional = bidirectional;
        int directions = bidirectional ? 2 : 1;
        this.weights = new Tensor[numLayers * directions][];
        for (int layer = 0; layer < numLayers; layer++) {
            int in = layer == 0 ? inputSize : hiddenSize * directions;
            for (int d = 0; d < directions; d++) {
                String suffix = "_l" + layer + (d == 1 ? "_reverse" : "");
                weights[layer * directions + d] = new Tensor[] {
                    parameter("weight_ih" + suffix, Tensor.zeros(gates * hiddenSize, in)),
                    parameter("weight_hh" + suffix, Tensor.zeros(gates * hiddenSize, hiddenSize)),
                    parameter("bias_ih" + suffix, Tensor.zeros(gates * hiddenSize)),
                    parameter("bias_hh" + suffix, Tensor.zeros(gates * hiddenSize)),
                };
            }
        }
        double bound = 1.0 / Math.sqrt(hiddenSize);
        for (Tensor p : namedParameters().values()) {
            Init.uniform(p, rng, -bound, bound);
        }
    }

    /**
     * Chooses the fused kernels (the default: the whole sequence of each layer and direction as one op with
     * a hand-written backward, see {@link org.latent4j.tensor.FusedLstm}) or the ground truth written with
     * differentiable ops ({@link Recurrence}). Both compute the same function to float tolerance and both
     * give gradients of any order (the fused op replays the ground truth when a second-order graph is
     * recorded); the switch exists to check one against the other. Returns this.
     */
    public Recurrent fused(boolean on) {
        fused = on;
        return this;
    }

    /** Whether the fused kernels run (see {@link #fused(boolean)}). */
    public boolean isFused() {
        return fused;
    }

    /** One direction of one layer; {@code c0} is null for a GRU. */
    abstract Recurrence.Result direction(Tensor x, Tensor h0, Tensor c0, Tensor[] w, int[] lengths, boolean reverse,
                                         boolean fused);

    /** Whether the layer carries a cell state (LSTM). */
    abstract boolean hasCell();

    /**
     * Runs the stack over {@code x} [B, T, F].
     *
     * @param h0 initial hidden states [L·D, B, H], or null for zeros
     * @param c0 initial cell states [L·D, B, H] (LSTM only), or null for zeros
     * @param lengths the number of real steps of each sequence (B values in [1, T]), or null when all have T
     */
    public Output forward(Tensor x, Tensor h0, Tensor c0, int[] lengths) {
        if (x.rank() != 3 || x.dim(2) != inputSize || x.dim(0) < 1 || x.dim(1) < 1) {
            throw new IllegalArgumentException(kind + ": expected input [batch, steps, " + inputSize
                    + "] (batch first, at least one sequence of at least one step), got " + Arrays.toString(x.shape()));
        }
        int batch = x.dim(0), steps = x.dim(1);
        int directions = bidirectional ? 2 : 1;
        int[] stateShape = {numLayers * directions, batch, hiddenSize};
        checkState("h0", h0, stateShape);
        if (c0 != null && !hasCell()) {
            throw new IllegalArgumentException(kind + ": has no cell state; pass c0 = null");
        }
        checkState("c0", c0, stateShape);
        int[] lens = checkLengths(lengths, batch, steps);
        Tensor input = x;
        Tensor[] hs = new Tensor[numLayers * directions];
        Tensor[] cs = new Tensor[numLayers * directions];
        for (int layer = 0; layer < numLayers; layer++) {
            Tensor[] outs = new Tensor[directions];
            for (int d = 0; d < directions; d++) {
                int k = layer * directions + d;
                Tensor h = h0 == null ? Tensor.zeros(batch, hiddenSize) : h0.slice(0, k, k + 1).reshape(batch, hiddenSize);
                Tensor c = !hasCell() ? null
                        : c0 == null ? Tensor.zeros(batch, hiddenSize) : c0.slice(0, k, k + 1).reshape(batch, hiddenSize);
                Recurrence.Result r = direction(input, h, c, weights[k], lens, d == 1, fused);
                outs[d] = r.output();
                hs[k] = r.hN().reshape(1, batch, hiddenSize);
                cs[k] = hasCell() ? r.cN().reshape(1, batch, hiddenSize) : null;
            }
            input = directions == 1 ? outs[0] : Tensor.concat(2, outs);
        }
        return new Output(input, Tensor.concat(0, hs), hasCell() ? Tensor.concat(0, cs) : null);
    }

    /** {@link #forward(Tensor, Tensor, Tensor, int[])} from zero states, every sequence T steps long. */
    public Output forward(Tensor x) {
        return forward(x, null, null, null);
    }

    private void checkState(String name, Tensor state, int[] expected) {
        if (state != null && !Arrays.equals(state.shape(), expected)) {
            throw new IllegalArgumentException(kind + ": " + name + " must be [layers·directions, batch, hidden] = "
                    + Arrays.toString(expected) + ", got " + Arrays.toString(state.shape()));
        }
    }

    private int[] checkLengths(int[] lengths, int batch, int steps) {
        if (lengths == null) {
            return null;
        }
        if (lengths.length != batch) {
            throw new IllegalArgumentException(kind + ": expected " + batch + " lengths (one per sequence), got " + lengths.length);
        }
        boolean full = true;
        for (int b = 0; b < batch; b++) {
            if (lengths[b] < 1 || lengths[b] > steps) {
                throw new IllegalArgumentException(kind + ": length " + lengths[b] + " of sequence " + b
                        + " is outside [1, " + steps + "] (the number of steps of the input)");
            }
            full &= lengths[b] == steps;
        }
        return full ? null : lengths.clone();
    }

    public int inputSize() {
        return inputSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    public int numLayers() {
        return numLayers;
    }

    public boolean bidirectional() {
        return bidirectional;
    }

    /** The number of features of each output step: D·H. */
    public int outputSize() {
        return hiddenSize * (bidirectional ? 2 : 1);
    }
}
