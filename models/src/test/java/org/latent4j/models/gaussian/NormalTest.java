package org.latent4j.models.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
