package org.latent4j.tensor;

import static org.latent4j.tensor.Autograd.record;

import org.latent4j.runtime.Parallel;

/**
 * Gathering values by index within planes, and its adjoint, scattering (adding) them back: the two
 * directions of a fixed sparse linear map ({@link PlaneMap}). Each is the other's vector-Jacobian
 * product, so pooling and upsampling built on them can be differentiated to any order.
 */
public final class Gathers {
    private Gathers() {}

    /**
     * {@code y[p][o] = Σ_k w·x[p][index]} for every plane p; x is cut into planes of {@code map.inPlane()}
     * values and the result, of shape {@code outShape}, into planes of {@code map.outPlane()}.
     */
    public static Tensor gather(Tensor x, PlaneMap map, int[] outShape) {
        int planes = planesOf("gather", x, map.inPlane(), map);
        checkOut("gather", outShape, planes, map.outPlane(), map.inPlane(), x.shape);
        int in = map.inPlane(), out = map.outPlane(), width = map.width();
        int[] index = map.index();
        float[] weight = map.weight();
        float[] src = x.data;
        float[] y = new float[planes * out];
        Parallel.forRange(planes, minPlanes(out * width), (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                int t = map.tableStart(p), base = p * in, dst = p * out;
                for (int o = 0; o < out; o++) {
                    float s = 0f;
                    for (int k = 0; k < width; k++, t++) {
                        s += (weight == null ? 1f : weight[t]) * src[base + index[t]];
                    }
                    y[dst + o] = s;
                }
            }
        });
        int[] inShape = x.shape;
        return record("gather", new Tensor(y, outShape.clone()), x, g -> scatterAdd(g, map, inShape));
    }

    /** {@code x[p][index] += w·y[p][o]} for every plane p, into zeros of shape {@code inShape}: the adjoint of gather. */
    public static Tensor scatterAdd(Tensor y, PlaneMap map, int[] inShape) {
        int planes = planesOf("scatterAdd", y, map.outPlane(), map);
        checkOut("scatterAdd", inShape, planes, map.inPlane(), map.outPlane(), y.shape);
        int in = map.inPlane(), out = map.outPlane(), width = map.width();
        int[] index = map.index();
        float[] weight = map.weight();
        float[] src = y.data;
        float[] x = new float[planes * in];
        Parallel.forRange(planes, minPlanes(out * width), (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                int t = map.tableStart(p), base = p * in, from = p * out;
                for (int o = 0; o < out; o++) {
                    float v = src[from + o];
                    for (int k = 0; k < width; k++, t++) {
                        x[base + index[t]] += (weight == null ? 1f : weight[t]) * v;
                    }
                }
            }
        });
        int[] outShape = y.shape;
        return record("scatterAdd", new Tensor(x, inShape.clone()), y, g -> gather(g, map, outShape));
    }

    private static int minPlanes(int workPerPlane) {
        return Math.max(1, Kernels.PARALLEL_THRESHOLD / 2 / Math.max(1, workPerPlane));
    }

    private static int planesOf(String op, Tensor t, int plane, PlaneMap map) {
        if (t.numel() % plane != 0) {
            throw new IllegalArgumentException(op + ": shape " + Shape.str(t.shape) + " is not a whole number of planes of "
                    + plane + " values");
        }
        int planes = t.numel() / plane;
        if (map.perPlane() && map.planes() != planes) {
            throw new IllegalArgumentException(op + ": the map has tables for " + map.planes() + " planes, shape "
                    + Shape.str(t.shape) + " has " + planes);
        }
        return planes;
    }

    private static void checkOut(String op, int[] shape, int planes, int plane, int fromPlane, int[] fromShape) {
        if (Shape.numel(shape) != (long) planes * plane) {
            throw new IllegalArgumentException(op + ": result shape " + Shape.str(shape) + " does not hold " + planes
                    + " planes of " + plane + " values (from shape " + Shape.str(fromShape) + ", planes of " + fromPlane + ")");
        }
    }
}
