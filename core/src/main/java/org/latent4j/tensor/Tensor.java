package org.latent4j.tensor;

import java.util.Arrays;
import org.latent4j.random.RandomSource;

/**
 * A dense float32 array of any rank, row-major and contiguous, that records the computations it takes
 * part in so that gradients can flow back to it (reverse-mode automatic differentiation, define-by-run).
 *
 * <p>Ops live in small classes, each op's forward and backward side by side: {@link Pointwise}
 * (element-wise, with NumPy broadcasting), {@link Reductions}, {@link Shapes}, {@link MatMul},
 * {@link Losses}, and on NCHW images {@link Convolution}, {@link Pooling}, {@link Resampling} (with
 * {@link Gathers} under them). The methods here are the fluent face of those ops. Gradients are computed
 * by {@link Autograd}; every backward is written with the same differentiable ops, so a gradient can be
 * differentiated again.
 *
 * <p>{@link #data()} is the live buffer: optimizers and data loaders write it in place, which is safe
 * outside a recorded computation (do not mutate a tensor that a pending backward still needs).
 */
public final class Tensor {
    final float[] data;
    final int[] shape;
    /** The op that produced this tensor, when it was recorded; null for leaves and constants. */
    Node node;
    /** Leaves that ask for gradients get them accumulated here by {@link #backward()}. */
    private boolean requiresGrad;
    private Tensor grad;

    Tensor(float[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    // ---------------------------------------------------------------- creation

    /** A tensor over {@code data} (not copied) with the given shape. */
    public static Tensor of(float[] data, int... shape) {
        int[] s = Shape.check("Tensor.of", shape);
        if (Shape.numel(s) != data.length) {
            throw new IllegalArgumentException("Tensor.of: shape " + Shape.str(s) + " needs " + Shape.numel(s)
                    + " values, got " + data.length);
        }
        return new Tensor(data, s);
    }

    /** A 1-D tensor holding a copy of {@code values}. */
    public static Tensor vector(float... values) {
        return new Tensor(values.clone(), new int[] {values.length});
    }

    /** A 2-D tensor holding a copy of the rows, which must all have the same length. */
    public static Tensor matrix(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] d = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("Tensor.matrix: row " + i + " has " + rows[i].length
                        + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, d, i * cols, cols);
        }
        return new Tensor(d, new int[] {rows.length, cols});
    }

