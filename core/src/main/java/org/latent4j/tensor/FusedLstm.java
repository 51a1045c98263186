package org.latent4j.tensor;

import java.util.Arrays;
import org.latent4j.blas.Blas;
import org.latent4j.runtime.Parallel;

/**
 * One direction of one LSTM layer over a whole sequence as one op: the equations of {@link Recurrence#lstm}
 * (checked against it to float tolerance), computed as
 * <ul>
 * <li>the input projection of all B·T steps as one product x·W_ihᵀ + b_ih + b_hh;
 * <li>per step, one product h_{t−1}·W_hhᵀ of [B, H] by [H, 4H] for the four gates of the whole batch, and
 *     one pass of element-wise gate arithmetic ({@link GateKernels#lstmForward}), the sequences split over
 *     the threads;
 * <li>backpropagation through time written by hand: per step one pass of gate derivatives
 *     ({@link GateKernels#lstmBackward}) and one product dG_t·W_hh for dh_{t−1}; the weight gradients, the
 *     bias gradients and dx are then each one product (or sum) over all B·T steps.
 * </ul>
 * Every buffer is allocated once per call (the activations, states and cell tanh kept for the backward;
 * one [B, 4H] scratch per step reused). Padded steps (t ≥ lengths[b]) are skipped: they leave the state
 * unchanged, output zeros and get a zero gradient row. The backward is first-order; a second-order graph
 * replays {@link Recurrence#lstm} (see {@link FusedRecurrence}).
 */
public final class FusedLstm {
    private FusedLstm() {}

    /** Arguments and result as {@link Recurrence#lstm}. */
    public static Recurrence.Result forward(Tensor x, Tensor h0, Tensor c0, Tensor weightIh, Tensor weightHh,
                                            Tensor biasIh, Tensor biasHh, int[] lengths, boolean reverse) {
        int batch = x.shape[0], steps = x.shape[1], features = x.shape[2];
        int hidden = weightHh.shape[1], gates = 4 * hidden, rowStride = (steps + 2) * hidden;
        float[] act = FusedRecurrence.inputProjection(x, weightIh, biasIh, biasHh);
        float[] hPrev = new float[batch * steps * hidden];
        float[] cPrev = new float[batch * steps * hidden];
        float[] tanhC = new float[batch * steps * hidden];
        float[] packed = new float[batch * rowStride];
        float[] h = h0.data.clone();
        float[] c = c0.data.clone();
        float[] hh = new float[batch * gates];
        int minRows = FusedRecurrence.minRows(hidden);
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s;
            Blas.sgemm(false, true, batch, gates, hidden, 1f, h, 0, hidden, weightHh.data, 0, hidden, 0f, hh, 0, gates);
            int step = t;
            Parallel.forRange(batch, minRows, (from, to) -> {
                for (int b = from; b < to; b++) {
                    if (!FusedRecurrence.valid(lengths, b, step)) {
                        continue;
                    }
                    int bt = b * steps + step;
                    System.arraycopy(h, b * hidden, hPrev, bt * hidden, hidden);
                    System.arraycopy(c, b * hidden, cPrev, bt * hidden, hidden);
                    GateKernels.lstmForward(act, bt * gates, hh, b * gates, c, h, b * hidden, tanhC, bt * hidden, packed,
                            b * rowStride + step * hidden, hidden);
                }
            });
        }
        for (int b = 0; b < batch; b++) {
            System.arraycopy(h, b * hidden, packed, b * rowStride + steps * hidden, hidden);
            System.arraycopy(c, b * hidden, packed, b * rowStride + (steps + 1) * hidden, hidden);
        }
        Tensor[] inputs = {x, h0, c0, weightIh, weightHh, biasIh, biasHh};
        FusedRecurrence.Backward backward = g -> {
            float[] dG = new float[batch * steps * gates];
            float[] dGt = new float[batch * gates];
            float[] dh = new float[batch * hidden];
            float[] dc = new float[batch * hidden];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(g, b * rowStride + steps * hidden, dh, b * hidden, hidden);
                System.arraycopy(g, b * rowStride + (steps + 1) * hidden, dc, b * hidden, hidden);
            }
            for (int s = steps - 1; s >= 0; s--) {
                int t = reverse ? steps - 1 - s : s;
                int step = t;
                Parallel.forRange(batch, minRows, (from, to) -> {
                    for (int b = from; b < to; b++) {
                        int bt = b * steps + step;
                        if (!FusedRecurrence.valid(lengths, b, step)) {
                            Arrays.fill(dGt, b * gates, (b + 1) * gates, 0f);
                            continue;
                        }
                        GateKernels.lstmBackward(act, bt * gates, tanhC, cPrev, bt * hidden, g, b * rowStride + step * hidden,
                                dh, dc, b * hidden, dGt, b * gates, hidden);
                        System.arraycopy(dGt, b * gates, dG, bt * gates, gates);
                    }
                });
                // dh_{t−1} += dG_t·W_hh; a padded row of dG_t is zero and leaves dh as it passes through
                Blas.sgemm(false, false, batch, hidden, gates, 1f, dGt, 0, gates, weightHh.data, 0, hidden, 1f, dh, 0, hidden);
            }
            int rows = batch * steps;
            Tensor[] out = new Tensor[inputs.length];
            if (x.requiresGrad()) {
                float[] dx = new float[rows * features];
                Blas.sgemm(false, false, rows, features, gates, 1f, dG, 0, gates, weightIh.data, 0, features, 0f, dx, 0, features);
                out[0] = new Tensor(dx, x.shape.clone());
            }
            out[1] = new Tensor(dh, h0.shape.clone());
            out[2] = new Tensor(dc, c0.shape.clone());
            if (weightIh.requiresGrad()) {
                float[] dw = new float[gates * features];
                Blas.sgemm(true, false, gates, features, rows, 1f, dG, 0, gates, x.data, 0, features, 0f, dw, 0, features);
                out[3] = new Tensor(dw, weightIh.shape.clone());
            }
            if (weightHh.requiresGrad()) {
                float[] dw = new float[gates * hidden];
                Blas.sgemm(true, false, gates, hidden, rows, 1f, dG, 0, gates, hPrev, 0, hidden, 0f, dw, 0, hidden);
                out[4] = new Tensor(dw, weightHh.shape.clone());
            }
            Tensor db = FusedRecurrence.columnSums(dG, rows, gates);
            out[5] = db;
            out[6] = db.copy();
            return out;
        };
        return FusedRecurrence.finish("lstm", packed, batch, steps, hidden, true, inputs, backward,
                () -> Recurrence.lstm(x, h0, c0, weightIh, weightHh, biasIh, biasHh, lengths, reverse));
    }
}
