package org.latent4j.blas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latent4j.random.RandomSource;
import org.latent4j.runtime.Threads;

/**
 * Native products cut into row or column blocks over latent4j's threads equal the same product in one
 * OpenBLAS call, for every transpose combination, with offsets and padded leading dimensions.
 */
class NativeSplitTest {

    @ParameterizedTest(name = "{0}x{2}x{1} transA={3} transB={4}")
    @CsvSource({
            "300, 70, 90, false, false", "300, 70, 90, true, false", "300, 70, 90, false, true", "300, 70, 90, true, true",
            "40, 500, 60, false, false", "40, 500, 60, true, false", "40, 500, 60, false, true", "40, 500, 60, true, true",
            "128, 400, 784, false, true", "784, 400, 128, true, false"})
    void splitEqualsOneCall(int m, int n, int k, boolean ta, boolean tb) {
        assumeTrue(Backend.NATIVE.available(), "native BLAS not installed");
        RandomSource rng = new RandomSource(m * 31L + n);
        int lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 5, ldc = n + 2;
        int aOff = 7, bOff = 11, cOff = 13;
        float[] a = new float[aOff + (ta ? k : m) * lda];
        float[] b = new float[bOff + (tb ? n : k) * ldb];
        float[] c0 = new float[cOff + m * ldc];
        rng.fillNormal(a, 0, a.length, 0, 1);
        rng.fillNormal(b, 0, b.length, 0, 1);
        rng.fillNormal(c0, 0, c0.length, 0, 1);
        assertEquals(true, NativeSplit.chunks(m, n, k) > 1 || Threads.count() == 1);

        float[] whole = c0.clone();
        int before = Threads.count();
        try {
            Threads.set(1);
            Backend.NATIVE.sgemm(ta, tb, m, n, k, 0.5f, a, aOff, lda, b, bOff, ldb, 0.25f, whole, cOff, ldc);
            float[] split = c0.clone();
            Threads.set(3);
            Backend.NATIVE.sgemm(ta, tb, m, n, k, 0.5f, a, aOff, lda, b, bOff, ldb, 0.25f, split, cOff, ldc);
            assertArrayEquals(whole, split, 1e-4f);

            double[] ad = toDouble(a), bd = toDouble(b), cd0 = toDouble(c0);
            double[] wholeD = cd0.clone();
            Threads.set(1);
            Backend.NATIVE.dgemm(ta, tb, m, n, k, 0.5, ad, aOff, lda, bd, bOff, ldb, 0.25, wholeD, cOff, ldc);
            double[] splitD = cd0.clone();
            Threads.set(3);
            Backend.NATIVE.dgemm(ta, tb, m, n, k, 0.5, ad, aOff, lda, bd, bOff, ldb, 0.25, splitD, cOff, ldc);
            assertArrayEquals(wholeD, splitD, 1e-10);
        } finally {
            Threads.set(before);
        }
        // the padding of C between and around the rows is never written
        assertEquals(c0[0], whole[0]);
        assertEquals(c0[cOff + n], whole[cOff + n]);
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        Arrays.setAll(d, i -> x[i]);
        return d;
    }
}
