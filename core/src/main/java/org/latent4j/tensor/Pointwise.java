package org.latent4j.tensor;

import static org.latent4j.tensor.Autograd.record;

import org.latent4j.runtime.VectorSupport;

/**
 * Element-wise ops with NumPy broadcasting. Each op computes its forward values and states, right
 * beside them, the vector-Jacobian product for each input, written with differentiable ops.
 * Gradients of broadcast inputs are summed back to the input's shape ({@link Shapes#sumTo}).
 */
public final class Pointwise {
    private Pointwise() {}

    // ---------------------------------------------------------------- arithmetic

    public static Tensor add(Tensor a, Tensor b) {
        Tensor y = Kernels.binary("add", a, b, (p, q, o, s, e) -> { for (int i = s; i < e; i++) o[i] = p[i] + q[i]; });
        return record("add", y, a, g -> g.sumTo(a.shape), b, g -> g.sumTo(b.shape));
    }

    public static Tensor sub(Tensor a, Tensor b) {
        Tensor y = Kernels.binary("sub", a, b, (p, q, o, s, e) -> { for (int i = s; i < e; i++) o[i] = p[i] - q[i]; });
        return record("sub", y, a, g -> g.sumTo(a.shape), b, g -> g.neg().sumTo(b.shape));
    }

    public static Tensor mul(Tensor a, Tensor b) {
        Tensor y = Kernels.binary("mul", a, b, (p, q, o, s, e) -> { for (int i = s; i < e; i++) o[i] = p[i] * q[i]; });
        return record("mul", y, a, g -> g.mul(b).sumTo(a.shape), b, g -> g.mul(a).sumTo(b.shape));
    }

    public static Tensor div(Tensor a, Tensor b) {
        Tensor y = Kernels.binary("div", a, b, (p, q, o, s, e) -> { for (int i = s; i < e; i++) o[i] = p[i] / q[i]; });
        // d(a/b)/db = -a/b² = -y/b
        return record("div", y, a, g -> g.div(b).sumTo(a.shape), b, g -> g.mul(y).div(b).neg().sumTo(b.shape));
    }

    static Tensor scale(Tensor x, float c) {
        Tensor y = Kernels.unary(x, (p, o, s, e) -> { for (int i = s; i < e; i++) o[i] = p[i] * c; });
        return record("scale", y, x, g -> g.mul(c));
    }

    static Tensor addScalar(Tensor x, float c) {
        Tensor y = Kernels.unary(x, (p, o, s, e) -> { for (int i = s; i < e; i++) o[i] = p[i] + c; });
        return record("addScalar", y, x, g -> g);
    }

    /** x^p for a constant exponent p. */
    public static Tensor pow(Tensor x, float p) {
        Tensor y = Kernels.unary(x, (a, o, s, e) -> { for (int i = s; i < e; i++) o[i] = (float) Math.pow(a[i], p); });
        return record("pow", y, x, g -> p == 0 ? Tensor.zeros(x.shape) : g.mul(x.pow(p - 1).mul(p)));
    }

    // ---------------------------------------------------------------- smooth functions

    public static Tensor exp(Tensor x) {
        Tensor y = Kernels.unary(x, (a, o, s, e) -> { for (int i = s; i < e; i++) o[i] = (float) Math.exp(a[i]); });
        return record("exp", y, x, g -> g.mul(y));
    }

    public static Tensor log(Tensor x) {
        Tensor y = Kernels.unary(x, (a, o, s, e) -> { for (int i = s; i < e; i++) o[i] = (float) Math.log(a[i]); });
        return record("log", y, x, g -> g.div(x));
    }

    public static Tensor log1p(Tensor x) {
        Tensor y = Kernels.unary(x, (a, o, s, e) -> { for (int i = s; i < e; i++) o[i] = (float) Math.log1p(a[i]); });
        return record("log1p", y, x, g -> g.div(x.add(1f)));
    }

    public static Tensor sqrt(Tensor x) {
        Tensor y = Kernels.unary(x, (a, o, s, e) -> { for (int i = s; i < e; i++) o[i] = (float) Math.sqrt(a[i]); });
        return record("sqrt", y, x, g -> g.div(y.mul(2f)));
    }

    public static Tensor tanh(Tensor x) {
        Tensor y = Kernels.unary(x, (a, o, s, e) -> { for (int i = s; i < e; i++) o[i] = (float) Math.tanh(a[i]); });
        return record("tanh", y, x, g -> g.mul(y.square().neg().add(1f)));
    }

