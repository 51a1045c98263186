package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Mixtures2dTest {

    @Test
    void theSameSeedGivesTheSamePointsAndAnotherSeedOthers() {
        Splits a = Mixtures2d.load("ring8", 500, 3), b = Mixtures2d.load("ring8", 500, 3), c = Mixtures2d.load("ring8", 500, 4);
        assertArrayEquals(a.train().x(), b.train().x());
        assertArrayEquals(a.test().x(), b.test().x());
        assertFalse(java.util.Arrays.equals(a.train().x(), c.train().x()));
        assertEquals(Mixtures2d.TEST_ROWS, a.test().rows());
    }

    @Test
    void everyPointLiesNearTheModeItsLabelNamesWithTheStatedSpread() {
        for (String name : new String[] {"ring8", "grid25"}) {
            Dataset d = Mixtures2d.load(name, 20_000, 1).train();
            double[][] means = Mixtures2d.means(name);
            double std = Mixtures2d.std(name);
            double sq = 0;
            int[] counts = new int[means.length];
            for (int i = 0; i < d.rows(); i++) {
                double[] m = means[d.labels()[i]];
                double dx = d.x()[2 * i] - m[0], dy = d.x()[2 * i + 1] - m[1];
                assertTrue(Math.hypot(dx, dy) < 6 * std, name + " point " + i);
                sq += dx * dx + dy * dy;
                counts[d.labels()[i]]++;
            }
            // each coordinate has variance σ², so the mean squared distance is 2σ² (±3 % at 20,000 points)
            assertEquals(2 * std * std, sq / d.rows(), 0.03 * 2 * std * std, name);
            for (int k : counts) {
                assertEquals((double) d.rows() / means.length, k, 0.15 * d.rows() / means.length, name);
            }
        }
    }

    @Test
    void theSwissRollSpiralsOutFromNearTheCentreWithoutLabels() {
        Dataset d = Mixtures2d.load("swissroll", 5000, 1).train();
        assertNull(d.labels());
        assertNull(Mixtures2d.means("swissroll"));
        double max = 0;
        for (int i = 0; i < d.rows(); i++) {
            max = Math.max(max, Math.hypot(d.x()[2 * i], d.x()[2 * i + 1]));
        }
        // t ≤ 4.5π: radius at most 4.5π/7.5 ≈ 1.88, plus noise
        assertTrue(max > 1.6 && max < 2.3, "max radius " + max);
    }

    @Test
    void specsParseWithRowsAndSeedAndRefuseBadValues() {
        DataSpec s = DataSpec.parse("grid25?rows=1000&seed=7");
        assertEquals(new DataSpec.Toy2d("grid25", 1000, 7), s);
        assertEquals(new DataSpec.Toy2d("ring8", Mixtures2d.DEFAULT_ROWS, 1), DataSpec.parse("ring8"));
        var e = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("ring8?rows=0"));
        assertTrue(e.getMessage().contains("rows must be an integer in [1, 10000000], got '0'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("ring8?size=3"));
        assertThrows(IllegalArgumentException.class, () -> Mixtures2d.load("ring9", 10, 1));
    }
}
