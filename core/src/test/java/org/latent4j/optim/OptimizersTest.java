package org.latent4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.latent4j.tensor.Tensor;

/** The factory by name and the validation of every configuration. */
class OptimizersTest {
    static Map<String, Tensor> params() {
        return Map.of("w", Tensor.zeros(3).requiresGrad(true));
    }

    @Test
    void createsEachOptimizerByNameWithTheGivenRate() {
        assertInstanceOf(Sgd.class, Optimizers.create("sgd", 0.1, params()));
        assertInstanceOf(Adam.class, Optimizers.create("Adam", 0.1, params()));
        assertInstanceOf(AdamW.class, Optimizers.create(" adamw ", 0.1, params()));
        assertInstanceOf(RmsProp.class, Optimizers.create("rmsprop", 0.1, params()));
        Optimizer ada = Optimizers.create("ADAGRAD", 0.25, params());
        assertInstanceOf(Adagrad.class, ada);
        assertEquals(0.25, ada.learningRate());
        assertEquals("adagrad", ada.kind());
        assertEquals(1e-2, ((AdamW) Optimizers.create("adamw", 1e-3, params())).config().weightDecay());
    }

    @Test
    void unknownNameListsTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("lbfgs", 1, params()));
        assertEquals("optimizer: unknown name 'lbfgs', expected one of sgd, adam, adamw, rmsprop, adagrad", e.getMessage());
    }

    @Test
    void badHyperparametersAreRefusedNamingTheField() {
        expect("Adam: beta1 must be in [0, 1), got 1.0", () -> Adam.Config.builder().betas(1.0, 0.999).build());
        expect("Adam: lr must be a finite number >= 0, got -0.1", () -> Adam.Config.builder().lr(-0.1).build());
        expect("AdamW: beta2 must be in [0, 1), got -0.5", () -> AdamW.Config.builder().betas(0.9, -0.5).build());
        expect("AdamW: eps must be a finite number >= 0, got NaN", () -> AdamW.Config.builder().eps(Double.NaN).build());
        expect("SGD: Nesterov momentum needs momentum > 0 and dampening 0, got momentum 0.0 and dampening 0.0",
                () -> Sgd.Config.builder().nesterov(true).build());
        expect("SGD: Nesterov momentum needs momentum > 0 and dampening 0, got momentum 0.9 and dampening 0.1",
                () -> Sgd.Config.builder().momentum(0.9).dampening(0.1).nesterov(true).build());
        expect("RMSprop: momentum must be a finite number >= 0, got -1.0", () -> RmsProp.Config.builder().momentum(-1).build());
        expect("Adagrad: lrDecay must be a finite number >= 0, got Infinity",
                () -> Adagrad.Config.builder().lrDecay(Double.POSITIVE_INFINITY).build());
        expect("adam: learning rate must be a finite number >= 0, got -1.0", () -> new Adam(params()).setLearningRate(-1));
    }

    @Test
    void configBuildersRoundTrip() {
        Adam.Config a = Adam.Config.builder().lr(0.01).betas(0.5, 0.9).eps(1e-6).weightDecay(0.1).amsgrad(true).build();
        assertEquals(a, a.toBuilder().build());
        Sgd.Config s = Sgd.Config.builder().lr(0.3).momentum(0.9).nesterov(true).weightDecay(0.2).build();
        assertEquals(s, s.toBuilder().build());
        RmsProp.Config r = RmsProp.Config.builder().alpha(0.9).centered(true).momentum(0.1).build();
        assertEquals(r, r.toBuilder().build());
        Adagrad.Config g = Adagrad.Config.builder().initialAccumulatorValue(0.1).lrDecay(0.01).build();
        assertEquals(g, g.toBuilder().build());
        AdamW.Config w = AdamW.Config.builder().weightDecay(0.5).build();
        assertEquals(w, w.toBuilder().build());
        assertEquals(new Adam.Config(1e-3, 0.9, 0.999, 1e-8, 0, false), Adam.Config.builder().build());
    }

    static void expect(String message, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().equals(message), "got: " + ex.getMessage());
    }
}
