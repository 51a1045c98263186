package org.latent4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.latent4j.blas.Backend;
import org.latent4j.random.RandomSource;

/** Product outputs handed back and reused: only the recycler's own, once, on its thread, overwritten whole. */
class ArrayRecyclerTest {
    private static final int BIG = ArrayRecycler.MIN_LENGTH;

    private static Tensor random(RandomSource rng, int rows, int cols) {
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return Tensor.of(x, rows, cols);
    }

    @Test
    void aHandedBackProductOutputIsTheNextOnesArray() {
        RandomSource rng = new RandomSource(1);
        Tensor a = random(rng, 64, 32), b = random(rng, 32, 1024); // 64 × 1024 = 65 536 outputs
        try (ArrayRecycler r = ArrayRecycler.open()) {
            Tensor first = a.matmul(b);
            assertTrue(r.recycle(first));
            assertFalse(r.recycle(first), "an array is taken back once, even when two tensors share it");
            assertEquals(1, r.size());
            Tensor second = a.matmul(b);
            assertSame(first.data(), second.data());
            assertEquals(0, r.size());
        }
    }

    @Test
    void productsOverwriteWhatARecycledArrayHeld() {
        RandomSource rng = new RandomSource(2);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Tensor a = random(rng, 128, 96), b = random(rng, 96, 600);
                Tensor aa = ta ? a.transpose(0, 1) : a, bb = tb ? b.transpose(0, 1) : b;
                float[] expected = a.matmul(b).data().clone();
                try (ArrayRecycler r = ArrayRecycler.open()) {
                    Tensor stale = MatMul.matmul(aa, bb, ta, tb);
                    assertTrue(r.recycle(stale));
                    Arrays.fill(stale.data(), Float.NaN); // what the last step left, at its worst
                    Tensor again = MatMul.matmul(aa, bb, ta, tb);
                    assertSame(stale.data(), again.data());
                    assertArrayEquals(expected, again.data(), "transA " + ta + ", transB " + tb);
                }
            }
        }
    }

    @Test
    void everyBackendLeavesNothingOfCWhenBetaIsZero() {
        RandomSource rng = new RandomSource(3);
        int m = 37, n = 300, k = 41;
        float[] a = random(rng, m, k).data(), b = random(rng, k, n).data();
        for (Backend backend : Backend.values()) {
            if (!backend.available()) {
                continue;
            }
            float[] clean = new float[m * n];
            backend.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, clean, 0, n);
            float[] dirty = new float[m * n];
            Arrays.fill(dirty, Float.NaN);
            backend.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, dirty, 0, n);
            assertArrayEquals(clean, dirty, backend.toString());
            float[] empty = new float[m * n];
            Arrays.fill(empty, Float.POSITIVE_INFINITY);
            backend.sgemm(false, false, m, n, 0, 1f, a, 0, 1, b, 0, n, 0f, empty, 0, n);
            assertArrayEquals(new float[m * n], empty, backend + ", empty inner dimension");
        }
    }

    @Test
    void onlyItsOwnLargeOutputsAreTakenBack() {
        RandomSource rng = new RandomSource(4);
        try (ArrayRecycler r = ArrayRecycler.open()) {
            assertFalse(r.recycle(Tensor.zeros(BIG)), "a tensor the recycler did not issue");
            Tensor small = random(rng, 8, 8).matmul(random(rng, 8, 8));
            assertFalse(r.recycle(small), "small outputs are not tracked");
            Tensor big = random(rng, 64, 4).matmul(random(rng, 4, 1024));
            assertTrue(r.recycle(big));
            assertFalse(r.recycle(big.reshape(1024, 64)), "a view shares the array, taken back once");
            assertEquals(1, r.size());
        }
    }

    @Test
    void confinedToItsThreadAndItsScope() throws Exception {
        RandomSource rng = new RandomSource(5);
        Tensor a = random(rng, 64, 4), b = random(rng, 4, 1024);
        ArrayRecycler outer = ArrayRecycler.open();
        try {
            Tensor out = a.matmul(b);
            assertTrue(outer.recycle(out));
            AtomicReference<Object> seen = new AtomicReference<>();
            Thread other = new Thread(() -> {
                seen.set(a.matmul(b).data()); // another thread's products do not see this recycler
                try {
                    outer.recycle(a.matmul(b));
                } catch (IllegalStateException e) {
                    seen.set(e);
                }
            });
            other.start();
            other.join();
            assertTrue(seen.get() instanceof IllegalStateException, String.valueOf(seen.get()));
            try (ArrayRecycler inner = ArrayRecycler.open()) {
                assertNotSame(out.data(), a.matmul(b).data(), "the innermost open recycler serves, and it holds nothing");
                assertEquals(0, inner.size());
            }
            assertSame(out.data(), a.matmul(b).data(), "the outer one serves again once the inner one is closed");
        } finally {
            outer.close();
        }
        Tensor after = a.matmul(b);
        assertThrows(IllegalStateException.class, () -> outer.recycle(after));
        float[] fresh = a.matmul(b).data();
        assertNotSame(after.data(), fresh, "no recycling once closed");
    }
}