    /** 1 / (1 + e^-x), evaluated without overflow for large |x|. */
    public static Tensor sigmoid(Tensor x) {
        Tensor y = Kernels.unary(x, (a, o, s, e) -> { for (int i = s; i < e; i++) o[i] = sigmoid(a[i]); });
        return record("sigmoid", y, x, g -> g.mul(y.mul(y.neg().add(1f))));
    }

    /** log(1 + e^x) = max(x, 0) + log1p(e^-|x|): finite for every finite x. */
    public static Tensor softplus(Tensor x) {
        Tensor y = Kernels.unary(x, (a, o, s, e) -> { for (int i = s; i < e; i++) o[i] = softplus(a[i]); });
        return record("softplus", y, x, g -> g.mul(x.sigmoid()));
    }

    /** log σ(x) = −softplus(−x): finite for every finite x. */
    public static Tensor logSigmoid(Tensor x) {
        return x.neg().softplus().neg();
    }

    // ---------------------------------------------------------------- piecewise functions

    public static Tensor abs(Tensor x) {
        Tensor y = Kernels.unary(x, (a, o, s, e) -> { for (int i = s; i < e; i++) o[i] = Math.abs(a[i]); });
        return record("abs", y, x, g -> g.mul(Kernels.unary(x, (a, o, s, e) -> { for (int i = s; i < e; i++) o[i] = Math.signum(a[i]); })));
    }

    public static Tensor relu(Tensor x) {
        Tensor y = Kernels.unary(x, (a, o, s, e) -> { for (int i = s; i < e; i++) o[i] = Math.max(a[i], 0f); });
        return record("relu", y, x, g -> reluBackward(g, x));
    }

    /**
     * relu's vector-Jacobian product {@code g·[x > 0]}, as an op of its own: it is linear in g with a mask
     * fixed by x, so its gradient in g is itself, and x gets none (relu'' = 0 away from 0). A gradient of
     * a gradient (the gradient penalty's) thus records one selection per layer instead of a 0/1 mask and a
     * product, and nothing is computed for x.
     */
    static Tensor reluBackward(Tensor g, Tensor x) {
        if (!java.util.Arrays.equals(g.shape, x.shape)) {
            throw new IllegalArgumentException("relu backward: gradient shape " + Shape.str(g.shape)
                    + " differs from the input's " + Shape.str(x.shape));
        }
        float[] gd = g.data, xd = x.data;
        float[] out = new float[gd.length];
        if (VectorSupport.AVAILABLE) {
            Kernels.loop(out.length, (s, e) -> ReluLanes.select(gd, xd, out, s, e));
        } else {
            VectorSupport.noticeScalarFallback();
            Kernels.loop(out.length, (s, e) -> reluSelectScalar(gd, xd, out, s, e));
        }
        return record("reluBackward", new Tensor(out, x.shape.clone()), g, gg -> reluBackward(gg, x));
    }

    /** The scalar twin of {@link ReluLanes#select}, for JVMs without the Vector API. */
    static void reluSelectScalar(float[] g, float[] x, float[] out, int start, int end) {
        for (int i = start; i < end; i++) {
            out[i] = x[i] > 0 ? g[i] : 0f;
        }
    }

    public static Tensor leakyRelu(Tensor x, float slope) {
        Tensor y = Kernels.unary(x, (a, o, s, e) -> { for (int i = s; i < e; i++) o[i] = a[i] > 0 ? a[i] : slope * a[i]; });
        return record("leakyRelu", y, x, g -> g.mul(Kernels.unary(x, (a, o, s, e) -> { for (int i = s; i < e; i++) o[i] = a[i] > 0 ? 1f : slope; })));
    }

    /** x for x > 0, alpha (e^x − 1) otherwise (Clevert et al. 2016). */
    public static Tensor elu(Tensor x, float alpha) {
        Tensor y = Kernels.unary(x, (a, o, s, e) -> { for (int i = s; i < e; i++) o[i] = a[i] > 0 ? a[i] : alpha * (float) Math.expm1(a[i]); });
        // for x <= 0 the slope alpha e^x equals y + alpha, which keeps the gradient differentiable
        return record("elu", y, x, g -> g.mul(where(x.gt(0f), Tensor.ones(x.shape), y.add(alpha))));
    }

