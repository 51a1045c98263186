package org.latent4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latent4j.random.RandomSource;

/**
 * Convolutions, pooling, upsampling and the gather/scatter pair: gradient-checked at first and second
 * order on random small geometries (strides, paddings, dilations, non-square kernels), and their forward
 * values compared with direct loops in double precision on the same geometries.
 */
class ConvolutionGradientTest {

    /** A random convolution geometry with a non-empty output; sizes kept small for finite differences. */
    record Geometry(int n, int c, int o, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
                    int oph, int opw) {
        static Geometry random(RandomSource r, boolean transposed) {
            while (true) {
                int kh = 1 + r.nextInt(3), kw = 1 + r.nextInt(3);
                int sh = 1 + r.nextInt(3), sw = 1 + r.nextInt(2);
                int dh = 1 + r.nextInt(2), dw = 1 + r.nextInt(2);
                int ph = r.nextInt(3), pw = r.nextInt(2);
                int h = 1 + r.nextInt(transposed ? 3 : 6), w = 1 + r.nextInt(transposed ? 3 : 6);
                int oph = transposed ? r.nextInt(Math.max(sh, dh)) : 0, opw = transposed ? r.nextInt(Math.max(sw, dw)) : 0;
                Geometry g = new Geometry(1 + r.nextInt(2), 1 + r.nextInt(3), 1 + r.nextInt(3), h, w, kh, kw, sh, sw, ph, pw,
                        dh, dw, oph, opw);
                int[] out = transposed ? g.transposedOut() : g.convOut();
                if (out[0] >= 1 && out[1] >= 1 && out[0] * out[1] <= 40) {
                    return g;
                }
            }
        }

        int[] convOut() {
            return new int[] {ConvGeometry.convOutput(h, kh, sh, ph, dh), ConvGeometry.convOutput(w, kw, sw, pw, dw)};
        }

        int[] transposedOut() {
            return new int[] {ConvGeometry.transposedOutput(h, kh, sh, ph, oph, dh),
                    ConvGeometry.transposedOutput(w, kw, sw, pw, opw, dw)};
        }

        int[] stride() { return new int[] {sh, sw}; }
        int[] padding() { return new int[] {ph, pw}; }
        int[] dilation() { return new int[] {dh, dw}; }
        int[] outputPadding() { return new int[] {oph, opw}; }

        @Override
        public String toString() {
            return "N" + n + " C" + c + "→" + o + " " + h + "×" + w + " k" + kh + "×" + kw + " s" + sh + "," + sw
                    + " p" + ph + "," + pw + " d" + dh + "," + dw + (oph + opw > 0 ? " op" + oph + "," + opw : "");
        }
    }

    static Tensor uniform(RandomSource r, float bound, int... shape) {
        return Tensor.rand(r, -bound, bound, shape);
    }

