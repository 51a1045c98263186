package org.latent4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise gate arithmetic of one time step of an LSTM or GRU, for one sequence (one row of H
 * hidden units), forward and backward side by side, on SIMD lanes with a scalar tail (see
 * {@link FusedLstm}, {@link FusedGru} for the equations and the buffers).
 *
 * <p>σ and tanh are built on {@link RowKernels#exp}: σ(x) = 1/(1+e) for x ≥ 0 and e/(1+e) otherwise with
 * e = e^{−|x|}; tanh(x) = sign(x)·(1−e)/(1+e) with e = e^{−2|x|}. Both stay finite for every finite x, and
 * the scalar tail repeats the vector lanes operation for operation, so a result does not depend on where
 * a row's lanes end. Accuracy is a few ulp, absolute.
 */
final class GateKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private GateKernels() {}

    // ---------------------------------------------------------------- LSTM

    /**
     * LSTM forward for one row. {@code act[a, a + 4H)} holds the input projection plus both biases and is
     * overwritten with the activated gates i, f, g, o; {@code hh[q, q + 4H)} is h_{t−1}·W_hhᵀ. c and h (at
     * {@code s}) are updated in place; tanh(c_t) goes to {@code tanhC[k]} and h_t to {@code out[o]}.
     *
     * <p>Written as short loops (activate the gates, then update the cell) rather than one long one, so
     * that each loop body stays well inside the JIT's inlining budget: a Vector API call that is not
     * inlined runs boxed, far slower. A row is 4H floats, so the extra passes stay in L1.
     */
    static void lstmForward(float[] act, int a, float[] hh, int q, float[] c, float[] h, int s, float[] tanhC, int k,
                            float[] out, int o, int hidden) {
        sigmoidOfSum(act, a, hh, q, 2 * hidden);
        tanhOfSum(act, a + 2 * hidden, hh, q + 2 * hidden, hidden);
        sigmoidOfSum(act, a + 3 * hidden, hh, q + 3 * hidden, hidden);
        int j = 0;
        for (int bound = S.loopBound(hidden); j < bound; j += S.length()) {
            FloatVector i = FloatVector.fromArray(S, act, a + j);
            FloatVector f = FloatVector.fromArray(S, act, a + hidden + j);
            FloatVector g = FloatVector.fromArray(S, act, a + 2 * hidden + j);
            FloatVector cNew = f.mul(FloatVector.fromArray(S, c, s + j)).add(i.mul(g));
            FloatVector tc = tanh(cNew);
            FloatVector hNew = FloatVector.fromArray(S, act, a + 3 * hidden + j).mul(tc);
            cNew.intoArray(c, s + j);
            hNew.intoArray(h, s + j);
            tc.intoArray(tanhC, k + j);
            hNew.intoArray(out, o + j);
        }
        for (; j < hidden; j++) {
            float cNew = act[a + hidden + j] * c[s + j] + act[a + j] * act[a + 2 * hidden + j];
            float tc = tanh(cNew);
            float hNew = act[a + 3 * hidden + j] * tc;
            c[s + j] = cNew;
            h[s + j] = hNew;
            tanhC[k + j] = tc;
            out[o + j] = hNew;
        }
    }

    /**
     * LSTM backward for one row: with dh_t = {@code dh[s]} + {@code gOut[o]} (the gradient arriving from the
     * next step and from this step's output) and dc_t = {@code dc[s]}:
     * <pre>
     *   dc   = dc_t + dh_t ⊙ o ⊙ (1 − tanh² c_t)
     *   di = dc ⊙ g ⊙ i(1−i),  df = dc ⊙ c_{t−1} ⊙ f(1−f),  dg = dc ⊙ i ⊙ (1−g²),  do = dh_t ⊙ tanh c_t ⊙ o(1−o)
     *   dc_{t−1} = dc ⊙ f
     * </pre>
     * The pre-activation gradients go to {@code dG[d, d + 4H)}, dc_{t−1} to {@code dc[s]}, and {@code dh[s]}
     * is zeroed, ready for dh_{t−1} = dG·W_hh to be added onto it.
     */
    static void lstmBackward(float[] act, int a, float[] tanhC, float[] cPrev, int k, float[] gOut, int o,
                             float[] dh, float[] dc, int s, float[] dG, int d, int hidden) {
        int j = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int bound = S.loopBound(hidden); j < bound; j += S.length()) {
            FloatVector i = FloatVector.fromArray(S, act, a + j);
            FloatVector f = FloatVector.fromArray(S, act, a + hidden + j);
            FloatVector g = FloatVector.fromArray(S, act, a + 2 * hidden + j);
            FloatVector ov = FloatVector.fromArray(S, act, a + 3 * hidden + j);
            FloatVector tc = FloatVector.fromArray(S, tanhC, k + j);
            FloatVector dht = FloatVector.fromArray(S, dh, s + j).add(FloatVector.fromArray(S, gOut, o + j));
            FloatVector dct = FloatVector.fromArray(S, dc, s + j).add(dht.mul(ov).mul(one.sub(tc.mul(tc))));
            dct.mul(g).mul(i.mul(one.sub(i))).intoArray(dG, d + j);
            dct.mul(FloatVector.fromArray(S, cPrev, k + j)).mul(f.mul(one.sub(f))).intoArray(dG, d + hidden + j);
            dct.mul(i).mul(one.sub(g.mul(g))).intoArray(dG, d + 2 * hidden + j);
            dht.mul(tc).mul(ov.mul(one.sub(ov))).intoArray(dG, d + 3 * hidden + j);
            dct.mul(f).intoArray(dc, s + j);
            FloatVector.zero(S).intoArray(dh, s + j);
        }
        for (; j < hidden; j++) {
            float i = act[a + j], f = act[a + hidden + j], g = act[a + 2 * hidden + j], ov = act[a + 3 * hidden + j];
            float tc = tanhC[k + j];
            float dht = dh[s + j] + gOut[o + j];
            float dct = dc[s + j] + dht * ov * (1f - tc * tc);
            dG[d + j] = dct * g * (i * (1f - i));
            dG[d + hidden + j] = dct * cPrev[k + j] * (f * (1f - f));
            dG[d + 2 * hidden + j] = dct * i * (1f - g * g);
            dG[d + 3 * hidden + j] = dht * tc * (ov * (1f - ov));
            dc[s + j] = dct * f;
            dh[s + j] = 0f;
        }
    }

    // ---------------------------------------------------------------- GRU

    /**
     * GRU forward for one row. {@code act[a, a + 3H)} holds x_t·W_ihᵀ + b_ih and is overwritten with r, z, n;
     * {@code hh[q, q + 3H)} is h_{t−1}·W_hhᵀ + b_hh, whose n part is kept in {@code hn[k]} for the backward.
     * h (at {@code s}) is updated in place and h_t written to {@code out[o]}. Short loops, as
     * {@link #lstmForward}.
     */
    static void gruForward(float[] act, int a, float[] hh, int q, float[] h, int s, float[] hn, int k, float[] out,
                           int o, int hidden) {
        sigmoidOfSum(act, a, hh, q, 2 * hidden);
        int j = 0;
        for (int bound = S.loopBound(hidden); j < bound; j += S.length()) {
            FloatVector r = FloatVector.fromArray(S, act, a + j);
            FloatVector z = FloatVector.fromArray(S, act, a + hidden + j);
            FloatVector hnv = FloatVector.fromArray(S, hh, q + 2 * hidden + j);
            FloatVector n = tanh(FloatVector.fromArray(S, act, a + 2 * hidden + j).add(r.mul(hnv)));
            FloatVector hNew = n.add(z.mul(FloatVector.fromArray(S, h, s + j).sub(n)));
            n.intoArray(act, a + 2 * hidden + j);
            hnv.intoArray(hn, k + j);
            hNew.intoArray(h, s + j);
            hNew.intoArray(out, o + j);
        }
        for (; j < hidden; j++) {
            float r = act[a + j], z = act[a + hidden + j];
            float hnv = hh[q + 2 * hidden + j];
            float n = tanh(act[a + 2 * hidden + j] + r * hnv);
            float hNew = n + z * (h[s + j] - n);
            act[a + 2 * hidden + j] = n;
            hn[k + j] = hnv;
            h[s + j] = hNew;
            out[o + j] = hNew;
        }
    }

    /**
     * GRU backward for one row: with dh_t = {@code dh[s]} + {@code gOut[o]} and h_{t−1} = {@code hPrev[k]}:
     * <pre>
     *   dn = dh_t ⊙ (1 − z) ⊙ (1 − n²),   dz = dh_t ⊙ (h_{t−1} − n) ⊙ z(1−z),   dr = dn ⊙ hn ⊙ r(1−r)
     * </pre>
     * The input side's pre-activation gradients [dr, dz, dn] go to {@code dGx[d]}, the hidden side's
     * [dr, dz, dn ⊙ r] to {@code dGh[e]}, and {@code dh[s]} becomes the direct part of dh_{t−1}, dh_t ⊙ z
     * (dGh·W_hh is added onto it afterwards).
     */
    static void gruBackward(float[] act, int a, float[] hn, float[] hPrev, int k, float[] gOut, int o, float[] dh, int s,
                            float[] dGx, int d, float[] dGh, int e, int hidden) {
        int j = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int bound = S.loopBound(hidden); j < bound; j += S.length()) {
            FloatVector r = FloatVector.fromArray(S, act, a + j);
            FloatVector z = FloatVector.fromArray(S, act, a + hidden + j);
            FloatVector n = FloatVector.fromArray(S, act, a + 2 * hidden + j);
            FloatVector dht = FloatVector.fromArray(S, dh, s + j).add(FloatVector.fromArray(S, gOut, o + j));
            FloatVector dn = dht.mul(one.sub(z)).mul(one.sub(n.mul(n)));
            FloatVector dz = dht.mul(FloatVector.fromArray(S, hPrev, k + j).sub(n)).mul(z.mul(one.sub(z)));
            FloatVector dr = dn.mul(FloatVector.fromArray(S, hn, k + j)).mul(r.mul(one.sub(r)));
            dr.intoArray(dGx, d + j);
            dz.intoArray(dGx, d + hidden + j);
            dn.intoArray(dGx, d + 2 * hidden + j);
            dr.intoArray(dGh, e + j);
            dz.intoArray(dGh, e + hidden + j);
            dn.mul(r).intoArray(dGh, e + 2 * hidden + j);
            dht.mul(z).intoArray(dh, s + j);
        }
        for (; j < hidden; j++) {
            float r = act[a + j], z = act[a + hidden + j], n = act[a + 2 * hidden + j];
            float dht = dh[s + j] + gOut[o + j];
            float dn = dht * (1f - z) * (1f - n * n);
            float dz = dht * (hPrev[k + j] - n) * (z * (1f - z));
            float dr = dn * hn[k + j] * (r * (1f - r));
            dGx[d + j] = dr;
            dGx[d + hidden + j] = dz;
            dGx[d + 2 * hidden + j] = dn;
            dGh[e + j] = dr;
            dGh[e + hidden + j] = dz;
            dGh[e + 2 * hidden + j] = dn * r;
            dh[s + j] = dht * z;
        }
    }

    // ---------------------------------------------------------------- σ and tanh

    /** {@code x[i] = σ(x[i] + y[j])} over n elements from {@code xo} and {@code yo}. */
    static void sigmoidOfSum(float[] x, int xo, float[] y, int yo, int n) {
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            sigmoid(FloatVector.fromArray(S, x, xo + j).add(FloatVector.fromArray(S, y, yo + j))).intoArray(x, xo + j);
        }
        for (; j < n; j++) {
            x[xo + j] = sigmoid(x[xo + j] + y[yo + j]);
        }
    }

    /** {@code x[i] = tanh(x[i] + y[j])} over n elements from {@code xo} and {@code yo}. */
    static void tanhOfSum(float[] x, int xo, float[] y, int yo, int n) {
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            tanh(FloatVector.fromArray(S, x, xo + j).add(FloatVector.fromArray(S, y, yo + j))).intoArray(x, xo + j);
        }
        for (; j < n; j++) {
            x[xo + j] = tanh(x[xo + j] + y[yo + j]);
        }
    }

    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = RowKernels.exp(x.abs().neg());
        FloatVector inv = FloatVector.broadcast(S, 1f).div(e.add(1f));
        VectorMask<Float> negative = x.compare(VectorOperators.LT, 0f);
        return inv.blend(e.mul(inv), negative);
    }

    static float sigmoid(float x) {
        float e = RowKernels.exp(-Math.abs(x));
        float inv = 1f / (e + 1f);
        return x < 0f ? e * inv : inv;
    }

    static FloatVector tanh(FloatVector x) {
        FloatVector e = RowKernels.exp(x.abs().mul(-2f));
        FloatVector t = FloatVector.broadcast(S, 1f).sub(e).div(e.add(1f));
        VectorMask<Float> negative = x.compare(VectorOperators.LT, 0f);
        return t.blend(t.neg(), negative);
    }

    static float tanh(float x) {
        float e = RowKernels.exp(Math.abs(x) * -2f);
        float t = (1f - e) / (e + 1f);
        return x < 0f ? -t : t;
    }
}