    public static Tensor clamp(Tensor x, float lo, float hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp: expected lo <= hi, got lo=" + lo + " hi=" + hi);
        }
        Tensor y = Kernels.unary(x, (a, o, s, e) -> { for (int i = s; i < e; i++) o[i] = Math.min(Math.max(a[i], lo), hi); });
        return record("clamp", y, x, g -> g.mul(Kernels.unary(x, (a, o, s, e) -> { for (int i = s; i < e; i++) o[i] = a[i] >= lo && a[i] <= hi ? 1f : 0f; })));
    }

    /** Element-wise maximum; at ties the gradient goes to {@code a}. */
    public static Tensor maximum(Tensor a, Tensor b) {
        Tensor y = Kernels.binary("maximum", a, b, (p, q, o, s, e) -> { for (int i = s; i < e; i++) o[i] = Math.max(p[i], q[i]); });
        Tensor takeA = ge(a, b);
        return record("maximum", y, a, g -> where(takeA, g, Tensor.scalar(0f)).sumTo(a.shape),
                b, g -> where(takeA, Tensor.scalar(0f), g).sumTo(b.shape));
    }

    /** Element-wise minimum; at ties the gradient goes to {@code a}. */
    public static Tensor minimum(Tensor a, Tensor b) {
        Tensor y = Kernels.binary("minimum", a, b, (p, q, o, s, e) -> { for (int i = s; i < e; i++) o[i] = Math.min(p[i], q[i]); });
        Tensor takeA = le(a, b);
        return record("minimum", y, a, g -> where(takeA, g, Tensor.scalar(0f)).sumTo(a.shape),
                b, g -> where(takeA, Tensor.scalar(0f), g).sumTo(b.shape));
    }

    // ---------------------------------------------------------------- selection and comparisons (constants)

    /** {@code cond ? a : b} with broadcasting over all three; cond is not differentiated. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        int[] shape = Shape.broadcast("where", Shape.broadcast("where", cond.shape, a.shape), b.shape);
        float[] c = Kernels.expand(cond, shape);
        float[] p = Kernels.expand(a, shape);
        float[] q = Kernels.expand(b, shape);
        float[] out = new float[c.length];
        Kernels.loop(out.length, (s, e) -> { for (int i = s; i < e; i++) out[i] = c[i] != 0 ? p[i] : q[i]; });
        Tensor y = new Tensor(out, shape);
        Tensor zero = Tensor.scalar(0f);
        return record("where", y, a, g -> where(cond, g, zero).sumTo(a.shape), b, g -> where(cond, zero, g).sumTo(b.shape));
    }

    public static Tensor gt(Tensor a, Tensor b) {
        return Kernels.binary("gt", a, b, (p, q, o, s, e) -> { for (int i = s; i < e; i++) o[i] = p[i] > q[i] ? 1f : 0f; });
    }

    public static Tensor ge(Tensor a, Tensor b) {
        return Kernels.binary("ge", a, b, (p, q, o, s, e) -> { for (int i = s; i < e; i++) o[i] = p[i] >= q[i] ? 1f : 0f; });
    }

    public static Tensor lt(Tensor a, Tensor b) {
        return Kernels.binary("lt", a, b, (p, q, o, s, e) -> { for (int i = s; i < e; i++) o[i] = p[i] < q[i] ? 1f : 0f; });
    }

    public static Tensor le(Tensor a, Tensor b) {
        return Kernels.binary("le", a, b, (p, q, o, s, e) -> { for (int i = s; i < e; i++) o[i] = p[i] <= q[i] ? 1f : 0f; });
    }

    public static Tensor eq(Tensor a, Tensor b) {
        return Kernels.binary("eq", a, b, (p, q, o, s, e) -> { for (int i = s; i < e; i++) o[i] = p[i] == q[i] ? 1f : 0f; });
    }

    // ---------------------------------------------------------------- scalar helpers shared with the fused ops

    static float sigmoid(float v) {
        if (v >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-v)));
        }
        double z = Math.exp(v);
        return (float) (z / (1.0 + z));
    }

    /**
     * max(v, 0) + log(1 + u) with u = e^−|v| ≤ 1. Math.log is a JIT intrinsic where Math.log1p is not; for
     * small u the series u − u²/2 + u³/3 keeps full relative accuracy where 1 + u would round.
     */
    static float softplus(float v) {
        double u = Math.exp(-Math.abs(v));
        double tail = u < 1e-4 ? u * (1 - u * (0.5 - u / 3)) : Math.log(1.0 + u);
        return (float) (Math.max(v, 0.0) + tail);
    }
}
