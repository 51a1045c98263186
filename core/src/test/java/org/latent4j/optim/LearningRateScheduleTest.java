package org.latent4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void closedFormsMatchPyTorchSchedulers() {
        LearningRateSchedule step = new LearningRateSchedule.Step(10, 0.5);
        assertEquals(0.1, step.rate(0.1, 0));
        assertEquals(0.1, step.rate(0.1, 9));
        assertEquals(0.05, step.rate(0.1, 10));
        assertEquals(0.025, step.rate(0.1, 29), 1e-15);
        LearningRateSchedule exp = new LearningRateSchedule.Exponential(0.9);
        assertEquals(0.1 * 0.9 * 0.9 * 0.9, exp.rate(0.1, 3), 1e-15);
        LearningRateSchedule cos = new LearningRateSchedule.Cosine(50, 0.001);
        assertEquals(0.1, cos.rate(0.1, 0), 1e-15);
        assertEquals(0.001 + 0.099 / 2, cos.rate(0.1, 25), 1e-15);
        assertEquals(0.001, cos.rate(0.1, 50), 1e-15);
        assertEquals(0.3, new LearningRateSchedule.Constant().rate(0.3, 1000));
    }

    @Test
    void polynomialDecayReachesZeroAtItsTotalAsPolynomialLR() {
        LearningRateSchedule linear = new LearningRateSchedule.Polynomial(4, 1);
        assertEquals(0.2, linear.rate(0.2, 0), 1e-15);
        assertEquals(0.15, linear.rate(0.2, 1), 1e-15);
        assertEquals(0.1, linear.rate(0.2, 2), 1e-15);
        assertEquals(0.05, linear.rate(0.2, 3), 1e-15);
        assertEquals(0.0, linear.rate(0.2, 4));
        assertEquals(0.0, linear.rate(0.2, 9));
        LearningRateSchedule square = new LearningRateSchedule.Polynomial(4, 2);
        assertEquals(0.2 * 0.25, square.rate(0.2, 2), 1e-15);
        assertEquals(0.2 / 16, square.rate(0.2, 3), 1e-15);
    }

    @Test
    void linearDecaysToZeroOverTheRunsEpochs() {
        LearningRateSchedule linear = new LearningRateSchedule.Linear();
        assertEquals(0.2, linear.rate(0.2, 0, 4), 1e-15);
        assertEquals(0.15, linear.rate(0.2, 1, 4), 1e-15);
        assertEquals(0.05, linear.rate(0.2, 3, 4), 1e-15);
        // a longer run (a resumed one with more epochs) decays over its new length from the same first rate
        assertEquals(0.2, linear.rate(0.2, 0, 8), 1e-15);
        assertEquals(0.175, linear.rate(0.2, 1, 8), 1e-15);
        assertEquals(0.025, linear.rate(0.2, 7, 8), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> linear.rate(0.2, 1));
        assertThrows(IllegalArgumentException.class, () -> linear.rate(0.2, 0, 0));
        // schedules of their own length ignore the run's
        assertEquals(0.1, new LearningRateSchedule.Polynomial(4, 1).rate(0.2, 2, 100), 1e-15);
        LearningRateSchedule warm = new LearningRateSchedule.Warmup(2, linear);
        assertEquals(0.2 / 3, warm.rate(0.2, 0, 6), 1e-15);
        assertEquals(0.2, warm.rate(0.2, 2, 6), 1e-15);
        assertEquals(0.15, warm.rate(0.2, 3, 6), 1e-15);
    }

    @Test
    void warmupRampsLinearlyThenStartsTheInnerSchedule() {
        LearningRateSchedule w = new LearningRateSchedule.Warmup(3, new LearningRateSchedule.Exponential(0.5));
        assertEquals(0.25, w.rate(1.0, 0), 1e-15);
        assertEquals(0.5, w.rate(1.0, 1), 1e-15);
        assertEquals(0.75, w.rate(1.0, 2), 1e-15);
        assertEquals(1.0, w.rate(1.0, 3), 1e-15);
        assertEquals(0.5, w.rate(1.0, 4), 1e-15);
    }

    @Test
    void parsesCommandLineForms() {
        assertEquals(new LearningRateSchedule.Step(10, 0.5), LearningRateSchedule.parse("step:10:0.5"));
        assertEquals(new LearningRateSchedule.Exponential(0.95), LearningRateSchedule.parse("exp:0.95"));
        assertEquals(new LearningRateSchedule.Cosine(50, 0), LearningRateSchedule.parse("cos:50"));
        assertEquals(new LearningRateSchedule.Cosine(50, 1e-5), LearningRateSchedule.parse(" COS:50:1e-5 "));
        assertEquals(new LearningRateSchedule.Constant(), LearningRateSchedule.parse("const"));
        assertEquals(new LearningRateSchedule.Polynomial(30, 1), LearningRateSchedule.parse("poly:30"));
        assertEquals(new LearningRateSchedule.Polynomial(30, 2), LearningRateSchedule.parse("poly:30:2"));
        assertEquals(new LearningRateSchedule.Linear(), LearningRateSchedule.parse("Linear"));
        assertEquals(new LearningRateSchedule.Warmup(5, new LearningRateSchedule.Cosine(45, 0)),
                LearningRateSchedule.parse("warmup:5:cos:45"));
    }

    @Test
    void badFormsGiveClearErrors() {
        assertMessage("learning-rate schedule 'lin:3': unknown kind 'lin'; expected const, step:<epochs>:<gamma>, "
                + "exp:<gamma>, cos:<T_max>[:<eta_min>], poly:<total>[:<power>], linear or warmup:<epochs>:<schedule>", "lin:3");
        assertMessage("learning-rate schedule 'step:10': 'step' takes 2 value(s) after it, got 1", "step:10");
        assertMessage("learning-rate schedule 'step:ten:0.5': step size 'ten' is not a whole number", "step:ten:0.5");
        assertMessage("learning-rate schedule 'exp:fast': gamma 'fast' is not a finite number", "exp:fast");
        assertMessage("learning-rate schedule 'cos:50:0:1': 'cos' takes 1 or 2 value(s) after it, got 3", "cos:50:0:1");
        assertMessage("step schedule: step size must be >= 1 epoch, got 0", "step:0:0.5");
        assertMessage("exp schedule: gamma must be a finite number > 0, got -0.5", "exp:-0.5");
        assertMessage("warmup:5 ", "warmup:5");
        assertMessage("poly schedule: the total must be >= 1 epoch, got 0", "poly:0");
        assertMessage("'linear' takes 0 value(s) after it, got 1", "linear:3");
        assertMessage("poly schedule: power must be a finite number > 0, got 0.0", "poly:10:0");
        assertMessage("warmup cannot be nested", "warmup:2:warmup:3:const");
        assertMessage("learning-rate schedule: empty", "");
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule.Constant().rate(1, -1));
    }

    static void assertMessage(String fragment, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse(text));
        assertTrue(e.getMessage().contains(fragment.strip()), e.getMessage());
    }
}
