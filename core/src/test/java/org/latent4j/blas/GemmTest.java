package org.latent4j.blas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latent4j.runtime.Threads;

/**
 * Both GEMM backends against a naive triple loop in double precision, over shapes that cross every
 * blocking boundary of the Java kernel, all transpose combinations, offsets, padded strides and
 * the alpha/beta special cases.
 */
class GemmTest {
    private static final double FLOAT_EPS = 0x1p-24;
    private static final double DOUBLE_EPS = 0x1p-53;

    /** One product to try: shape, layout and scalars. */
    record Case(int m, int n, int k, boolean transA, boolean transB, int pad, int off, float alpha, float beta) {
        @Override
        public String toString() {
            return m + "x" + n + "x" + k + (transA ? " At" : "") + (transB ? " Bt" : "") + " pad=" + pad + " off=" + off
                    + " alpha=" + alpha + " beta=" + beta;
        }
    }

    static Stream<Case> cases() {
        int[][] shapes = {
                {1, 1, 1}, {1, 1, 7}, {3, 5, 0}, {0, 4, 3}, {4, 0, 3}, {1, 37, 5}, {37, 1, 5}, {2, 3, 4},
                {7, 33, 9}, {8, 32, 16}, {9, 31, 17}, {17, 65, 3}, {16, 48, 1}, {13, 20, 400},
                {130, 40, 260}, {40, 1030, 5}, {129, 33, 513},
                // Narrow C, which the kernel computes as its transpose.
                {100, 20, 50}, {70, 1, 9}, {300, 24, 40}, {64, 12, 33}, {33, 5, 300},
                // One or two rows or columns: the row path.
                {1, 300, 70}, {2, 45, 130}, {300, 1, 70}, {40, 2, 333}, {1, 1, 5000},
                // Around whole vectors and panels (a last panel one vector wide, or partly filled), m not
                // a multiple of the tile's rows.
                {13, 47, 30}, {21, 48, 30}, {27, 49, 30}, {11, 95, 19}, {30, 97, 19}, {131, 400, 70},
                // Whole panels packed by transposes in registers (A not transposed, B transposed), sixteen steps
                // at a time: depths that are a multiple of 16, have a tail, or are too shallow for one block.
                {64, 64, 32}, {40, 96, 300}, {16, 32, 15}, {24, 64, 17},
        };
        SplittableRandom r = new SplittableRandom(7);
        float[] alphas = {1f, -0.75f, 0f};
        float[] betas = {0f, 1f, 0.5f};
        List<Case> out = new ArrayList<>();
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                int pad = r.nextInt(3);
                int off = r.nextInt(4);
                out.add(new Case(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, pad, off,
                        alphas[r.nextInt(alphas.length)], betas[r.nextInt(betas.length)]));
            }
        }
        return out.stream();
    }

    /** Operands of one case, laid out with padding around and between rows. */
    private record Operands(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        static Operands of(Case t, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int aRows = t.transA() ? t.k() : t.m(), aCols = t.transA() ? t.m() : t.k();
            int bRows = t.transB() ? t.n() : t.k(), bCols = t.transB() ? t.k() : t.n();
            int lda = Math.max(1, aCols + t.pad()), ldb = Math.max(1, bCols + t.pad()), ldc = Math.max(1, t.n() + t.pad());
            return new Operands(fill(r, t.off() + aRows * lda + t.pad()), t.off(), lda,
                    fill(r, t.off() + bRows * ldb + t.pad()), t.off(), ldb,
                    fill(r, t.off() + t.m() * ldc + t.pad()), t.off(), ldc);
        }

        Operands copy() {
            return new Operands(a, aOff, lda, b, bOff, ldb, c.clone(), cOff, ldc);
        }
    }

    private static float[] fill(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    @ParameterizedTest(name = "java {0}")
    @MethodSource("cases")
    void javaMatchesReference(Case t) {
        Operands o = Operands.of(t, t.hashCode());
        Operands got = o.copy();
        run(Backend.JAVA, t, got);
        checkAgainstReference(t, o, got.c());
    }

    @ParameterizedTest(name = "vector kernel {0}")
    @MethodSource("cases")
    void vectorKernelMatchesReference(Case t) {
        // Straight to the packed kernel, also for the tiny shapes the Java path sends to plain loops.
        Operands o = Operands.of(t, t.hashCode());
        Operands got = o.copy();
        FloatGemm.gemm(t.transA(), t.transB(), t.m(), t.n(), t.k(), t.alpha(), got.a(), got.aOff(), got.lda(),
                got.b(), got.bOff(), got.ldb(), t.beta(), got.c(), got.cOff(), got.ldc());
        checkAgainstReference(t, o, got.c());
    }

    @Test
    void alphaZeroDoesNotReadAOrB() {
        for (Backend backend : Backend.values()) {
            if (!backend.available()) {
                continue;
            }
            float[] nan = new float[400];
            java.util.Arrays.fill(nan, Float.NaN);
            float[] c = new float[100];
            java.util.Arrays.fill(c, 2f);
            backend.sgemm(false, true, 10, 10, 40, 0f, nan, 0, 40, nan, 0, 40, 0.5f, c, 0, 10);
            for (float v : c) {
                assertEquals(1f, v, backend.label());
            }
        }
    }

    @ParameterizedTest(name = "native {0}")
    @MethodSource("cases")
    void nativeMatchesReference(Case t) {
        assumeTrue(Backend.NATIVE.available(), "native BLAS not installed");
        Operands o = Operands.of(t, t.hashCode());
        Operands got = o.copy();
        run(Backend.NATIVE, t, got);
        checkAgainstReference(t, o, got.c());
    }

    @ParameterizedTest(name = "java vs native {0}")
    @MethodSource("cases")
    void javaAndNativeAgree(Case t) {
        assumeTrue(Backend.NATIVE.available(), "native BLAS not installed");
        Operands o = Operands.of(t, t.hashCode());
        Operands j = o.copy();
        Operands nat = o.copy();
        run(Backend.JAVA, t, j);
        run(Backend.NATIVE, t, nat);
        double[] bound = errorBounds(t, o);
        for (int i = 0; i < j.c().length; i++) {
            // Each is within the bound of the exact result, so they are within twice of each other.
            assertTrue(Math.abs(j.c()[i] - nat.c()[i]) <= 2 * bound[i], () -> t + ": java and native differ");
        }
    }

    private static void run(Backend backend, Case t, Operands o) {
        backend.sgemm(t.transA(), t.transB(), t.m(), t.n(), t.k(), t.alpha(), o.a(), o.aOff(), o.lda(),
                o.b(), o.bOff(), o.ldb(), t.beta(), o.c(), o.cOff(), o.ldc());
    }

    /** The exact product in double and, per element of C's array, the float32 rounding-error bound. */
    private static double[] errorBounds(Case t, Operands o) {
        double[] bound = new double[o.c().length];
        for (int i = 0; i < t.m(); i++) {
            for (int j = 0; j < t.n(); j++) {
                double abs = 0;
                for (int p = 0; p < t.k(); p++) {
                    abs += Math.abs((double) a(t, o, i, p) * b(t, o, p, j));
                }
                double cOld = o.c()[o.cOff() + i * o.ldc() + j];
                // Standard bound for a k-term float dot product, plus the roundings of alpha and beta.
                bound[o.cOff() + i * o.ldc() + j] = (t.k() + 3) * FLOAT_EPS * 1.01
                        * (Math.abs(t.alpha()) * abs + Math.abs(t.beta() * cOld)) + Float.MIN_NORMAL;
            }
        }
        return bound;
    }

    private static float a(Case t, Operands o, int i, int p) {
        return t.transA() ? o.a()[o.aOff() + p * o.lda() + i] : o.a()[o.aOff() + i * o.lda() + p];
    }

    private static float b(Case t, Operands o, int p, int j) {
        return t.transB() ? o.b()[o.bOff() + j * o.ldb() + p] : o.b()[o.bOff() + p * o.ldb() + j];
    }

    private static void checkAgainstReference(Case t, Operands before, float[] got) {
        double[] bound = errorBounds(t, before);
        boolean[] inside = new boolean[got.length];
        for (int i = 0; i < t.m(); i++) {
            for (int j = 0; j < t.n(); j++) {
                int idx = before.cOff() + i * before.ldc() + j;
                inside[idx] = true;
                double exact = 0;
                for (int p = 0; p < t.k(); p++) {
                    exact += (double) a(t, before, i, p) * b(t, before, p, j);
                }
                exact = t.alpha() * exact + (t.beta() == 0f ? 0 : t.beta() * (double) before.c()[idx]);
                if (!(Math.abs(got[idx] - exact) <= bound[idx])) {
                    fail(t + ": C[" + i + "][" + j + "] = " + got[idx] + ", expected " + exact + " ± " + bound[idx]);
                }
            }
        }
        for (int i = 0; i < got.length; i++) {
            if (!inside[i] && Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(before.c()[i])) {
                fail(t + ": element " + i + " of C's array lies outside C and was changed");
            }
        }
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        for (Backend backend : Backend.values()) {
            if (!backend.available()) {
                continue;
            }
            float[] a = {1, 2, 3, 4, 5, 6}; // 2×3
            float[] b = {1, 0, 0, 1, 1, 1}; // 3×2
            float[] c = {Float.NaN, Float.NaN, Float.POSITIVE_INFINITY, Float.NaN};
            backend.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
            assertArrayEquals(new float[] {4, 5, 10, 11}, c, backend.label());
            double[] cd = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            backend.dgemm(false, false, 2, 2, 3, 1.0, new double[] {1, 2, 3, 4, 5, 6}, 0, 3,
                    new double[] {1, 0, 0, 1, 1, 1}, 0, 2, 0.0, cd, 0, 2);
            assertArrayEquals(new double[] {4, 5, 10, 11}, cd, backend.label());
        }
    }

    @Test
    void javaResultDoesNotDependOnThreadCount() {
        // Column splits cut in whole vectors (400 columns: 13 and 12 with 512-bit vectors, a one-vector
        // last panel), row splits, narrow C computed as Cᵀ, and every transpose combination.
        List<Case> cases = new ArrayList<>(List.of(new Case(150, 230, 300, false, true, 1, 2, 1f, 0.5f),
                new Case(130, 40, 400, false, true, 0, 1, 1f, 0f), new Case(400, 20, 128, true, false, 1, 0, 1f, 1f)));
        int[][] shapes = {{128, 400, 784}, {127, 97, 260}, {784, 400, 128}, {33, 1100, 70}};
        for (int[] s : shapes) {
            for (int tr = 0; tr < 4; tr++) {
                cases.add(new Case(s[0], s[1], s[2], (tr & 1) != 0, (tr & 2) != 0, tr % 2, tr, 1f, tr == 3 ? 0.5f : 0f));
            }
        }
        int before = Threads.count();
        try {
            for (Case t : cases) {
                Operands o = Operands.of(t, 99);
                Threads.set(1);
                Operands one = o.copy();
                run(Backend.JAVA, t, one);
                for (int threads : new int[] {2, 3}) {
                    Threads.set(threads);
                    Operands more = o.copy();
                    run(Backend.JAVA, t, more);
                    assertArrayEquals(one.c(), more.c(), t + " on " + threads + " threads");
                }
                checkAgainstReference(t, o, one.c());
            }
        } finally {
            Threads.set(before);
        }
    }

    @Test
    void parallelSplitsAreCorrect() {
        int before = Threads.count();
        try {
            Threads.set(2);
            // Wide (column split) and tall-narrow (row split) products, each above the parallel threshold.
            for (Case t : List.of(new Case(128, 400, 300, false, false, 0, 0, 1f, 0f),
                    new Case(700, 20, 300, true, false, 3, 1, 1f, 1f),
                    new Case(2000, 7, 300, false, true, 0, 0, 1f, 0f),
                    new Case(300, 70, 260, true, true, 2, 0, -1f, 0.5f))) {
                Operands o = Operands.of(t, 5);
                Operands got = o.copy();
                run(Backend.JAVA, t, got);
                checkAgainstReference(t, o, got.c());
            }
        } finally {
            Threads.set(before);
        }
    }

    @ParameterizedTest(name = "dgemm {0}")
    @MethodSource("cases")
    void dgemmMatchesReference(Case t) {
        SplittableRandom r = new SplittableRandom(t.hashCode());
        int aRows = t.transA() ? t.k() : t.m(), aCols = t.transA() ? t.m() : t.k();
        int bRows = t.transB() ? t.n() : t.k(), bCols = t.transB() ? t.k() : t.n();
        int lda = Math.max(1, aCols + t.pad()), ldb = Math.max(1, bCols + t.pad()), ldc = Math.max(1, t.n() + t.pad());
        double[] a = r.doubles(t.off() + aRows * lda, -1, 1).toArray();
        double[] b = r.doubles(t.off() + bRows * ldb, -1, 1).toArray();
        double[] c0 = r.doubles(t.off() + t.m() * ldc, -1, 1).toArray();
        for (String path : List.of("java", "native", "vector kernel")) {
            if (path.equals("native") && !Backend.NATIVE.available()) {
                continue;
            }
            double[] c = c0.clone();
            if (path.equals("vector kernel")) {
                DoubleGemm.gemm(t.transA(), t.transB(), t.m(), t.n(), t.k(), t.alpha(), a, t.off(), lda, b, t.off(), ldb,
                        t.beta(), c, t.off(), ldc);
            } else {
                Backend.parse(path).dgemm(t.transA(), t.transB(), t.m(), t.n(), t.k(), t.alpha(), a, t.off(), lda,
                        b, t.off(), ldb, t.beta(), c, t.off(), ldc);
            }
            for (int i = 0; i < t.m(); i++) {
                for (int j = 0; j < t.n(); j++) {
                    double exact = 0, abs = 0;
                    for (int p = 0; p < t.k(); p++) {
                        double x = (t.transA() ? a[t.off() + p * lda + i] : a[t.off() + i * lda + p])
                                * (t.transB() ? b[t.off() + j * ldb + p] : b[t.off() + p * ldb + j]);
                        exact += x;
                        abs += Math.abs(x);
                    }
                    int idx = t.off() + i * ldc + j;
                    exact = t.alpha() * exact + (t.beta() == 0f ? 0 : t.beta() * c0[idx]);
                    double bound = (t.k() + 3) * DOUBLE_EPS * 2.02 * (Math.abs(t.alpha()) * abs + Math.abs(t.beta() * c0[idx]))
                            + Double.MIN_NORMAL;
                    assertTrue(Math.abs(c[idx] - exact) <= bound, path + " " + t + " at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void badArgumentsAreNamed() {
        float[] x = new float[6];
        var e = assertThrows(IllegalArgumentException.class,
                () -> Blas.sgemm(false, false, 2, 3, 2, 1f, x, 0, 1, x, 0, 3, 0f, x, 0, 3));
        assertTrue(e.getMessage().contains("leading dimension of A"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Blas.sgemm(false, false, 2, 3, 2, 1f, x, 0, 2, x, 0, 3, 0f, x, 1, 3));
        assertTrue(e.getMessage().contains("C stored as 2×3") && e.getMessage().contains("at least 7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Blas.sgemm(true, false, -1, 3, 2, 1f, x, 0, 2, x, 0, 3, 0f, x, 0, 3));
        assertTrue(e.getMessage().contains("m=-1"), e.getMessage());
    }

    @Test
    void backendNamesParse() {
        assertEquals(Backend.JAVA, Backend.parse(" Java "));
        assertEquals(Backend.NATIVE, Backend.parse("native"));
        var e = assertThrows(IllegalArgumentException.class, () -> Backend.parse("gpu"));
        assertTrue(e.getMessage().contains("'gpu'"));
        assertTrue(Blas.backend() == Backend.NATIVE || Blas.backend() == Backend.JAVA);
    }
}
