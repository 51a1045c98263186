package org.latent4j.models.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnomalyInjectionTest {
    /** 400 steps of two features: f0 alternates -1, +1 (sd 1), f1 alternates 0, 4 (sd 2). */
    static double[] alternating(int steps) {
        double[] v = new double[2 * steps];
        for (int t = 0; t < steps; t++) {
            v[2 * t] = t % 2 == 0 ? -1 : 1;
            v[2 * t + 1] = t % 2 == 0 ? 0 : 4;
        }
        return v;
    }

    /**
     * With σ the standard deviation of the values: f0 alternates -1, +1 (σ 1), f1 alternates 0, 4 (σ 2). With σ that
     * of the step-to-step changes (the default), the 299 changes over the 300 training steps are 150 of +a and 149 of
     * −a (a = 2 and 4): σ = a·sqrt(1 − 1/299²).
     */
    @Test
    void sizesInStepChangesByDefault() {
        AnomalyInjection a = AnomalyInjection.inject(alternating(400), 400, 2, 300, 400, AnomalyInjection.Settings.defaults());
        double shrink = Math.sqrt(1 - 1 / (299.0 * 299.0));
        double[] sd = {2 * shrink, 4 * shrink};
        for (AnomalyInjection.Anomaly x : a.anomalies()) {
            double size = switch (x.kind()) {
                case SPIKE -> 6;
                case LEVEL_SHIFT -> 3;
                case VARIANCE_BURST -> 2;
            };
            assertEquals(size * sd[x.feature()], Math.abs(x.magnitude()), 1e-12);
        }
    }

    /**
     * A trend does not inflate the step-change unit: a ramp with a wiggle has 99 changes over its 100 training steps,
     * 50 of 0.6 and 49 of 0.4, so σ = 0.2·sqrt(p(1 − p)) with p = 50/99, while its values have σ above 10.
     */
    @Test
    void aTrendDoesNotInflateTheStepChangeUnit() {
        double[] ramp = new double[200];
        for (int t = 0; t < 200; t++) {
            ramp[t] = t * 0.5 + (t % 2) * 0.1;
        }
        AnomalyInjection.Settings one = new AnomalyInjection.Settings(1, 0, 0, 1, 6, 1, 1, AnomalyInjection.Unit.STEP_CHANGES, 1);
        double m = Math.abs(AnomalyInjection.inject(ramp, 200, 1, 100, 200, one).anomalies().get(0).magnitude());
        double p = 50 / 99.0;
        assertEquals(6 * 0.2 * Math.sqrt(p * (1 - p)), m, 1e-9);
        double big = Math.abs(AnomalyInjection.inject(ramp, 200, 1, 100, 200,
                one.withUnit(AnomalyInjection.Unit.STANDARD_DEVIATION)).anomalies().get(0).magnitude());
        assertTrue(big > 6 * 10, "σ of the values of a ramp 0..50: " + big / 6);
    }

    @Test
    void labelsExactlyTheChangedStepsInsideThePart() {
        double[] v = alternating(400);
        AnomalyInjection.Settings s = AnomalyInjection.Settings.defaults().withUnit(AnomalyInjection.Unit.STANDARD_DEVIATION);
        AnomalyInjection a = AnomalyInjection.inject(v, 400, 2, 300, 400, s);
        assertEquals(7, a.anomalies().size());
        assertEquals(3 + 4 * 8, a.anomalousSteps());
        for (int t = 0; t < 400; t++) {
            boolean changed = v[2 * t] != a.values()[2 * t] || v[2 * t + 1] != a.values()[2 * t + 1];
            if (t < 300) {
                assertFalse(a.anomalous()[t]);
            }
            if (!a.anomalous()[t]) {
                assertFalse(changed, "step " + t + " changed without a label");
            }
        }
        double[] sd = {1, 2};
        int previousEnd = -2;
        for (AnomalyInjection.Anomaly x : a.anomalies()) {
            assertTrue(x.start() >= 300 && x.start() + x.length() <= 400);
            assertTrue(x.start() > previousEnd, "anomalies touch or overlap: " + a.anomalies());
            previousEnd = x.start() + x.length();
            int f = x.feature();
            switch (x.kind()) {
                case SPIKE -> {
                    assertEquals(1, x.length());
                    assertEquals(6 * sd[f], Math.abs(x.magnitude()), 1e-12);
                    assertEquals(v[2 * x.start() + f] + x.magnitude(), a.values()[2 * x.start() + f], 1e-12);
                }
                case LEVEL_SHIFT -> {
                    assertEquals(3 * sd[f], Math.abs(x.magnitude()), 1e-12);
                    for (int t = x.start(); t < x.start() + 8; t++) {
                        assertEquals(v[2 * t + f] + x.magnitude(), a.values()[2 * t + f], 1e-12);
                        assertEquals(v[2 * t + 1 - f], a.values()[2 * t + 1 - f]); // the other feature untouched
                    }
                }
                case VARIANCE_BURST -> assertEquals(2 * sd[f], x.magnitude(), 1e-12);
            }
        }
        assertArrayEquals(a.values(), AnomalyInjection.inject(v, 400, 2, 300, 400, s).values());
        assertFalse(java.util.Arrays.equals(a.values(), AnomalyInjection.inject(v, 400, 2, 300, 400, s.withSeed(2)).values()));
    }

    @Test
    void refusesAPartWithoutRoom() {
        String m = assertThrows(IllegalArgumentException.class, () -> AnomalyInjection.inject(alternating(100), 100, 2, 80, 100,
                AnomalyInjection.Settings.defaults())).getMessage();
        assertTrue(m.contains("have no room"), m);
        assertThrows(IllegalArgumentException.class, () -> new AnomalyInjection.Settings(0, 0, 0, 8, 1, 1, 1,
                AnomalyInjection.Unit.STEP_CHANGES, 1));
    }
}
