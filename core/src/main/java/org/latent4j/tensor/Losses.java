package org.latent4j.tensor;

import static org.latent4j.tensor.Autograd.record;

import java.util.Arrays;

/** Fused loss terms whose separate pieces would be slower or overflow. */
public final class Losses {
    private Losses() {}

    /**
     * Element-wise binary cross-entropy with logits, {@code −[t log σ(l) + (1−t) log(1−σ(l))]}, computed as
     * {@code max(l, 0) − l·t + log1p(e^{−|l|})}, which is finite for every finite logit (no log of 0).
     * Targets may be any value in [0, 1] (grey levels, as the reference VAE uses them).
     * The gradient is {@code σ(l) − t} for the logits and {@code −l} for the targets.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets) {
        if (!Arrays.equals(logits.shape, targets.shape)) {
            throw new IllegalArgumentException("binaryCrossEntropyWithLogits: logits shape " + Shape.str(logits.shape)
                    + " and targets shape " + Shape.str(targets.shape) + " must be equal");
        }
        float[] l = logits.data, t = targets.data;
        float[] out = new float[l.length];
        Kernels.loop(out.length, (s, e) -> {
            for (int i = s; i < e; i++) {
                float v = l[i];
                out[i] = Pointwise.softplus(v) - v * t[i];
            }
        });
        Tensor y = new Tensor(out, logits.shape.clone());
        // Without a recorded graph the logits' gradient is one fused pass; with one, composite ops keep it differentiable.
        GradFn dLogits = g -> Autograd.isEnabled()
                ? g.mul(logits.sigmoid().sub(targets))
                : Kernels.binary("bce backward", g, logits, (q, a, o, s, e) -> {
                    for (int i = s; i < e; i++) {
                        o[i] = q[i] * (Pointwise.sigmoid(a[i]) - t[i]);
                    }
                });
        return record("bceWithLogits", y, logits, dLogits, targets, g -> g.mul(logits).neg());
    }
}
