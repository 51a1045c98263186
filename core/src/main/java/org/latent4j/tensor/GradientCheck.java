package org.latent4j.tensor;

import java.util.function.Function;
import org.latent4j.random.RandomSource;

/**
 * Checks recorded gradients against central finite differences.
 *
 * <p>A function of several tensors is reduced to a scalar by a fixed random projection
 * {@code L = Σ w ⊙ f(x)}; the analytic gradient of L is compared, element by element, with
 * {@code (L(x + h) − L(x − h)) / 2h}, where L is summed in double precision from the float32 outputs.
 * Float32 rounding limits how small h can be: with h = 1e-2 the truncation error O(h²) and the
 * rounding error O(ε·|L|/h) are both near 1e-4 relative, so the default tolerances are
 * {@code |analytic − numeric| ≤ 1e-2·(1 + |numeric|)}. Inputs must stay more than h away from kinks
 * (relu at 0, abs at 0, clamp bounds, max ties).
 *
 * <p>{@link #checkSecondOrder} applies the same check to the Hessian-vector product, i.e. to
 * {@code Σ v ⊙ ∂L/∂x} computed with a recorded gradient, which exercises every backward op's own
 * backward.
 */
public final class GradientCheck {
    private GradientCheck() {}

    /** Step and tolerances of a check. */
    public record Options(double step, double absoluteTolerance, double relativeTolerance, long seed) {
        public static final Options DEFAULT = new Options(1e-2, 1e-2, 1e-2, 42);

        public Options withStep(double h) {
            return new Options(h, absoluteTolerance, relativeTolerance, seed);
        }

        public Options withTolerance(double abs, double rel) {
            return new Options(step, abs, rel, seed);
        }
    }

    /** The outcome: the worst element and whether all elements passed. */
    public record Result(boolean passed, double worstError, String worst, int checked) {}

    /** First-order check with the default options; throws an AssertionError describing the worst element. */
    public static void assertGradients(Function<Tensor[], Tensor> f, Tensor... inputs) {
        assertPassed("first-order", check(f, Options.DEFAULT, inputs));
    }

    /** Second-order check (gradient of a recorded gradient) with the default options. */
    public static void assertSecondOrder(Function<Tensor[], Tensor> f, Tensor... inputs) {
        assertPassed("second-order", checkSecondOrder(f, Options.DEFAULT, inputs));
    }

    private static void assertPassed(String kind, Result r) {
        if (!r.passed()) {
            throw new AssertionError(kind + " gradient check failed: " + r.worst());
        }
    }

    /** Compares the recorded gradient of {@code Σ w ⊙ f(inputs)} with finite differences. */
    public static Result check(Function<Tensor[], Tensor> f, Options opt, Tensor... inputs) {
        for (Tensor t : inputs) {
            t.requiresGrad(true);
        }
        Tensor y0 = f.apply(inputs);
        Tensor w = Tensor.rand(new RandomSource(opt.seed()), -1f, 1f, y0.shape);
        Tensor loss = y0.mul(w).sum();
        // A function whose gradient does not depend on the inputs has a constant (unrecorded) gradient: zero.
        Tensor[] analytic = loss.requiresGrad() ? Autograd.grad(loss, inputs, false) : zerosLike(inputs);
        double worst = 0;
        String worstText = "all elements within tolerance";
        boolean passed = true;
        int checked = 0;
        for (int k = 0; k < inputs.length; k++) {
            float[] x = inputs[k].data;
            for (int i = 0; i < x.length; i++) {
                float saved = x[i];
                x[i] = (float) (saved + opt.step());
                double plus = project(f.apply(inputs), w);
                x[i] = (float) (saved - opt.step());
                double minus = project(f.apply(inputs), w);
                x[i] = saved;
                double h2 = (double) (float) (saved + opt.step()) - (double) (float) (saved - opt.step());
                double numeric = (plus - minus) / h2;
                double got = analytic[k].data[i];
                double err = Math.abs(got - numeric);
                double allowed = opt.absoluteTolerance() + opt.relativeTolerance() * Math.abs(numeric);
                checked++;
                if (!(err <= allowed)) {
                    passed = false;
                }
                double score = err / allowed;
                if (!(score <= worst) || Double.isNaN(score)) {
                    worst = Double.isNaN(score) ? Double.POSITIVE_INFINITY : score;
                    worstText = "input " + k + " " + Shape.str(inputs[k].shape) + " element " + i + ": analytic "
                            + got + " vs numeric " + numeric + " (error " + err + ", allowed " + allowed + ")";
                }
            }
        }
        return new Result(passed, worst, worstText, checked);
    }

    /** Checks the recorded gradient of the recorded gradient (a Hessian-vector product). */
    public static Result checkSecondOrder(Function<Tensor[], Tensor> f, Options opt, Tensor... inputs) {
        RandomSource rng = new RandomSource(opt.seed() + 1);
        Tensor[] directions = new Tensor[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            directions[k] = Tensor.rand(rng, -1f, 1f, inputs[k].shape);
        }
        Function<Tensor[], Tensor> hvp = xs -> {
            Tensor y = f.apply(xs);
            Tensor w = Tensor.rand(new RandomSource(opt.seed()), -1f, 1f, y.shape);
            Tensor[] g = Autograd.grad(y.mul(w).sum(), xs, true);
            Tensor total = g[0].mul(directions[0]).sum();
            for (int k = 1; k < xs.length; k++) {
                total = total.add(g[k].mul(directions[k]).sum());
            }
            return total;
        };
        return check(hvp, opt, inputs);
    }

    private static Tensor[] zerosLike(Tensor[] xs) {
        Tensor[] z = new Tensor[xs.length];
        for (int k = 0; k < xs.length; k++) {
            z[k] = Tensor.zeros(xs[k].shape);
        }
        return z;
    }

    private static double project(Tensor y, Tensor w) {
        double s = 0;
        for (int i = 0; i < y.data.length; i++) {
            s += (double) y.data[i] * w.data[i];
        }
        return s;
    }
}
