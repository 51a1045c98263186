package org.latent4j.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SinesTest {
    @Test
    void sameSeedSameWindowsOtherSeedOthers() {
        assertArrayEquals(new Sines(50, 24, 5, 1, 0.2).generate(), new Sines(50, 24, 5, 1, 0.2).generate());
        assertFalse(Arrays.equals(new Sines(50, 24, 5, 1, 0.2).generate(), new Sines(50, 24, 5, 2, 0.2).generate()));
    }

    /** Every feature of every window is (sin(ω t + φ) + 1) / 2 with ω and φ in [0, 0.1): recover them and check each step. */
    @Test
    void everyFeatureIsASineWithFrequencyAndPhaseInRange() {
        int n = 200, steps = 24, features = 3;
        float[] x = new Sines(n, steps, features, 7, 0).generate();
        double minOmega = 1, maxOmega = 0;
        for (int w = 0; w < n; w++) {
            for (int k = 0; k < features; k++) {
                double phase = Math.asin(2 * x[(w * steps) * features + k] - 1);
                double omega = Math.asin(2 * x[(w * steps + 1) * features + k] - 1) - phase;
                assertTrue(phase >= -1e-6 && phase < 0.1 + 1e-6, "phase " + phase);
                assertTrue(omega >= -1e-5 && omega < 0.1 + 1e-5, "omega " + omega);
                minOmega = Math.min(minOmega, omega);
                maxOmega = Math.max(maxOmega, omega);
                for (int t = 0; t < steps; t++) {
                    float v = x[(w * steps + t) * features + k];
                    assertTrue(v >= 0 && v <= 1);
                    assertEquals((Math.sin(omega * t + phase) + 1) / 2, v, 2e-4, "window " + w + " feature " + k + " step " + t);
                }
            }
        }
        assertTrue(minOmega < 0.01 && maxOmega > 0.09, "frequencies spread over [0, 0.1): " + minOmega + ".." + maxOmega);
    }

    @Test
    void splitsTheLastWindowsOffForTest() {
        SequenceData d = new Sines(10, 4, 2, 3, 0.2).load();
        assertEquals(8, d.splits().train().rows());
        assertEquals(2, d.splits().test().rows());
        assertEquals(new SequenceShape(4, 2), d.shape());
        float[] all = new Sines(10, 4, 2, 3, 0.2).generate();
        assertArrayEquals(Arrays.copyOfRange(all, 8 * 8, 9 * 8), d.splits().test().row(0));
        assertEquals(SeriesScaler.Kind.NONE, d.scaler().kind());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sines(1, 4, 2, 3, 0.6)).getMessage()
                .contains("leaves no training window"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sines(100000, 1000, 100, 3, 0.2)).getMessage()
                .contains("more than"));
    }
}
