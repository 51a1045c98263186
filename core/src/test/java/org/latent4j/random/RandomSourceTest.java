package org.latent4j.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomSourceTest {

    @Test
    void sameSeedSameStream() {
        RandomSource a = new RandomSource(42), b = new RandomSource(42);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
            assertEquals(a.nextGaussian(), b.nextGaussian());
        }
        assertNotEquals(new RandomSource(1).nextLong(), new RandomSource(2).nextLong());
    }

    @Test
    void normalAndUniformMoments() {
        RandomSource r = new RandomSource(3);
        int n = 200_000;
        double s = 0, s2 = 0, u = 0;
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            s += g;
            s2 += g * g;
            u += r.nextDouble();
        }
        assertEquals(0, s / n, 0.01);
        assertEquals(1, s2 / n, 0.01);
        assertEquals(0.5, u / n, 0.005);
    }

    @Test
    void nextIntIsUniformAndBounded() {
        RandomSource r = new RandomSource(4);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[r.nextInt(7)]++;
        }
        for (int c : counts) {
            assertEquals(10_000, c, 400);
        }
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
    }

    @Test
    void splitsAreReproducibleAndDistinct() {
        RandomSource[] a = new RandomSource(5).split(3);
        RandomSource[] b = new RandomSource(5).split(3);
        for (int i = 0; i < 3; i++) {
            assertEquals(a[i].nextLong(), b[i].nextLong());
        }
        assertNotEquals(a[0].nextLong(), a[1].nextLong());
    }

    @Test
    void stateRoundTripResumesExactly() {
        RandomSource r = new RandomSource(6);
        r.nextGaussian(); // leaves a spare normal in the state
        RandomSource copy = RandomSource.fromState(r.state());
        for (int i = 0; i < 10; i++) {
            assertEquals(r.nextGaussian(), copy.nextGaussian());
        }
        assertThrows(IllegalArgumentException.class, () -> RandomSource.fromState(new long[] {1, 2}));
    }

    @Test
    void permutationIsAPermutation() {
        int[] p = new RandomSource(7).permutation(1000);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, sorted[i]);
        }
        assertTrue(!Arrays.equals(p, sorted));
        assertArrayEquals(p, new RandomSource(7).permutation(1000));
    }
}
