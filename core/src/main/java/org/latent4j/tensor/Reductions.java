package org.latent4j.tensor;

import static org.latent4j.tensor.Autograd.record;

import java.util.Arrays;

/**
 * Reductions over chosen axes (sum, mean, max, log-sum-exp) and the softmax family built on them.
 * Sums accumulate in double precision. Reduced axes are moved last first when they are not already a
 * contiguous block, so one loop shape (outer × reduced × inner) serves every case.
 */
public final class Reductions {
    private Reductions() {}

    public static Tensor sum(Tensor x, int[] axes, boolean keepDim) {
        int[] sorted = Plan.sortedAxes("sum", axes, x.rank());
        if (sorted.length > 1 && sorted[sorted.length - 1] - sorted[0] != sorted.length - 1) {
            return sumInStages(x, sorted, keepDim);
        }
        Plan p = Plan.of("sum", x, axes);
        float[] out = new float[p.outer * p.inner];
        float[] src = p.source.data;
        for (int o = 0; o < p.outer; o++) {
            if (p.inner == 1) {
                double acc = 0;
                for (int r = 0, base = o * p.reduced; r < p.reduced; r++) {
                    acc += src[base + r];
                }
                out[o] = (float) acc;
            } else {
                double[] acc = new double[p.inner];
                for (int r = 0; r < p.reduced; r++) {
                    int base = (o * p.reduced + r) * p.inner;
                    for (int i = 0; i < p.inner; i++) {
                        acc[i] += src[base + i];
                    }
                }
                for (int i = 0; i < p.inner; i++) {
                    out[o * p.inner + i] = (float) acc[i];
                }
            }
        }
        Tensor y = new Tensor(out, keepDim ? p.keepShape : p.dropShape);
        return record("sum", y, x, g -> g.reshape(p.keepShape).broadcastTo(x.shape));
    }