    record Case(String name, Function<Tensor[], Tensor> f, Tensor[] inputs) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> out = new ArrayList<>();
        RandomSource r = new RandomSource(2024);
        for (int i = 0; i < 8; i++) {
            Geometry g = Geometry.random(r, false);
            boolean bias = i % 2 == 0;
            Tensor[] in = bias
                    ? new Tensor[] {uniform(r, 1, g.n, g.c, g.h, g.w), uniform(r, 0.5f, g.o, g.c, g.kh, g.kw), uniform(r, 0.5f, g.o)}
                    : new Tensor[] {uniform(r, 1, g.n, g.c, g.h, g.w), uniform(r, 0.5f, g.o, g.c, g.kh, g.kw)};
            out.add(new Case("conv2d " + g + (bias ? " bias" : ""), x -> Convolution.conv2d(x[0], x[1], bias ? x[2] : null,
                    g.stride(), g.padding(), g.dilation()).tanh(), in));
        }
        for (int i = 0; i < 8; i++) {
            Geometry g = Geometry.random(r, true);
            boolean bias = i % 2 == 1;
            Tensor[] in = bias
                    ? new Tensor[] {uniform(r, 1, g.n, g.c, g.h, g.w), uniform(r, 0.5f, g.c, g.o, g.kh, g.kw), uniform(r, 0.5f, g.o)}
                    : new Tensor[] {uniform(r, 1, g.n, g.c, g.h, g.w), uniform(r, 0.5f, g.c, g.o, g.kh, g.kw)};
            out.add(new Case("convTranspose2d " + g + (bias ? " bias" : ""), x -> Convolution.convTranspose2d(x[0], x[1],
                    bias ? x[2] : null, g.stride(), g.padding(), g.outputPadding(), g.dilation()).tanh(), in));
        }
        for (int i = 0; i < 3; i++) {
            Geometry g = Geometry.random(r, false);
            int[] o = g.convOut();
            ConvGeometry cg = new ConvGeometry(g.n, g.c, g.h, g.w, g.o, o[0], o[1], g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.dh, g.dw);
            out.add(new Case("kernel gradient " + g, x -> Convolution.kernelGradient(cg, x[0], x[1]).tanh(),
                    new Tensor[] {uniform(r, 1, g.n, g.c, g.h, g.w), uniform(r, 0.5f, g.n, g.o, o[0], o[1])}));
        }
        out.add(new Case("sumPerChannel", x -> Convolution.sumPerChannel(x[0]).square(), new Tensor[] {uniform(r, 1, 2, 3, 2, 2)}));
        out.add(new Case("maxPool2d k3 s2 p1", x -> Pooling.maxPool2d(x[0], new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}).square(),
                new Tensor[] {GradientCheckOpsTest.distinct(r, 2, 2, 5, 5)}));
        out.add(new Case("maxPool2d k2×3 s1×2", x -> Pooling.maxPool2d(x[0], new int[] {2, 3}, new int[] {1, 2}, new int[] {0, 1}).square(),
                new Tensor[] {GradientCheckOpsTest.distinct(r, 1, 2, 4, 5)}));
        out.add(new Case("avgPool2d k3 s2 p1", x -> Pooling.avgPool2d(x[0], new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, true).square(),
                new Tensor[] {uniform(r, 1, 2, 2, 5, 5)}));
        out.add(new Case("avgPool2d k2×3 exclude padding", x -> Pooling.avgPool2d(x[0], new int[] {2, 3}, new int[] {2, 1}, new int[] {1, 1}, false).square(),
                new Tensor[] {uniform(r, 1, 1, 2, 4, 5)}));
        out.add(new Case("upsample nearest 2×3", x -> Resampling.upsampleNearest(x[0], 2, 3).square(), new Tensor[] {uniform(r, 1, 2, 2, 3, 2)}));
        out.add(new Case("upsample bilinear 2", x -> Resampling.upsampleBilinear(x[0], 2, 2).square(), new Tensor[] {uniform(r, 1, 1, 2, 3, 4)}));
        out.add(new Case("upsample bilinear 3×2", x -> Resampling.upsampleBilinear(x[0], 3, 2).square(), new Tensor[] {uniform(r, 1, 2, 1, 2, 3)}));
        PlaneMap perPlane = new PlaneMap(4, 3, 2, new int[] {0, 1, 3, 3, 2, 0, 1, 1, 2, 3, 0, 2}, new float[] {1, -2, 0.5f, 1, 3, 1, 1, 1, -1, 2, 1, 1});
        out.add(new Case("gather per-plane weighted", x -> Gathers.gather(x[0], perPlane, new int[] {2, 3}).square(),
                new Tensor[] {uniform(r, 1, 2, 4)}));
        out.add(new Case("scatterAdd per-plane weighted", x -> Gathers.scatterAdd(x[0], perPlane, new int[] {2, 2, 2}).square(),
                new Tensor[] {uniform(r, 1, 2, 3)}));
        return out.stream();
    }

    static Tensor[] copies(Tensor[] xs) {
        Tensor[] c = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            c[i] = xs[i].copy();
        }
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firstOrder(Case c) {
        GradientCheck.assertGradients(c.f(), copies(c.inputs()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void secondOrder(Case c) {
        GradientCheck.assertSecondOrder(c.f(), copies(c.inputs()));
    }

    // ---------------------------------------------------------------- forward values against direct loops

    /** y[n,o,oy,ox] = b[o] + Σ w[o,c,i,j]·x[n,c,oy·s−p+i·d, ox·s−p+j·d], in double. */
    static double[] directConv(Geometry g, Tensor x, Tensor w, Tensor b) {
        int[] out = g.convOut();
        double[] y = new double[g.n * g.o * out[0] * out[1]];
        for (int n = 0, t = 0; n < g.n; n++) {
            for (int o = 0; o < g.o; o++) {
                for (int oy = 0; oy < out[0]; oy++) {
                    for (int ox = 0; ox < out[1]; ox++, t++) {
                        double s = b == null ? 0 : b.get(o);
                        for (int c = 0; c < g.c; c++) {
                            for (int i = 0; i < g.kh; i++) {
                                for (int j = 0; j < g.kw; j++) {
                                    int iy = oy * g.sh - g.ph + i * g.dh, ix = ox * g.sw - g.pw + j * g.dw;
                                    if (iy >= 0 && iy < g.h && ix >= 0 && ix < g.w) {
                                        s += (double) w.get(o, c, i, j) * x.get(n, c, iy, ix);
                                    }
                                }
                            }
                        }
                        y[t] = s;
                    }
                }
            }
        }
        return y;
    }

    /** The transposed convolution by scattering every input pixel through the kernel, in double. */
    static double[] directTransposed(Geometry g, Tensor x, Tensor w, Tensor b) {
        int[] out = g.transposedOut();
        int oh = out[0], ow = out[1];
        double[] y = new double[g.n * g.o * oh * ow];
        for (int n = 0; n < g.n; n++) {
            for (int o = 0; o < g.o; o++) {
                for (int q = 0; q < oh * ow; q++) {
                    y[(n * g.o + o) * oh * ow + q] = b == null ? 0 : b.get(o);
                }
                for (int c = 0; c < g.c; c++) {
                    for (int iy = 0; iy < g.h; iy++) {
                        for (int ix = 0; ix < g.w; ix++) {
                            for (int i = 0; i < g.kh; i++) {
                                for (int j = 0; j < g.kw; j++) {
                                    int oy = iy * g.sh - g.ph + i * g.dh, ox = ix * g.sw - g.pw + j * g.dw;
                                    if (oy >= 0 && oy < oh && ox >= 0 && ox < ow) {
                                        y[((n * g.o + o) * oh + oy) * ow + ox] += (double) w.get(c, o, i, j) * x.get(n, c, iy, ix);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    static void assertClose(double[] expected, Tensor actual, String what) {
        float[] a = actual.toArray();
        assertEquals(expected.length, a.length, what);
        for (int i = 0; i < a.length; i++) {
            assertEquals(expected[i], a[i], 1e-4 * (1 + Math.abs(expected[i])), what + " element " + i);
        }
    }

    @Test
    void forwardMatchesDirectLoopsOnRandomGeometries() {
        RandomSource r = new RandomSource(77);
        for (int k = 0; k < 40; k++) {
            Geometry g = Geometry.random(r, false);
            // larger batches too, so images are grouped several to a product and spread over threads
            g = new Geometry(1 + r.nextInt(9), g.c, g.o + r.nextInt(4), g.h, g.w, g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.dh, g.dw, 0, 0);
            Tensor x = uniform(r, 1, g.n, g.c, g.h, g.w), w = uniform(r, 1, g.o, g.c, g.kh, g.kw), b = uniform(r, 1, g.o);
            assertClose(directConv(g, x, w, k % 2 == 0 ? b : null),
                    Convolution.conv2d(x, w, k % 2 == 0 ? b : null, g.stride(), g.padding(), g.dilation()), "conv2d " + g);
        }
        for (int k = 0; k < 40; k++) {
            Geometry g = Geometry.random(r, true);
            g = new Geometry(1 + r.nextInt(9), g.c, g.o + r.nextInt(4), g.h, g.w, g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.dh, g.dw, g.oph, g.opw);
            Tensor x = uniform(r, 1, g.n, g.c, g.h, g.w), w = uniform(r, 1, g.c, g.o, g.kh, g.kw), b = uniform(r, 1, g.o);
            assertClose(directTransposed(g, x, w, k % 2 == 0 ? b : null),
                    Convolution.convTranspose2d(x, w, k % 2 == 0 ? b : null, g.stride(), g.padding(), g.outputPadding(), g.dilation()),
                    "convTranspose2d " + g);
        }
    }

    @Test
    void largeBatchGroupsImagesLikeOneAtATime() {
        // The VAE's second encoder layer on 9 images: several images share a product; compare with image by image.
        RandomSource r = new RandomSource(5);
        Tensor x = uniform(r, 1, 9, 32, 14, 14), w = uniform(r, 0.1f, 64, 32, 4, 4), b = uniform(r, 0.1f, 64);
        int[] two = {2, 2}, one = {1, 1};
        Tensor y = Convolution.conv2d(x, w, b, two, one, one);
        Tensor xt = Convolution.convTranspose2d(y, w, b.slice(0, 0, 32), two, one, new int[] {0, 0}, one);
        for (int n = 0; n < 9; n++) {
            Tensor xn = x.slice(0, n, n + 1);
            assertArrayEquals(Convolution.conv2d(xn, w, b, two, one, one).toArray(), y.slice(0, n, n + 1).toArray(), 1e-4f);
            assertArrayEquals(Convolution.convTranspose2d(y.slice(0, n, n + 1), w, b.slice(0, 0, 32), two, one, new int[] {0, 0}, one)
                    .toArray(), xt.slice(0, n, n + 1).toArray(), 1e-4f);
        }
    }

    @Test
    void transposedBackwardComputesBothGradientsInOnePassWithTheSameBits() {
        RandomSource r = new RandomSource(9);
        int[] two = {2, 2}, one = {1, 1};
        Tensor y = uniform(r, 1, 5, 6, 4, 4).requiresGrad(true);
        Tensor w = uniform(r, 1, 6, 3, 4, 4).requiresGrad(true);
        Tensor x = Convolution.convTranspose2d(y, w, null, two, one, new int[] {0, 0}, one);
        Tensor seed = uniform(r, 1, x.shape());
        Tensor[] both = Autograd.grad(x, seed, new Tensor[] {y, w}, false);
        ConvGeometry g = new ConvGeometry(5, 3, 8, 8, 6, 4, 4, 4, 4, 2, 2, 1, 1, 1, 1);
        assertArrayEquals(Convolution.convolve(g, seed, w, null).toArray(), both[0].toArray(), 0f);
        assertArrayEquals(Convolution.kernelGradient(g, seed, y).toArray(), both[1].toArray(), 0f);
        // with the weight frozen, the input gradient alone
        Tensor frozen = w.detach();
        Tensor x2 = Convolution.convTranspose2d(y, frozen, null, two, one, new int[] {0, 0}, one);
        assertArrayEquals(both[0].toArray(), Autograd.grad(x2, seed, new Tensor[] {y}, false)[0].toArray(), 0f);
    }
}
