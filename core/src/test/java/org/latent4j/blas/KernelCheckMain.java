package org.latent4j.blas;

import java.util.SplittableRandom;
import org.latent4j.runtime.Threads;

/**
 * Runs the Vector API kernels on random products and checks them against a double-precision
 * reference; exits 1 on the first wrong element. {@link NarrowVectorKernelTest} starts it in a JVM
 * limited to 256-bit vectors, so the four-row kernel used on such hardware is tested too.
 */
final class KernelCheckMain {
    private KernelCheckMain() {}

    public static void main(String[] args) {
        System.out.println("MR=" + FloatGemm.MR + " NR=" + FloatGemm.NR + " dMR=" + DoubleGemm.MR + " dNR=" + DoubleGemm.NR);
        int[][] shapes = {{1, 1, 1}, {5, 7, 3}, {9, 17, 33}, {33, 70, 300}, {130, 20, 50}, {64, 5, 260}, {110, 100, 100}, {1, 70, 40}, {50, 2, 30}};
        SplittableRandom r = new SplittableRandom(3);
        int checked = 0;
        for (int threads : new int[] {1, 2}) {
            Threads.set(threads);
            for (int[] s : shapes) {
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                    float alpha = r.nextBoolean() ? 1f : -0.5f;
                    float beta = new float[] {0f, 1f, 0.25f}[r.nextInt(3)];
                    if (!check(s[0], s[1], s[2], ta, tb, alpha, beta, r)) {
                        System.exit(1);
                    }
                    checked++;
                }
            }
        }
        System.out.println("checked " + checked + " products");
    }

    private static boolean check(int m, int n, int k, boolean ta, boolean tb, float alpha, float beta, SplittableRandom r) {
        int lda = (ta ? m : k) + 1, ldb = (tb ? k : n) + 2, ldc = n + 1;
        double[] a = r.doubles((long) (ta ? k : m) * lda, -1, 1).toArray();
        double[] b = r.doubles((long) (tb ? n : k) * ldb, -1, 1).toArray();
        double[] c0 = r.doubles((long) m * ldc, -1, 1).toArray();
        float[] af = toFloat(a), bf = toFloat(b), cf = toFloat(c0);
        double[] cd = c0.clone();
        FloatGemm.gemm(ta, tb, m, n, k, alpha, af, 0, lda, bf, 0, ldb, beta, cf, 0, ldc);
        DoubleGemm.gemm(ta, tb, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, cd, 0, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exactF = 0, exactD = 0, abs = 0;
                for (int p = 0; p < k; p++) {
                    int ai = ta ? p * lda + i : i * lda + p;
                    int bi = tb ? j * ldb + p : p * ldb + j;
                    exactF += (double) af[ai] * bf[bi];
                    exactD += a[ai] * b[bi];
                    abs += Math.abs(a[ai] * b[bi]);
                }
                int ci = i * ldc + j;
                double scale = Math.abs(alpha) * abs + Math.abs(beta * c0[ci]);
                double wantF = alpha * exactF + (beta == 0f ? 0 : beta * (double) (float) c0[ci]);
                double wantD = alpha * exactD + (beta == 0f ? 0 : beta * c0[ci]);
                if (!(Math.abs(cf[ci] - wantF) <= (k + 3) * 0x1p-24 * 1.1 * scale + 1e-30)
                        || !(Math.abs(cd[ci] - wantD) <= (k + 3) * 0x1p-53 * 2.2 * scale + 1e-300)) {
                    System.out.println("wrong: " + m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + " at " + i + "," + j
                            + ": float " + cf[ci] + " vs " + wantF + ", double " + cd[ci] + " vs " + wantD);
                    return false;
                }
            }
        }
        return true;
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