    /**
     * A sum over axes that are not one contiguous block (e.g. the N, H and W of an NCHW tensor, as batch
     * normalization and bias gradients need): each contiguous run of reduced axes is summed in turn, the
     * last first, as an outer × reduced × inner loop over the running double-precision partial sums.
     * This reads the input once in order, where permuting the reduced axes last would first gather
     * every element through a strided index.
     */
    private static Tensor sumInStages(Tensor x, int[] axes, boolean keepDim) {
        int rank = x.rank();
        int[] keep = x.shape.clone();
        double[] acc = null;
        int end = axes.length;
        while (end > 0) {
            int start = end - 1;
            while (start > 0 && axes[start - 1] == axes[start] - 1) {
                start--;
            }
            int first = axes[start], last = axes[end - 1];
            int outer = 1, reduced = 1, inner = 1;
            for (int d = 0; d < rank; d++) {
                if (d < first) {
                    outer *= keep[d];
                } else if (d <= last) {
                    reduced *= keep[d];
                } else {
                    inner *= keep[d];
                }
            }
            double[] out = new double[outer * inner];
            for (int o = 0; o < outer; o++) {
                int to = o * inner;
                if (inner == 1) {
                    double sum = 0;
                    int base = o * reduced;
                    for (int r = 0; r < reduced; r++) {
                        sum += acc == null ? x.data[base + r] : acc[base + r];
                    }
                    out[to] = sum;
                    continue;
                }
                for (int r = 0; r < reduced; r++) {
                    int from = (o * reduced + r) * inner;
                    if (acc == null) {
                        float[] src = x.data;
                        for (int i = 0; i < inner; i++) {
                            out[to + i] += src[from + i];
                        }
                    } else {
                        for (int i = 0; i < inner; i++) {
                            out[to + i] += acc[from + i];
                        }
                    }
                }
            }
            acc = out;
            for (int d = first; d <= last; d++) {
                keep[d] = 1;
            }
            end = start;
        }
        float[] values = new float[acc.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) acc[i];
        }
        int[] drop = new int[rank - axes.length];
        for (int d = 0, k = 0, a = 0; d < rank; d++) {
            if (a < axes.length && axes[a] == d) {
                a++;
            } else {
                drop[k++] = x.shape[d];
            }
        }
        Tensor y = new Tensor(values, keepDim ? keep : drop);
        int[] keepShape = keep;
        return record("sum", y, x, g -> g.reshape(keepShape).broadcastTo(x.shape));
    }

    public static Tensor mean(Tensor x, int[] axes, boolean keepDim) {
        int reduced = 1;
        for (int a : Plan.sortedAxes("mean", axes, x.rank())) {
            reduced *= x.shape[a];
        }
        if (reduced == 0) {
            throw new IllegalArgumentException("mean: reducing over an empty dimension of shape " + Shape.str(x.shape));
        }
        return sum(x, axes, keepDim).mul(1f / reduced);
    }

    /** Maximum over axes; ties share the gradient equally. */
    public static Tensor max(Tensor x, int[] axes, boolean keepDim) {
        Plan p = Plan.of("max", x, axes);
        if (p.reduced == 0) {
            throw new IllegalArgumentException("max: reducing over an empty dimension of shape " + Shape.str(x.shape));
        }
        float[] out = new float[p.outer * p.inner];
        Arrays.fill(out, Float.NEGATIVE_INFINITY);
        float[] src = p.source.data;
        for (int o = 0; o < p.outer; o++) {
            for (int r = 0; r < p.reduced; r++) {
                int base = (o * p.reduced + r) * p.inner;
                for (int i = 0; i < p.inner; i++) {
                    float v = src[base + i];
                    int k = o * p.inner + i;
                    if (v > out[k] || Float.isNaN(v)) {
                        out[k] = v;
                    }
                }
            }
        }
        Tensor y = new Tensor(out, keepDim ? p.keepShape : p.dropShape);
        return record("max", y, x, g -> {
            Tensor isMax = x.eq(y.detach().reshape(p.keepShape));
            Tensor ties = isMax.sum(p.axes, true);
            return g.reshape(p.keepShape).mul(isMax).div(ties);
        });
    }

    /** log Σ exp(x) over axes, shifted by the maximum so it neither overflows nor underflows. */
    public static Tensor logSumExp(Tensor x, int[] axes, boolean keepDim) {
        Plan p = Plan.of("logSumExp", x, axes);
        float[] m = max(x.detach(), axes, true).data;
        float[] out = new float[p.outer * p.inner];
        float[] src = p.source.data;
        double[] acc = new double[p.inner];
        for (int o = 0; o < p.outer; o++) {
            Arrays.fill(acc, 0);
            for (int r = 0; r < p.reduced; r++) {
                int base = (o * p.reduced + r) * p.inner;
                for (int i = 0; i < p.inner; i++) {
                    float mi = m[o * p.inner + i];
                    if (mi != Float.NEGATIVE_INFINITY) {
                        acc[i] += Math.exp(src[base + i] - mi);
                    }
                }
            }
            for (int i = 0; i < p.inner; i++) {
                float mi = m[o * p.inner + i];
                out[o * p.inner + i] = mi == Float.NEGATIVE_INFINITY || mi == Float.POSITIVE_INFINITY
                        ? mi : (float) (Math.log(acc[i]) + mi);
            }
        }
        Tensor y = new Tensor(out, keepDim ? p.keepShape : p.dropShape);
        // d lse / dx = softmax(x) = e / Σe with e = exp(x − max): the constant shift keeps it exact where
        // exp(x − lse) would lose digits to the rounding of lse, and it is recorded, so it differentiates again.
        Tensor shift = Tensor.of(m, p.keepShape);
        return record("logSumExp", y, x, g -> {
            Tensor e = x.sub(shift).exp();
            return g.reshape(p.keepShape).mul(e.div(e.sum(p.axes, true)));
        });
    }

    public static Tensor softmax(Tensor x, int axis) {
        return logSoftmax(x, axis).exp();
    }

    public static Tensor logSoftmax(Tensor x, int axis) {
        return x.sub(logSumExp(x, new int[] {axis}, true));
    }

    /**
     * How a reduction walks its input: the source laid out as outer × reduced × inner (permuted when the
     * axes are not one contiguous block), and the output shapes with and without the reduced axes.
     */
    private record Plan(Tensor source, int outer, int reduced, int inner, int[] axes, int[] keepShape, int[] dropShape) {
        /** The axes, checked (in range, no repeats) and made non-negative, in increasing order. */
        static int[] sortedAxes(String op, int[] axesIn, int rank) {
            boolean[] isReduced = reducedMask(op, axesIn, rank);
            int[] out = new int[axesIn.length];
            for (int d = 0, k = 0; d < rank; d++) {
                if (isReduced[d]) {
                    out[k++] = d;
                }
            }
            return out;
        }

        private static boolean[] reducedMask(String op, int[] axesIn, int rank) {
            boolean[] isReduced = new boolean[rank];
            for (int a : axesIn) {
                int ax = Shape.axis(op, a, rank);
                if (isReduced[ax]) {
                    throw new IllegalArgumentException(op + ": axis " + a + " given twice in " + Arrays.toString(axesIn));
                }
                isReduced[ax] = true;
            }
            return isReduced;
        }

        static Plan of(String op, Tensor x, int[] axesIn) {
            int rank = x.rank();
            boolean[] isReduced = reducedMask(op, axesIn, rank);
            int[] axes = new int[axesIn.length];
            int[] keep = x.shape.clone();
            int[] drop = new int[rank - axesIn.length];
            int na = 0;
            for (int d = 0, k = 0; d < rank; d++) {
                if (isReduced[d]) {
                    axes[na++] = d;
                    keep[d] = 1;
                } else {
                    drop[k++] = x.shape[d];
                }
            }
            boolean contiguous = na == 0 || axes[na - 1] - axes[0] == na - 1;
            Tensor source = x;
            int first = na == 0 ? rank : axes[0];
            int last = na == 0 ? rank - 1 : axes[na - 1];
            if (!contiguous) {
                int[] order = new int[rank];
                int k = 0;
                for (int d = 0; d < rank; d++) {
                    if (!isReduced[d]) {
                        order[k++] = d;
                    }
                }
                for (int a : axes) {
                    order[k++] = a;
                }
                try (var ignored = Autograd.noGrad()) {
                    source = x.permute(order);
                }
                first = rank - na;
                last = rank - 1;
            }
            int outer = 1, reduced = 1, inner = 1;
            for (int d = 0; d < rank; d++) {
                int size = source.shape[d];
                if (d < first) {
                    outer *= size;
                } else if (d <= last) {
                    reduced *= size;
                } else {
                    inner *= size;
                }
            }
            return new Plan(source, outer, reduced, inner, axes, keep, drop);
        }
    }
}
