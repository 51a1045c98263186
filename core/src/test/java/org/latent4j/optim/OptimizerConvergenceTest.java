package org.latent4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latent4j.tensor.Tensor;

/** Every optimizer minimizes an ill-conditioned quadratic and the Rosenbrock function through autograd. */
class OptimizerConvergenceTest {

    record Case(String name, Function<Map<String, Tensor>, Optimizer> make, int steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> quadratic() {
        return Stream.of(
                new Case("sgd", m -> new Sgd(m, 0.1), 500),
                new Case("sgd momentum", m -> new Sgd(m, Sgd.Config.builder().lr(0.05).momentum(0.9).build()), 500),
                new Case("sgd nesterov", m -> new Sgd(m, Sgd.Config.builder().lr(0.05).momentum(0.9).nesterov(true).build()), 500),
                new Case("adam", m -> Optimizers.create("adam", 0.05, m), 1500),
                new Case("adamw", m -> new AdamW(m, AdamW.Config.builder().lr(0.05).weightDecay(0).build()), 1500),
                new Case("rmsprop", m -> new RmsProp(m, RmsProp.Config.builder().lr(0.01).build()), 1500),
                new Case("rmsprop centered momentum", m -> new RmsProp(m, RmsProp.Config.builder().lr(0.003).momentum(0.9)
                        .centered(true).build()), 1500),
                new Case("adagrad", m -> Optimizers.create("adagrad", 0.5, m), 1500));
    }

    /** f(x) = Σ aᵢ(xᵢ − cᵢ)²/2 with curvatures from 0.5 to 8; minimum at c. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("quadratic")
    void minimizesQuadratic(Case c) {
        Tensor x = Tensor.vector(3f, -2f, 0.5f, 4f).requiresGrad(true);
        Tensor a = Tensor.vector(0.5f, 1f, 4f, 8f);
        Tensor target = Tensor.vector(1f, 2f, -1f, 0.5f);
        Optimizer opt = c.make().apply(Map.of("x", x));
        for (int i = 0; i < c.steps(); i++) {
            opt.zeroGrad();
            x.sub(target).square().mul(a).sum().mul(0.5f).backward();
            opt.step();
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(target.data()[i], x.data()[i], 2e-2f, c.name() + " x[" + i + "]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rosenbrock")
    void minimizesRosenbrock(Case c) {
        // f(x, y) = (1 − x)² + 100 (y − x²)², a curved valley with its minimum 0 at (1, 1)
        Tensor x = Tensor.scalar(-1.5f).requiresGrad(true);
        Tensor y = Tensor.scalar(2f).requiresGrad(true);
        Optimizer opt = c.make().apply(Map.of("x", x, "y", y));
        double f = Double.NaN;
        for (int i = 0; i < c.steps(); i++) {
            opt.zeroGrad();
            Tensor loss = x.neg().add(1f).square().add(y.sub(x.square()).square().mul(100f));
            f = loss.item();
            loss.backward();
            opt.step();
        }
        assertTrue(f < 1e-3, c.name() + ": f = " + f + " at (" + x.item() + ", " + y.item() + ")");
        assertEquals(1f, x.item(), 0.05f, c.name());
        assertEquals(1f, y.item(), 0.1f, c.name());
    }

    static Stream<Case> rosenbrock() {
        return Stream.of(
                new Case("adam", m -> new Adam(m, Adam.Config.builder().lr(0.02).build()), 4000),
                new Case("sgd nesterov", m -> new Sgd(m, Sgd.Config.builder().lr(2e-4).momentum(0.9).nesterov(true).build()), 6000),
                new Case("rmsprop", m -> new RmsProp(m, RmsProp.Config.builder().lr(1e-3).build()), 6000));
    }
}
