package org.latent4j.tensor;

import java.util.Arrays;
import org.latent4j.blas.Blas;
import org.latent4j.runtime.Parallel;

/**
 * One direction of one GRU layer over a whole sequence as one op: the equations of {@link Recurrence#gru}
 * (checked against it to float tolerance), computed as {@link FusedLstm} does: the input projection of all
 * steps as one product x·W_ihᵀ + b_ih; per step one product h_{t−1}·W_hhᵀ + b_hh of [B, H] by [H, 3H] and
 * one element-wise pass ({@link GateKernels#gruForward}); backpropagation through time by hand
 * ({@link GateKernels#gruBackward}, one product dGh_t·W_hh per step), then the weight and bias gradients
 * and dx as products over all steps. The reset gate multiplies W_hn·h + b_hn, so the hidden side's gate
 * gradients differ from the input side's in the n part (dn ⊙ r) and both are kept. Padded steps and
 * second-order graphs as in {@link FusedLstm}.
 */
public final class FusedGru {
    private FusedGru() {}

    /** Arguments and result as {@link Recurrence#gru}. */
    public static Recurrence.Result forward(Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor biasIh,
                                            Tensor biasHh, int[] lengths, boolean reverse) {
        int batch = x.shape[0], steps = x.shape[1], features = x.shape[2];
        int hidden = weightHh.shape[1], gates = 3 * hidden, rowStride = (steps + 1) * hidden;
        float[] act = FusedRecurrence.inputProjection(x, weightIh, biasIh, null);
        float[] hPrev = new float[batch * steps * hidden];
        float[] hn = new float[batch * steps * hidden];
        float[] packed = new float[batch * rowStride];
        float[] h = h0.data.clone();
        float[] hh = new float[batch * gates];
        int minRows = FusedRecurrence.minRows(hidden);
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s;
            for (int b = 0; b < batch; b++) {
                System.arraycopy(biasHh.data, 0, hh, b * gates, gates);
            }
            Blas.sgemm(false, true, batch, gates, hidden, 1f, h, 0, hidden, weightHh.data, 0, hidden, 1f, hh, 0, gates);
            int step = t;
            Parallel.forRange(batch, minRows, (from, to) -> {
                for (int b = from; b < to; b++) {
                    if (!FusedRecurrence.valid(lengths, b, step)) {
                        continue;
                    }
                    int bt = b * steps + step;
                    System.arraycopy(h, b * hidden, hPrev, bt * hidden, hidden);
                    GateKernels.gruForward(act, bt * gates, hh, b * gates, h, b * hidden, hn, bt * hidden, packed,
                            b * rowStride + step * hidden, hidden);
                }
            });
        }
        for (int b = 0; b < batch; b++) {
            System.arraycopy(h, b * hidden, packed, b * rowStride + steps * hidden, hidden);
        }
        Tensor[] inputs = {x, h0, weightIh, weightHh, biasIh, biasHh};
        FusedRecurrence.Backward backward = g -> {
            float[] dGx = new float[batch * steps * gates];
            float[] dGh = new float[batch * steps * gates];
            float[] dGt = new float[batch * gates];
            float[] dh = new float[batch * hidden];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(g, b * rowStride + steps * hidden, dh, b * hidden, hidden);
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
                        GateKernels.gruBackward(act, bt * gates, hn, hPrev, bt * hidden, g, b * rowStride + step * hidden,
                                dh, b * hidden, dGx, bt * gates, dGt, b * gates, hidden);
                        System.arraycopy(dGt, b * gates, dGh, bt * gates, gates);
                    }
                });
                Blas.sgemm(false, false, batch, hidden, gates, 1f, dGt, 0, gates, weightHh.data, 0, hidden, 1f, dh, 0, hidden);
            }
            int rows = batch * steps;
            Tensor[] out = new Tensor[inputs.length];
            if (x.requiresGrad()) {
                float[] dx = new float[rows * features];
                Blas.sgemm(false, false, rows, features, gates, 1f, dGx, 0, gates, weightIh.data, 0, features, 0f, dx, 0, features);
                out[0] = new Tensor(dx, x.shape.clone());
            }
            out[1] = new Tensor(dh, h0.shape.clone());
            if (weightIh.requiresGrad()) {
                float[] dw = new float[gates * features];
                Blas.sgemm(true, false, gates, features, rows, 1f, dGx, 0, gates, x.data, 0, features, 0f, dw, 0, features);
                out[2] = new Tensor(dw, weightIh.shape.clone());
            }
            if (weightHh.requiresGrad()) {
                float[] dw = new float[gates * hidden];
                Blas.sgemm(true, false, gates, hidden, rows, 1f, dGh, 0, gates, hPrev, 0, hidden, 0f, dw, 0, hidden);
                out[3] = new Tensor(dw, weightHh.shape.clone());
            }
            out[4] = FusedRecurrence.columnSums(dGx, rows, gates);
            out[5] = FusedRecurrence.columnSums(dGh, rows, gates);
            return out;
        };
        return FusedRecurrence.finish("gru", packed, batch, steps, hidden, false, inputs, backward,
                () -> Recurrence.gru(x, h0, weightIh, weightHh, biasIh, biasHh, lengths, reverse));
    }
}
