package org.latent4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.latent4j.blas.Backend;
import org.latent4j.random.RandomSource;

/**
 * Arrays handed back and reused: only the recycler's own, once, on its thread, overwritten whole; a step's
 * arrays together. The suites run with {@value ArrayRecycler#POISON_PROPERTY} set, so a handed-back array
 * is NaN until an op overwrites it.
 */
class ArrayRecyclerTest {
    private static final int BIG = ArrayRecycler.MIN_LENGTH;

    private static Tensor random(RandomSource rng, int rows, int cols) {
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return Tensor.of(x, rows, cols);
    }

    /** How many steps after its own an array is reused: the next, or with the poison on the one after. */
    private static final int LAG = Boolean.getBoolean(ArrayRecycler.POISON_PROPERTY) ? 2 : 1;

    @Test
    void aStepsProductOutputIsALaterStepsArray() {
        RandomSource rng = new RandomSource(1);
        Tensor a = random(rng, 64, 32), b = random(rng, 32, 1024); // 64 × 1024 = 65 536 outputs
        try (ArrayRecycler r = ArrayRecycler.open()) {
            r.beginStep();
            Tensor first = a.matmul(b);
            assertEquals(1, r.endStep());
            assertEquals(1, r.size());
            for (int later = 1; later < LAG; later++) {
                r.beginStep();
                assertNotSame(first.data(), a.matmul(b).data(), "the poison keeps a step's arrays out of the next");
                r.endStep();
            }
            r.beginStep();
            Tensor again = a.matmul(b);
            assertSame(first.data(), again.data());
            r.endStep();
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
                    r.beginStep();
                    Tensor stale = MatMul.matmul(aa, bb, ta, tb);
                    r.endStep();
                    Arrays.fill(stale.data(), Float.NaN); // what the last step left, at its worst
                    for (int later = 1; later <= LAG; later++) {
                        r.beginStep();
                        Tensor again = MatMul.matmul(aa, bb, ta, tb);
                        if (later == LAG) { // read in its step: once it ends, the poison may fill it
                            assertSame(stale.data(), again.data());
                            assertArrayEquals(expected, again.data(), "transA " + ta + ", transB " + tb);
                        }
                        r.endStep();
                    }
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
    void onlyLargeArraysAskedForInAStepOnItsThreadComeBack() throws Exception {
        RandomSource rng = new RandomSource(4);
        Tensor a = random(rng, 64, 4), b = random(rng, 4, 1024);
        try (ArrayRecycler r = ArrayRecycler.open()) {
            assertThrows(IllegalStateException.class, r::endStep, "no step begun");
            Tensor outside = a.matmul(b); // outside a step: a new array, not the recycler's
            r.beginStep();
            Tensor small = random(rng, 8, 8).matmul(random(rng, 8, 8));
            AtomicReference<Object> seen = new AtomicReference<>();
            Thread other = new Thread(() -> {
                a.matmul(b); // another thread's products: new arrays, not the step's
                try {
                    r.endStep();
                } catch (IllegalStateException e) {
                    seen.set(e);
                }
            });
            other.start();
            other.join();
            assertTrue(seen.get() instanceof IllegalStateException, String.valueOf(seen.get()));
            Tensor big = a.matmul(b);
            assertEquals(1, r.endStep(), "only the large product of the step, on its thread");
            assertNotSame(outside.data(), big.data());
            if (LAG == 2) {
                assertTrue(Float.isNaN(big.data()[0]) && Float.isNaN(big.data()[big.numel() - 1]),
                        "with the poison on, a tensor of a step read after it is NaN");
                assertTrue(Float.isFinite(small.data()[0]) && Float.isFinite(outside.data()[0]), "not the recycler's");
            }
        }
    }

    @Test
    void aDroppedStepsArraysStayWithTheirHolders() {
        RandomSource rng = new RandomSource(5);
        Tensor a = random(rng, 64, 4), b = random(rng, 4, 1024);
        float[] expected = a.matmul(b).data().clone();
        try (ArrayRecycler r = ArrayRecycler.open()) {
            r.beginStep();
            Tensor kept = a.matmul(b);
            r.dropStep();
            r.beginStep();
            Tensor failed = a.matmul(b); // a step that failed and was never ended: begun again
            r.beginStep();
            assertEquals(0, r.endStep());
            assertEquals(0, r.size());
            for (int later = 0; later < 3; later++) {
                r.beginStep();
                assertNotSame(kept.data(), a.matmul(b).data());
                r.endStep();
            }
            assertArrayEquals(expected, kept.data());
            assertArrayEquals(expected, failed.data());
        }
    }

    @Test
    void confinedToItsScope() {
        RandomSource rng = new RandomSource(6);
        Tensor a = random(rng, 64, 4), b = random(rng, 4, 1024);
        ArrayRecycler outer = ArrayRecycler.open();
        try {
            outer.beginStep();
            Tensor out = a.matmul(b);
            outer.endStep();
            try (ArrayRecycler inner = ArrayRecycler.open()) {
                inner.beginStep();
                assertNotSame(out.data(), a.matmul(b).data(), "the innermost open recycler serves, and it holds nothing");
                assertEquals(1, inner.endStep());
                assertThrows(IllegalStateException.class, outer::close, "innermost first");
            }
            for (int later = 0; later < LAG; later++) {
                outer.beginStep();
                Tensor t = a.matmul(b);
                outer.endStep();
                if (later == LAG - 1) {
                    assertSame(out.data(), t.data(), "the outer one serves again once the inner one is closed");
                }
            }
        } finally {
            outer.close();
        }
        assertThrows(IllegalStateException.class, outer::beginStep);
        assertNotSame(a.matmul(b).data(), a.matmul(b).data(), "no recycling once closed");
    }

    /** A step of a small network: a linear layer with relu, a linear layer, the Bernoulli loss; its weight gradients. */
    private static float[][] step(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        Tensor h = LinearActivation.apply(x, w1, b1, LinearActivation.Kind.RELU);
        Tensor logits = MatMul.linear(h, w2, b2);
        Tensor targets = x.sigmoid();
        RowLosses.bernoulliNll(logits, targets).sum().backward();
        float[][] out = {logits.data().clone(), w1.grad().data().clone(), b1.grad().data().clone(),
            w2.grad().data().clone(), b2.grad().data().clone()};
        for (Tensor p : new Tensor[] {w1, b1, w2, b2}) {
            p.zeroGrad();
        }
        return out;
    }

    @Test
    void aStepsArraysComeBackTogetherAndTheNextStepComputesTheSameValues() {
        RandomSource rng = new RandomSource(7);
        Tensor x = random(rng, 128, 150); // 19 200 inputs, logits and their gradient: above the threshold
        Tensor w1 = random(rng, 200, 150).requiresGrad(true), b1 = random(rng, 1, 200).reshape(200).requiresGrad(true);
        Tensor w2 = random(rng, 150, 200).requiresGrad(true), b2 = random(rng, 1, 150).reshape(150).requiresGrad(true);
        float[][] fresh = step(x, w1, b1, w2, b2); // no recycler: new arrays
        try (ArrayRecycler r = ArrayRecycler.open()) {
            for (int round = 0; round < 4; round++) { // rounds from LAG on reuse the arrays of earlier ones
                r.beginStep();
                float[][] again = step(x, w1, b1, w2, b2);
                int back = r.endStep();
                // the hidden layer (25 600), the logits, the loss's exponentials and gradient, the masked
                // gradient, and the two weight gradients (30 000 each)
                assertTrue(back >= 7, "arrays that came back: " + back);
                for (int i = 0; i < fresh.length; i++) {
                    assertArrayEquals(fresh[i], again[i], "round " + round + ", value " + i);
                }
            }
        }
    }
}