    /** A rank-0 tensor. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[0]);
    }

    public static Tensor zeros(int... shape) {
        int[] s = Shape.check("zeros", shape);
        return new Tensor(new float[Shape.numel(s)], s);
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor full(float value, int... shape) {
        int[] s = Shape.check("full", shape);
        float[] d = new float[Shape.numel(s)];
        Arrays.fill(d, value);
        return new Tensor(d, s);
    }

    /** {@code [0, 1, ..., n-1]}. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /** {@code start, start+step, ...} up to but excluding {@code end}. */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0 || !Float.isFinite(start) || !Float.isFinite(end) || !Float.isFinite(step)) {
            throw new IllegalArgumentException("arange: expected finite start/end and a non-zero step, got start="
                    + start + " end=" + end + " step=" + step);
        }
        int n = Math.max(0, (int) Math.ceil((end - start) / step));
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = start + i * step;
        }
        return new Tensor(d, new int[] {n});
    }

    /** Standard normal values from {@code rng}. */
    public static Tensor randn(RandomSource rng, int... shape) {
        Tensor t = zeros(shape);
        rng.fillNormal(t.data, 0, t.data.length, 0, 1);
        return t;
    }

    /** Values uniform in [lo, hi) from {@code rng}. */
    public static Tensor rand(RandomSource rng, float lo, float hi, int... shape) {
        Tensor t = zeros(shape);
        rng.fillUniform(t.data, 0, t.data.length, lo, hi);
        return t;
    }

    // ---------------------------------------------------------------- state

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The size of dimension {@code axis} (negative counts from the end). */
    public int dim(int axis) {
        return shape[Shape.axis("dim", axis, shape.length)];
    }

    public int rank() {
        return shape.length;
    }

    public int numel() {
        return data.length;
    }

    /** The live row-major buffer (see the class comment). */
    public float[] data() {
        return data;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item: expected a tensor with one element, got shape " + Shape.str(shape));
        }
        return data[0];
    }

    /** The value at a multi-index. */
    public float get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: expected " + shape.length + " indexes for shape "
                    + Shape.str(shape) + ", got " + index.length);
        }
        int off = 0;
        int[] st = Shape.strides(shape);
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("get: index " + index[i] + " out of range for dimension " + i
                        + " of size " + shape[i]);
            }
            off += index[i] * st[i];
        }
        return data[off];
    }

    /** A copy of the values. */
    public float[] toArray() {
        return data.clone();
    }

    /** A new leaf with a copy of the values, outside any recorded computation. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape.clone());
    }

    /** The same values (shared buffer) cut off from the recorded computation. */
    public Tensor detach() {
        return new Tensor(data, shape);
    }

    /** Marks a leaf as asking for gradients; returns this. */
    public Tensor requiresGrad(boolean on) {
        if (node != null && !on) {
            throw new IllegalStateException("requiresGrad(false): this tensor is the result of a recorded op; use detach()");
        }
        requiresGrad = on;
        return this;
    }

    /** True for leaves that ask for gradients and for results of recorded ops. */
    public boolean requiresGrad() {
        return requiresGrad || node != null;
    }

    /** True when no recorded op produced this tensor. */
    public boolean isLeaf() {
        return node == null;
    }

    /**
     * The gradient accumulated by {@link #backward()}, or null. Treat it as read-only: it may share its
     * buffer with another tensor's gradient; to change it, build a new tensor and {@link #setGrad} it.
     */
    public Tensor grad() {
        return grad;
    }

    /** Replaces the accumulated gradient (null clears it). */
    public void setGrad(Tensor g) {
        if (g != null && !Arrays.equals(g.shape, shape)) {
            throw new IllegalArgumentException("setGrad: gradient shape " + Shape.str(g.shape)
                    + " does not match tensor shape " + Shape.str(shape));
        }
        grad = g;
    }

    /** Clears the accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /** Computes gradients of this scalar with respect to every leaf that asks for them (accumulating). */
    public void backward() {
        Autograd.backward(this, null);
    }

    /** Back-propagates {@code gradient} (same shape as this tensor) to the leaves. */
    public void backward(Tensor gradient) {
        Autograd.backward(this, gradient);
    }

    /** Throws, naming {@code what}, the first index and value, if any value is NaN or infinite. */
    public Tensor requireFinite(String what) {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException(what + ": value " + data[i] + " at flat index " + i + " of shape "
                        + Shape.str(shape) + " (expected finite numbers)");
            }
        }
        return this;
    }

    // ---------------------------------------------------------------- element-wise (see Pointwise)

    public Tensor add(Tensor o) { return Pointwise.add(this, o); }
    public Tensor add(float s) { return Pointwise.addScalar(this, s); }
    public Tensor sub(Tensor o) { return Pointwise.sub(this, o); }
    public Tensor sub(float s) { return Pointwise.addScalar(this, -s); }
    public Tensor mul(Tensor o) { return Pointwise.mul(this, o); }
    public Tensor mul(float s) { return Pointwise.scale(this, s); }
    public Tensor div(Tensor o) { return Pointwise.div(this, o); }
    public Tensor div(float s) { return Pointwise.scale(this, 1f / s); }
    public Tensor neg() { return Pointwise.scale(this, -1f); }
    public Tensor exp() { return Pointwise.exp(this); }
    public Tensor log() { return Pointwise.log(this); }
    public Tensor log1p() { return Pointwise.log1p(this); }
    public Tensor sqrt() { return Pointwise.sqrt(this); }
    public Tensor square() { return Pointwise.mul(this, this); }
    public Tensor pow(float p) { return Pointwise.pow(this, p); }
    public Tensor abs() { return Pointwise.abs(this); }
    public Tensor tanh() { return Pointwise.tanh(this); }
    public Tensor sigmoid() { return Pointwise.sigmoid(this); }
    public Tensor softplus() { return Pointwise.softplus(this); }
    public Tensor logSigmoid() { return Pointwise.logSigmoid(this); }
    public Tensor relu() { return Pointwise.relu(this); }
    public Tensor leakyRelu(float slope) { return Pointwise.leakyRelu(this, slope); }
    public Tensor elu(float alpha) { return Pointwise.elu(this, alpha); }
    public Tensor clamp(float lo, float hi) { return Pointwise.clamp(this, lo, hi); }
    public Tensor maximum(Tensor o) { return Pointwise.maximum(this, o); }
    public Tensor minimum(Tensor o) { return Pointwise.minimum(this, o); }
    public Tensor gt(Tensor o) { return Pointwise.gt(this, o); }
    public Tensor ge(Tensor o) { return Pointwise.ge(this, o); }
    public Tensor lt(Tensor o) { return Pointwise.lt(this, o); }
    public Tensor le(Tensor o) { return Pointwise.le(this, o); }
    public Tensor eq(Tensor o) { return Pointwise.eq(this, o); }
    public Tensor gt(float s) { return Pointwise.gt(this, scalar(s)); }
    public Tensor lt(float s) { return Pointwise.lt(this, scalar(s)); }

    /** {@code cond ? a : b} element-wise with broadcasting; {@code cond} holds 0 (false) or anything else (true). */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) { return Pointwise.where(cond, a, b); }

    // ---------------------------------------------------------------- reductions (see Reductions)

    /** Sum of all elements (a scalar). */
    public Tensor sum() { return Reductions.sum(this, allAxes(), false); }
    /** Sum over the given axes, dropping them. */
    public Tensor sum(int... axes) { return Reductions.sum(this, axes, false); }
    public Tensor sum(int[] axes, boolean keepDim) { return Reductions.sum(this, axes, keepDim); }
    public Tensor mean() { return Reductions.mean(this, allAxes(), false); }
    public Tensor mean(int... axes) { return Reductions.mean(this, axes, false); }
    public Tensor mean(int[] axes, boolean keepDim) { return Reductions.mean(this, axes, keepDim); }
    public Tensor max() { return Reductions.max(this, allAxes(), false); }
    public Tensor max(int[] axes, boolean keepDim) { return Reductions.max(this, axes, keepDim); }
    public Tensor logSumExp(int[] axes, boolean keepDim) { return Reductions.logSumExp(this, axes, keepDim); }
    public Tensor logSumExp(int axis) { return Reductions.logSumExp(this, new int[] {axis}, false); }
    public Tensor softmax(int axis) { return Reductions.softmax(this, axis); }
    public Tensor logSoftmax(int axis) { return Reductions.logSoftmax(this, axis); }

    // ---------------------------------------------------------------- shapes (see Shapes)

    /** The same values with another shape (one dimension may be -1); shares the buffer. */
    public Tensor reshape(int... newShape) { return Shapes.reshape(this, newShape); }
    public Tensor permute(int... order) { return Shapes.permute(this, order); }
    public Tensor transpose(int a, int b) { return Shapes.transpose(this, a, b); }
    /** The transpose of a 2-D tensor. */
    public Tensor t() { return Shapes.transpose(this, 0, 1); }
    /** Elements {@code [start, end)} along {@code axis}. */
    public Tensor slice(int axis, int start, int end) { return Shapes.slice(this, axis, start, end); }
    public static Tensor concat(int axis, Tensor... parts) { return Shapes.concat(axis, parts); }
    /** Rows (index along axis 0) picked by {@code index}, e.g. a mini-batch. */
    public Tensor gatherRows(int[] index) { return Shapes.gatherRows(this, index); }
    public Tensor broadcastTo(int... target) { return Shapes.broadcastTo(this, target); }
    /** Sums broadcast dimensions away so the result has {@code target} shape (the adjoint of broadcastTo). */
    public Tensor sumTo(int... target) { return Shapes.sumTo(this, target); }

    // ---------------------------------------------------------------- products (see MatMul)

    /** Matrix product of the last two dimensions, batched over leading ones. */
    public Tensor matmul(Tensor o) { return MatMul.matmul(this, o, false, false); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shape.str(shape)).append(' ');
        int n = Math.min(data.length, 8);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(data[i]);
        }
        return sb.append(data.length > n ? ", ...]" : "]").toString();
    }

    int[] allAxes() {
        int[] a = new int[shape.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        return a;
    }
}
