package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResampleAxisTest {
    /** The weights of output pixel j as a dense row over the n source pixels. */
    private static double[] dense(ResampleAxis a, int j, int n) {
        double[] row = new double[n];
        for (int k = 0; k < a.count[j]; k++) {
            row[a.start[j] + k] = a.weights[a.offset[j] + k];
        }
        return row;
    }

    @Test
    void areaWeightsAreTheCoveredFractions() {
        ResampleAxis a = ResampleAxis.of(3, 2);
        // output 0 covers [0, 1.5): all of pixel 0 and half of pixel 1, over a width of 1.5
        assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0, 0}, dense(a, 0, 3), 1e-15);
        assertArrayEquals(new double[] {0, 1 / 3.0, 2 / 3.0}, dense(a, 1, 3), 1e-15);
        ResampleAxis half = ResampleAxis.of(4, 2);
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0}, dense(half, 0, 4), 0);
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5}, dense(half, 1, 4), 0);
    }

    @Test
    void bilinearUsesHalfPixelCentresAndClampsTheEdges() {
        ResampleAxis b = ResampleAxis.of(2, 5);
        // centres at (j + 0.5)·2/5 − 0.5 = -0.3, 0.1, 0.5, 0.9, 1.3
        assertArrayEquals(new double[] {1, 0}, dense(b, 0, 2), 1e-15);
        assertArrayEquals(new double[] {0.9, 0.1}, dense(b, 1, 2), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, dense(b, 2, 2), 1e-12);
        assertArrayEquals(new double[] {0.1, 0.9}, dense(b, 3, 2), 1e-12);
        assertArrayEquals(new double[] {0, 1}, dense(b, 4, 2), 1e-15);
        ResampleAxis same = ResampleAxis.of(3, 3);
        for (int j = 0; j < 3; j++) {
            assertEquals(1, same.count[j]);
            assertEquals(j, same.start[j]);
        }
    }

    @Test
    void everyOutputPixelIsAConvexCombinationOfNeighbouringSourcePixels() {
        for (int n = 1; n <= 40; n++) {
            for (int m = 1; m <= 40; m++) {
                ResampleAxis a = ResampleAxis.of(n, m);
                double[] mass = new double[n];
                for (int j = 0; j < m; j++) {
                    double sum = 0;
                    for (int k = 0; k < a.count[j]; k++) {
                        double w = a.weights[a.offset[j] + k];
                        assertTrue(w > 0 && w <= 1, n + "->" + m + " weight " + w);
                        sum += w;
                        mass[a.start[j] + k] += w;
                    }
                    assertEquals(1, sum, 1e-12, n + "->" + m + " output " + j);
                    assertTrue(a.start[j] >= 0 && a.end(j) <= n);
                    assertTrue(j == 0 || a.start[j] >= a.start[j - 1] && a.end(j) >= a.end(j - 1), "windows move forward");
                }
                if (m < n) {
                    // area averaging uses every source pixel with the same total weight m/n: nothing skipped
                    for (double w : mass) {
                        assertEquals((double) m / n, w, 1e-12, n + "->" + m);
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ResampleAxis.of(0, 2));
    }
}
