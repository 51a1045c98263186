package org.latent4j.models.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NormalTest {
    @Test
    void cdfMatchesKnownValues() {
        assertEquals(0.5, Normal.cdf(0), 1e-16);
        assertEquals(0.9750021048517795, Normal.cdf(1.96), 1e-15);
        assertEquals(0.15865525393145707, Normal.cdf(-1.0), 1e-15);
        assertEquals(0.0013498980316300946, Normal.upperTail(3.0), 1e-14 * 0.00135);
        assertEquals(0.022750131948179195, Normal.upperTail(2.0), 1e-14 * 0.0228);
        assertEquals(3.1671241833119924e-05, Normal.upperTail(4.0), 1e-14 * 3.2e-5);
        // Far tails keep relative precision.
        assertEquals(7.619853024160527e-24, Normal.upperTail(10.0), 1e-36);
        assertEquals(2.866515718791939e-7, Normal.upperTail(5.0), 1e-20);
        assertEquals(1.0 - 2.866515718791939e-7, Normal.cdf(5.0), 1e-15);
    }

    @Test
    void cdfIsContinuousAcrossTheSwitchBetweenSeriesAndContinuedFraction() {
        double x = 2.0;
        double below = Normal.upperTail(Math.nextDown(x));
        double above = Normal.upperTail(Math.nextUp(x));
        assertEquals(below, above, 1e-14 * below);
    }

    @Test
    void truncatedMomentsMatchNumericalIntegration() {
        double[] mom = new double[3];
        double[][] cases = {{0.3, 1.7, -1.0, 0.5}, {0.0, 0.5, 1.0, 1.2}, {2.0, 1.0, Double.NEGATIVE_INFINITY, 1.0},
                {-1.0, 2.0, 0.0, Double.POSITIVE_INFINITY}};
        for (double[] c : cases) {
            double mu = c[0];
            double s = c[1];
            Normal.truncatedMoments(mu, s, c[2], c[3], mom);
            double lo = Math.max(c[2], mu - 12 * s);
            double hi = Math.min(c[3], mu + 12 * s);
            int steps = 200_000;
            double h = (hi - lo) / steps;
            double z = 0;
            double m1 = 0;
            double m2 = 0;
            for (int i = 0; i <= steps; i++) {
                double x = lo + i * h;
                double wgt = (i == 0 || i == steps) ? 0.5 : 1.0;
                double p = wgt * h * Normal.pdf((x - mu) / s) / s;
                z += p;
                m1 += p * (x - mu);
                m2 += p * (x - mu) * (x - mu);
            }
            assertEquals(z, mom[0], 1e-9);
            assertEquals(m1 / z, mom[1], 1e-8);
            assertEquals(m2 / z, mom[2], 1e-8);
        }
    }

    @Test
    void quantileMatchesKnownValues() {
        // Reference values from Python's statistics.NormalDist.inv_cdf and scipy.special.ndtri.
        assertEquals(0.0, Normal.quantile(0.5), 0.0);
        assertEquals(1.959963984540054, Normal.quantile(0.975), 1e-15);
        assertEquals(-0.5244005127080407, Normal.quantile(0.3), 1e-15);
        assertEquals(-2.0537489106318225, Normal.quantile(0.02), 1e-15);
        assertEquals(-6.361340902404056, Normal.quantile(1e-10), 1e-14);
        assertEquals(-37.0470962993612, Normal.quantile(1e-300), 1e-12);
        assertEquals(7.0344869100478356, Normal.quantile(1 - 1e-12), 1e-9); // 1 - 1e-12 is itself rounded
    }

    @Test
    void quantileInvertsTheCdfAcrossAllThreeApproximationRanges() {
        // central (|p - 1/2| <= 0.425), near tail (r <= 5) and far tail (r > 5, p < 1.4e-11)
        for (int e = -300; e <= -1; e++) {
            for (double m : new double[] {1.0, 2.5, 7.3}) {
                double p = m * Math.pow(10, e);
                if (p >= 0.5) {
                    continue;
                }
                double x = Normal.quantile(p);
                assertEquals(p, Normal.cdf(x), 1e-12 * p, "lower tail p=" + p);
            }
        }
        for (int i = 1; i < 1000; i++) {
            double p = i / 1000.0;
            double x = Normal.quantile(p);
            assertEquals(p, Normal.cdf(x), 1e-12 * Math.min(p, 1 - p), "p=" + p);
            assertEquals(x, -Normal.quantile(1 - p), 1e-12, "p=" + p);
        }
        // Φ(x) has full relative precision for x <= 0 and an absolute error of an ulp of 1 above, which
        // Φ⁻¹ magnifies by 1/φ(x): up to x = 3 that stays below 1e-13.
        for (double x = -37; x <= 3; x += 0.0625) {
            assertEquals(x, Normal.quantile(Normal.cdf(x)), 1e-12 * Math.max(1, Math.abs(x)), "x=" + x);
        }
    }

    @Test
    void quantileIsMonotoneAndInfiniteAtTheEnds() {
        assertEquals(Double.NEGATIVE_INFINITY, Normal.quantile(0.0));
        assertEquals(Double.POSITIVE_INFINITY, Normal.quantile(1.0));
        assertTrue(Double.isFinite(Normal.quantile(Double.MIN_VALUE)));
        assertTrue(Normal.quantile(Double.MIN_VALUE) < -38);
        double prev = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < 4096; i++) {
            double x = Normal.quantile(i / 4096.0);
            assertTrue(x > prev, "not increasing at " + i);
            prev = x;
        }
    }

    @Test
    void quantileRejectsWhatIsNotAProbability() {
        for (double bad : new double[] {-1e-300, -0.5, 1.0000000000000002, 2, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Normal.quantile(bad));
            assertTrue(e.getMessage().contains("[0, 1]") && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }
}
