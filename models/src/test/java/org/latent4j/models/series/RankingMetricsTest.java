package org.latent4j.models.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    @Test
    void perfectAndReversedRankings() {
        double[] s = {0.1, 0.9, 0.2, 0.8, 0.3};
        boolean[] y = {false, true, false, true, false};
        assertEquals(1.0, RankingMetrics.rocAuc(s, y));
        assertEquals(1.0, RankingMetrics.precisionAtPositives(s, y));
        double[] reversed = {0.9, 0.1, 0.8, 0.2, 0.7};
        assertEquals(0.0, RankingMetrics.rocAuc(reversed, y));
        assertEquals(0.0, RankingMetrics.precisionAtPositives(reversed, y));
    }

    /**
     * Scores 0.9 (+), 0.5 (-), 0.5 (+), 0.1 (-): of the 4 positive-negative pairs, 3 are ordered right and one tied,
     * so AUC = 3.5 / 4; the top 2 are the 0.9 positive and one of the two tied 0.5s, a positive half the time:
     * precision (1 + 0.5) / 2.
     */
    @Test
    void tiesByHand() {
        double[] s = {0.9, 0.5, 0.5, 0.1};
        boolean[] y = {true, false, true, false};
        assertEquals(0.875, RankingMetrics.rocAuc(s, y), 1e-15);
        assertEquals(0.75, RankingMetrics.precisionAtPositives(s, y), 1e-15);
        double[] flat = {1, 1, 1, 1, 1};
        boolean[] one = {false, false, true, false, false};
        assertEquals(0.5, RankingMetrics.rocAuc(flat, one), 1e-15);
        assertEquals(0.2, RankingMetrics.precisionAtPositives(flat, one), 1e-15);
    }

    /** Against the definition, pair by pair, on scores with many ties. */
    @Test
    void aucEqualsThePairCountOnRandomTiedScores() {
        org.latent4j.random.RandomSource rng = new org.latent4j.random.RandomSource(3);
        double[] s = new double[200];
        boolean[] y = new boolean[200];
        for (int i = 0; i < s.length; i++) {
            s[i] = rng.nextInt(7);
            y[i] = rng.nextDouble() < 0.3 + 0.05 * s[i];
        }
        double pairs = 0, wins = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (y[i] && !y[j]) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        assertEquals(wins / pairs, RankingMetrics.rocAuc(s, y), 1e-12);
    }

    @Test
    void refusesOneClassNaNAndMismatchedLengths() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RankingMetrics.rocAuc(new double[] {1, 2},
                new boolean[] {true, true})).getMessage().contains("both positive and negative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RankingMetrics.rocAuc(new double[] {1, Double.NaN},
                new boolean[] {true, false})).getMessage().contains("score 1 is NaN"));
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.precisionAtPositives(new double[] {1},
                new boolean[] {true, false}));
    }
}
