package org.latent4j.models.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StepScoresTest {
    /**
     * Windows of 3 steps starting at 10, 11 and 13: step 10 is in window 0 only, step 12 in windows 0 and 1, step 13
     * in windows 1 and 2, step 15 in window 2 only.
     */
    @Test
    void averagesOverTheWindowsCoveringEachStep() {
        double[] perStep = {
            1, 2, 3,     // window 0: steps 10, 11, 12
            10, 20, 30,  // window 1: steps 11, 12, 13
            100, 200, 300 // window 2: steps 13, 14, 15
        };
        StepScores s = StepScores.aggregate(perStep, new int[] {10, 11, 13}, 3);
        assertEquals(10, s.from());
        assertEquals(16, s.to());
        assertArrayEquals(new double[] {1, (2 + 10) / 2.0, (3 + 20) / 2.0, (30 + 100) / 2.0, 200, 300}, s.score(), 1e-12);
        assertArrayEquals(new int[] {1, 2, 2, 2, 1, 1}, s.coverage());
    }

    @Test
    void refusesGapsMismatchesAndNonFiniteScores() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StepScores.aggregate(new double[4], new int[] {0, 3}, 2))
                .getMessage().contains("step 2 lies in no window"));
        assertThrows(IllegalArgumentException.class, () -> StepScores.aggregate(new double[5], new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> StepScores.aggregate(new double[4], new int[] {1, 1}, 2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StepScores.aggregate(
                new double[] {0, Double.POSITIVE_INFINITY}, new int[] {0}, 2)).getMessage().contains("window 0, step 1"));
    }
}
