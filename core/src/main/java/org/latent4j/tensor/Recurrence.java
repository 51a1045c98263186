package org.latent4j.tensor;

/**
 * One direction of one recurrent layer over a whole batch-first sequence, written with differentiable ops:
 * the ground truth that faster kernels are checked against; its gradients of any order come from the ops
 * it is made of.
 *
 * <p>The equations and gate order are PyTorch's ({@code torch.nn.LSTM}, {@code torch.nn.GRU}):
 * <pre>
 *   LSTM (Hochreiter and Schmidhuber 1997, with the forget gate of Gers et al. 2000), gates i, f, g, o:
 *     [i f g o] = x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh,  i, f, o through σ, g through tanh
 *     c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)
 *   GRU (Cho et al. 2014), gates r, z, n:
 *     r = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr),  z = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)
 *     n = tanh(W_in x_t + b_in + r ⊙ (W_hn h_{t−1} + b_hn)),  h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
 * </pre>
 * W_ih is [G·H, F] and W_hh [G·H, H], the gates stacked in that order along the rows (G = 4 or 3).
 *
 * <p>Lengths: sequence b has {@code lengths[b]} real steps followed by padding. A padded step leaves the
 * state as it is and outputs zeros, selected with {@code where}, so neither its values nor its gradients
 * reach anything; the reverse direction, which walks t = T−1 … 0, thus starts at each sequence's own last
 * step with the initial state, as PyTorch's packed sequences do. The final state is each sequence's state
 * after its own last step.
 */
public final class Recurrence {
    private Recurrence() {}

    /** The result of one direction of one layer: outputs [B, T, H], final hidden state [B, H], final cell [B, H] (LSTM) or null. */
    public record Result(Tensor output, Tensor hN, Tensor cN) {}

    /**
     * An LSTM direction. {@code x} [B, T, F]; {@code h0}, {@code c0} [B, H]; weights as in the class comment;
     * {@code lengths} null (every sequence has T steps) or B values in [1, T].
     */
    public static Result lstm(Tensor x, Tensor h0, Tensor c0, Tensor weightIh, Tensor weightHh, Tensor biasIh,
                              Tensor biasHh, int[] lengths, boolean reverse) {
        int batch = x.shape[0], steps = x.shape[1], features = x.shape[2];
        int hidden = weightHh.shape[1];
        Tensor h = h0, c = c0;
        Tensor[] outputs = new Tensor[steps];
        Tensor zero = Tensor.scalar(0f);
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s;
            Tensor xt = x.slice(1, t, t + 1).reshape(batch, features);
            Tensor gates = MatMul.linear(xt, weightIh, biasIh).add(MatMul.linear(h, weightHh, biasHh));
            Tensor i = gates.slice(1, 0, hidden).sigmoid();
            Tensor f = gates.slice(1, hidden, 2 * hidden).sigmoid();
            Tensor g = gates.slice(1, 2 * hidden, 3 * hidden).tanh();
            Tensor o = gates.slice(1, 3 * hidden, 4 * hidden).sigmoid();
            Tensor cNext = f.mul(c).add(i.mul(g));
            Tensor hNext = o.mul(cNext.tanh());
            Tensor valid = mask(lengths, t);
            if (valid == null) {
                h = hNext;
                c = cNext;
                outputs[t] = hNext.reshape(batch, 1, hidden);
            } else {
                h = Tensor.where(valid, hNext, h);
                c = Tensor.where(valid, cNext, c);
                outputs[t] = Tensor.where(valid, hNext, zero).reshape(batch, 1, hidden);
            }
        }
        return new Result(Tensor.concat(1, outputs), h, c);
    }

    /** A GRU direction; arguments as {@link #lstm} without a cell state. */
    public static Result gru(Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh,
                             int[] lengths, boolean reverse) {
        int batch = x.shape[0], steps = x.shape[1], features = x.shape[2];
        int hidden = weightHh.shape[1];
        Tensor h = h0;
        Tensor[] outputs = new Tensor[steps];
        Tensor zero = Tensor.scalar(0f);
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s;
            Tensor xt = x.slice(1, t, t + 1).reshape(batch, features);
            Tensor gi = MatMul.linear(xt, weightIh, biasIh);
            Tensor gh = MatMul.linear(h, weightHh, biasHh);
            Tensor r = gi.slice(1, 0, hidden).add(gh.slice(1, 0, hidden)).sigmoid();
            Tensor z = gi.slice(1, hidden, 2 * hidden).add(gh.slice(1, hidden, 2 * hidden)).sigmoid();
            Tensor n = gi.slice(1, 2 * hidden, 3 * hidden).add(r.mul(gh.slice(1, 2 * hidden, 3 * hidden))).tanh();
            // (1 − z) ⊙ n + z ⊙ h written as n + z ⊙ (h − n)
            Tensor hNext = n.add(z.mul(h.sub(n)));
            Tensor valid = mask(lengths, t);
            if (valid == null) {
                h = hNext;
                outputs[t] = hNext.reshape(batch, 1, hidden);
            } else {
                h = Tensor.where(valid, hNext, h);
                outputs[t] = Tensor.where(valid, hNext, zero).reshape(batch, 1, hidden);
            }
        }
        return new Result(Tensor.concat(1, outputs), h, null);
    }

    /** [B, 1] holding 1 where step t is a real step of sequence b, or null when every step is real. */
    private static Tensor mask(int[] lengths, int t) {
        if (lengths == null) {
            return null;
        }
        float[] m = new float[lengths.length];
        boolean all = true;
        for (int b = 0; b < m.length; b++) {
            m[b] = t < lengths[b] ? 1f : 0f;
            all &= t < lengths[b];
        }
        return all ? null : new Tensor(m, new int[] {m.length, 1});
    }
}
