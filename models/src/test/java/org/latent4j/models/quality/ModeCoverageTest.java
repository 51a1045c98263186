package org.latent4j.models.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ModeCoverageTest {
    static final double[][] SQUARE = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};

    @Test
    void evenSamplesOnEveryModeCaptureAllWithZeroReverseKl() {
        ModeCoverage c = new ModeCoverage(SQUARE, 0.1);
        float[] x = new float[8 * 2];
        for (int i = 0; i < 8; i++) {
            x[2 * i] = (float) SQUARE[i % 4][0] + 0.05f;
            x[2 * i + 1] = (float) SQUARE[i % 4][1];
        }
        ModeCoverage.Result r = c.measure(x, 8);
        assertEquals(4, r.captured());
        assertEquals(100.0, r.highQualityPercent(), 1e-12);
        assertEquals(0.0, r.reverseKl(), 1e-12);
        assertArrayEquals(new int[] {2, 2, 2, 2}, r.counts());
    }

    @Test
    void collapseOnOneModeHasReverseKlLogK() {
        ModeCoverage c = new ModeCoverage(SQUARE, 0.1);
        // three on mode 1 (within 3σ), one far from every mode (0.5, 0.5): 0.5·√2/0.1 ≈ 7σ
        float[] x = {1, 0, 1.2f, 0, 1, 0.29f, 0.5f, 0.5f};
        ModeCoverage.Result r = c.measure(x, 4);
        assertEquals(1, r.captured());
        assertEquals(75.0, r.highQualityPercent(), 1e-12);
        assertEquals(Math.log(4), r.reverseKl(), 1e-12);
    }

    @Test
    void theThreeSigmaBoundaryIsExclusive() {
        ModeCoverage c = new ModeCoverage(new double[][] {{0, 0}}, 0.5);
        assertEquals(0.0, c.measure(new float[] {1.5f, 0}, 1).highQualityPercent());
        assertEquals(100.0, c.measure(new float[] {1.49f, 0}, 1).highQualityPercent());
    }

    @Test
    void badInputsAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> new ModeCoverage(new double[0][], 1));
        assertThrows(IllegalArgumentException.class, () -> new ModeCoverage(SQUARE, 0));
        ModeCoverage c = new ModeCoverage(SQUARE, 0.1);
        var e = assertThrows(IllegalArgumentException.class, () -> c.measure(new float[] {Float.NaN, 0}, 1));
        assertEquals("mode coverage: sample 0 is not finite", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.measure(new float[3], 2));
    }
}
