package org.latent4j.tensor;

import static org.latent4j.tensor.Autograd.record;

import java.util.Arrays;

/**
 * Ops that move values without computing on them: reshape, permute, slice and its adjoint pad,
 * concatenation, row gathering and its adjoint scatter-add, broadcasting and its adjoint sum-to.
 * Each pair is the other's backward.
 */
public final class Shapes {
    private Shapes() {}

    /** Same buffer, new shape; one dimension may be -1 and is inferred. */
    public static Tensor reshape(Tensor x, int... newShape) {
        int[] shape = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape: only one dimension may be -1, got " + Shape.str(newShape));
                }
                infer = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException("reshape: negative dimension in " + Shape.str(newShape));
            } else {
                known *= shape[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || x.numel() % known != 0) {
                throw new IllegalArgumentException("reshape: cannot infer the -1 in " + Shape.str(newShape)
                        + " for " + x.numel() + " elements (shape " + Shape.str(x.shape) + ")");
            }
            shape[infer] = (int) (x.numel() / known);
        }
        if (Shape.numel(shape) != x.numel()) {
            throw new IllegalArgumentException("reshape: cannot view shape " + Shape.str(x.shape) + " (" + x.numel()
                    + " elements) as " + Shape.str(newShape) + " (" + Shape.numel(shape) + " elements)");
        }
        Tensor y = new Tensor(x.data, shape);
        return record("reshape", y, x, g -> g.reshape(x.shape));
    }

    /** Reorders dimensions: result dimension i is input dimension order[i]. */
    public static Tensor permute(Tensor x, int... order) {
        int rank = x.rank();
        if (order.length != rank) {
            throw new IllegalArgumentException("permute: expected " + rank + " axes for shape " + Shape.str(x.shape)
                    + ", got " + Arrays.toString(order));
        }
        int[] ord = new int[rank];
        boolean[] used = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            ord[i] = Shape.axis("permute", order[i], rank);
            if (used[ord[i]]) {
                throw new IllegalArgumentException("permute: axis " + order[i] + " repeated in " + Arrays.toString(order));
            }
            used[ord[i]] = true;
        }
        int[] shape = new int[rank];
        int[] inStrides = Shape.strides(x.shape);
        int[] strides = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = x.shape[ord[i]];
            strides[i] = inStrides[ord[i]];
        }
        float[] out = new float[x.numel()];
        int[] idx = new int[rank];
        for (int o = 0; o < out.length; o++) {
            int off = 0;
            for (int d = 0; d < rank; d++) {
                off += idx[d] * strides[d];
            }
            out[o] = x.data[off];
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        int[] inverse = new int[rank];
        for (int i = 0; i < rank; i++) {
            inverse[ord[i]] = i;
        }
        return record("permute", new Tensor(out, shape), x, g -> g.permute(inverse));
    }

    public static Tensor transpose(Tensor x, int a, int b) {
        int rank = x.rank();
        if (rank < 2) {
            throw new IllegalArgumentException("transpose: expected a tensor of rank >= 2, got shape " + Shape.str(x.shape));
        }
        int[] order = new int[rank];
        for (int i = 0; i < rank; i++) {
            order[i] = i;
        }
        int aa = Shape.axis("transpose", a, rank);
        int bb = Shape.axis("transpose", b, rank);
        order[aa] = bb;
        order[bb] = aa;
        return permute(x, order);
    }

    /** Elements {@code [start, end)} along {@code axis}. */
    public static Tensor slice(Tensor x, int axis, int start, int end) {
        int ax = Shape.axis("slice", axis, x.rank());
        int size = x.shape[ax];
        if (start < 0 || end > size || start > end) {
            throw new IndexOutOfBoundsException("slice: range [" + start + ", " + end + ") is outside dimension " + ax
                    + " of size " + size + " (shape " + Shape.str(x.shape) + ")");
        }
        int[] shape = x.shape.clone();
        shape[ax] = end - start;
        float[] out = new float[Shape.numel(shape)];
        Block b = Block.of(x.shape, ax);
        int len = (end - start) * b.inner;
        for (int o = 0; o < b.outer; o++) {
            System.arraycopy(x.data, (o * size + start) * b.inner, out, o * len, len);
        }
        return record("slice", new Tensor(out, shape), x, g -> pad(g, ax, start, size - end));
    }

    /** Zeros around x along {@code axis}: {@code before} in front, {@code after} behind (the adjoint of slice). */
    public static Tensor pad(Tensor x, int axis, int before, int after) {
        int ax = Shape.axis("pad", axis, x.rank());
        if (before < 0 || after < 0) {
            throw new IllegalArgumentException("pad: expected non-negative padding, got " + before + " and " + after);
        }
        int size = x.shape[ax];
        int[] shape = x.shape.clone();
        shape[ax] = size + before + after;
        float[] out = new float[Shape.numel(shape)];
        Block b = Block.of(x.shape, ax);
        int len = size * b.inner;
        for (int o = 0; o < b.outer; o++) {
            System.arraycopy(x.data, o * len, out, (o * shape[ax] + before) * b.inner, len);
        }
        return record("pad", new Tensor(out, shape), x, g -> slice(g, ax, before, before + size));
    }

    /** Joins tensors along {@code axis}; all other dimensions must agree. */
    public static Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat: expected at least one tensor");
        }
        int rank = parts[0].rank();
        int ax = Shape.axis("concat", axis, rank);
        int total = 0;
        for (int p = 0; p < parts.length; p++) {
            int[] s = parts[p].shape;
            boolean ok = s.length == rank;
            for (int d = 0; ok && d < rank; d++) {
                ok = d == ax || s[d] == parts[0].shape[d];
            }
            if (!ok) {
                throw new IllegalArgumentException("concat: tensor " + p + " has shape " + Shape.str(s)
                        + ", incompatible with tensor 0's " + Shape.str(parts[0].shape) + " along axis " + ax);
            }
            total += s[ax];
        }
        int[] shape = parts[0].shape.clone();
        shape[ax] = total;
        float[] out = new float[Shape.numel(shape)];
        Block b = Block.of(shape, ax);
        int[] offsets = new int[parts.length];
        for (int p = 0, off = 0; p < parts.length; p++) {
            offsets[p] = off;
            int len = parts[p].shape[ax] * b.inner;
            for (int o = 0; o < b.outer; o++) {
                System.arraycopy(parts[p].data, o * len, out, (o * total + off) * b.inner, len);
            }
            off += parts[p].shape[ax];
        }
        GradFn[] fns = new GradFn[parts.length];
        for (int p = 0; p < parts.length; p++) {
            int start = offsets[p];
            int end = start + parts[p].shape[ax];
            fns[p] = g -> slice(g, ax, start, end);
        }
        return record("concat", new Tensor(out, shape), parts, fns);
    }

    /** Rows of x (along axis 0) in the order of {@code index}; rows may repeat. */
    public static Tensor gatherRows(Tensor x, int[] index) {
        if (x.rank() < 1) {
            throw new IllegalArgumentException("gatherRows: expected a tensor of rank >= 1, got a scalar");
        }
        int rows = x.shape[0];
        int width = rows == 0 ? 0 : x.numel() / rows;
        float[] out = new float[index.length * width];
        for (int i = 0; i < index.length; i++) {
            int r = index[i];
            if (r < 0 || r >= rows) {
                throw new IndexOutOfBoundsException("gatherRows: index " + r + " at position " + i
                        + " is out of range for " + rows + " rows (shape " + Shape.str(x.shape) + ")");
            }
            System.arraycopy(x.data, r * width, out, i * width, width);
        }
        int[] shape = x.shape.clone();
        shape[0] = index.length;
        return record("gatherRows", new Tensor(out, shape), x, g -> scatterAddRows(g, index, rows));
    }

    /** A tensor of {@code rows} rows where row index[i] accumulates row i of x (the adjoint of gatherRows). */
    public static Tensor scatterAddRows(Tensor x, int[] index, int rows) {
        if (x.rank() < 1 || x.shape[0] != index.length) {
            throw new IllegalArgumentException("scatterAddRows: expected " + index.length + " rows, got shape " + Shape.str(x.shape));
        }
        int width = index.length == 0 ? 0 : x.numel() / index.length;
        int[] shape = x.shape.clone();
        shape[0] = rows;
        float[] out = new float[Shape.numel(shape)];
        for (int i = 0; i < index.length; i++) {
            int r = index[i];
            if (r < 0 || r >= rows) {
                throw new IndexOutOfBoundsException("scatterAddRows: index " + r + " at position " + i + " is out of range for " + rows + " rows");
            }
            for (int j = 0, src = i * width, dst = r * width; j < width; j++) {
                out[dst + j] += x.data[src + j];
            }
        }
        return record("scatterAddRows", new Tensor(out, shape), x, g -> gatherRows(g, index));
    }

    /** Copies x over a larger shape by NumPy broadcasting. */
    public static Tensor broadcastTo(Tensor x, int... target) {
        int[] shape = Shape.broadcast("broadcastTo", x.shape, target);
        if (!Arrays.equals(shape, target)) {
            throw new IllegalArgumentException("broadcastTo: shape " + Shape.str(x.shape) + " cannot be broadcast to "
                    + Shape.str(target) + " (it would become " + Shape.str(shape) + ")");
        }
        if (Arrays.equals(x.shape, target)) {
            return x;
        }
        Tensor y = new Tensor(Kernels.expand(x, shape), shape);
        return record("broadcastTo", y, x, g -> sumTo(g, x.shape));
    }

    /** Sums over the dimensions by which x's shape exceeds {@code target} (the adjoint of broadcastTo). */
    public static Tensor sumTo(Tensor x, int... target) {
        if (Arrays.equals(x.shape, target)) {
            return x;
        }
        int rank = x.rank();
        int lead = rank - target.length;
        if (lead < 0) {
            throw new IllegalArgumentException("sumTo: shape " + Shape.str(x.shape) + " has fewer dimensions than " + Shape.str(target));
        }
        int[] axes = new int[rank];
        int n = 0;
        for (int d = 0; d < rank; d++) {
            if (d < lead) {
                axes[n++] = d;
            } else if (target[d - lead] == 1 && x.shape[d] != 1) {
                axes[n++] = d;
            } else if (target[d - lead] != x.shape[d]) {
                throw new IllegalArgumentException("sumTo: shape " + Shape.str(x.shape) + " does not broadcast from " + Shape.str(target));
            }
        }
        return Reductions.sum(x, Arrays.copyOf(axes, n), true).reshape(target);
    }

    /** A shape cut around one axis: outer blocks before it, inner elements after it. */
    private record Block(int outer, int inner) {
        static Block of(int[] shape, int axis) {
            int outer = 1, inner = 1;
            for (int d = 0; d < axis; d++) {
                outer *= shape[d];
            }
            for (int d = axis + 1; d < shape.length; d++) {
                inner *= shape[d];
            }
            return new Block(outer, inner);
        }
    }
}
