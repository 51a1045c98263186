package org.latent4j.tensor;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latent4j.random.RandomSource;

/** Every differentiable op, first and second order, on random shapes including broadcasting. */
class GradientCheckOpsTest {

    /** Values in ±[0.2, 1.2]: at least one finite-difference step away from the kinks at 0. */
    static Tensor awayFromZero(RandomSource rng, int... shape) {
        Tensor t = Tensor.rand(rng, 0.2f, 1.2f, shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (rng.nextDouble() < 0.5) {
                d[i] = -d[i];
            }
        }
        return t;
    }

    static Tensor positive(RandomSource rng, int... shape) {
        return Tensor.rand(rng, 0.5f, 2f, shape);
    }

    static Tensor distinct(RandomSource rng, int... shape) {
        // a random permutation of well-spaced values: no ties within a finite-difference step
        int n = Shape.numel(shape);
        int[] p = rng.permutation(n);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (p[i] - n / 2f) * 0.1f;
        }
        return Tensor.of(d, shape);
    }

    record Case(String name, Function<Tensor[], Tensor> f, Function<RandomSource, Tensor[]> inputs) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, Function<Tensor[], Tensor> f, Function<RandomSource, Tensor[]> inputs) {
        return new Case(name, f, inputs);
    }

    static Stream<Case> cases() {
        return Stream.of(
                c("add broadcast [3,4]+[4]", x -> x[0].add(x[1]), r -> new Tensor[] {awayFromZero(r, 3, 4), awayFromZero(r, 4)}),
                c("sub broadcast [2,1,3]-[4,1]", x -> x[0].sub(x[1]), r -> new Tensor[] {awayFromZero(r, 2, 1, 3), awayFromZero(r, 4, 1)}),
                c("mul broadcast [3,4]*[3,1]", x -> x[0].mul(x[1]), r -> new Tensor[] {awayFromZero(r, 3, 4), awayFromZero(r, 3, 1)}),
                c("div broadcast [2,3]/[3]", x -> x[0].div(x[1]), r -> new Tensor[] {awayFromZero(r, 2, 3), positive(r, 3)}),
                c("mul scalar tensor", x -> x[0].mul(x[1]), r -> new Tensor[] {awayFromZero(r, 2, 3), awayFromZero(r)}),
                c("scale and shift", x -> x[0].mul(1.5f).add(-0.5f).div(2f).sub(1f), r -> new Tensor[] {awayFromZero(r, 5)}),
                c("neg", x -> x[0].neg(), r -> new Tensor[] {awayFromZero(r, 2, 2)}),
                c("exp", x -> x[0].exp(), r -> new Tensor[] {awayFromZero(r, 3, 2)}),
                c("log", x -> x[0].log(), r -> new Tensor[] {positive(r, 3, 2)}),
                c("log1p", x -> x[0].log1p(), r -> new Tensor[] {positive(r, 4)}),
                c("sqrt", x -> x[0].sqrt(), r -> new Tensor[] {positive(r, 4)}),
                c("pow 3", x -> x[0].pow(3f), r -> new Tensor[] {awayFromZero(r, 4)}),
                c("pow -0.5", x -> x[0].pow(-0.5f), r -> new Tensor[] {positive(r, 4)}),
                c("square", x -> x[0].square(), r -> new Tensor[] {awayFromZero(r, 4)}),
                c("abs", x -> x[0].abs().mul(x[0]), r -> new Tensor[] {awayFromZero(r, 6)}),
                c("tanh", x -> x[0].tanh(), r -> new Tensor[] {awayFromZero(r, 2, 3)}),
                c("sigmoid", x -> x[0].sigmoid(), r -> new Tensor[] {awayFromZero(r, 2, 3)}),
                c("softplus", x -> x[0].softplus(), r -> new Tensor[] {awayFromZero(r, 2, 3)}),
                c("logSigmoid", x -> x[0].logSigmoid(), r -> new Tensor[] {awayFromZero(r, 2, 3)}),
                c("relu", x -> x[0].relu().mul(x[0]), r -> new Tensor[] {awayFromZero(r, 6)}),
                c("relu over SIMD lanes and a tail [5,7]", x -> x[0].relu().mul(x[0]), r -> new Tensor[] {awayFromZero(r, 5, 7)}),
                c("relu backward g·[x > 0]", x -> Pointwise.reluBackward(x[0].square(), x[1]).mul(x[0]),
                        r -> new Tensor[] {awayFromZero(r, 3, 13), awayFromZero(r, 3, 13)}),
                c("leakyRelu", x -> x[0].leakyRelu(0.1f).square(), r -> new Tensor[] {awayFromZero(r, 6)}),
                c("elu", x -> x[0].elu(1.3f), r -> new Tensor[] {awayFromZero(r, 6)}),
                c("clamp", x -> x[0].clamp(-0.7f, 0.9f).square(), r -> new Tensor[] {clampSafe(r, 8)}),
                c("maximum broadcast", x -> x[0].maximum(x[1]).square(), r -> new Tensor[] {distinct(r, 3, 4), distinct(r, 4).add(0.05f).detach()}),
                c("minimum", x -> x[0].minimum(x[1]).square(), r -> new Tensor[] {distinct(r, 2, 3), distinct(r, 2, 3).add(0.05f).detach()}),
                c("where", x -> Tensor.where(x[0].gt(0f), x[0].square(), x[1].exp()), r -> new Tensor[] {awayFromZero(r, 3, 3), awayFromZero(r, 3)}),
                c("sum all", x -> x[0].square().sum(), r -> new Tensor[] {awayFromZero(r, 2, 3, 2)}),
                c("sum axes 0,2", x -> x[0].square().sum(new int[] {0, 2}, false), r -> new Tensor[] {awayFromZero(r, 2, 3, 2)}),
                c("sum axes 0,2,3 of NCHW (in stages)", x -> x[0].square().sum(new int[] {0, 2, 3}, true), r -> new Tensor[] {awayFromZero(r, 2, 3, 2, 2)}),
                c("mean axes 0,2 of [2,3,2,2] (in stages)", x -> x[0].square().mean(new int[] {0, 2}, false), r -> new Tensor[] {awayFromZero(r, 2, 3, 2, 2)}),
                c("sum axis 1 keepdim", x -> x[0].square().sum(new int[] {1}, true), r -> new Tensor[] {awayFromZero(r, 2, 3, 2)}),
                c("mean axis -1", x -> x[0].square().mean(-1), r -> new Tensor[] {awayFromZero(r, 3, 4)}),
                c("max axis 1", x -> x[0].max(new int[] {1}, false).square(), r -> new Tensor[] {distinct(r, 3, 4)}),
                c("max all", x -> x[0].max().mul(x[0]), r -> new Tensor[] {distinct(r, 2, 3)}),
                c("logSumExp axis 1", x -> x[0].logSumExp(1), r -> new Tensor[] {awayFromZero(r, 3, 4)}),
                c("logSumExp axes 0,2 keepdim", x -> x[0].logSumExp(new int[] {0, 2}, true), r -> new Tensor[] {awayFromZero(r, 2, 3, 2)}),
                c("softmax", x -> x[0].softmax(-1), r -> new Tensor[] {awayFromZero(r, 2, 5)}),
                c("logSoftmax", x -> x[0].logSoftmax(0), r -> new Tensor[] {awayFromZero(r, 4, 3)}),
                c("reshape", x -> x[0].reshape(3, -1).square(), r -> new Tensor[] {awayFromZero(r, 2, 3, 2)}),
                c("permute", x -> x[0].permute(2, 0, 1).mul(x[1]), r -> new Tensor[] {awayFromZero(r, 2, 3, 4), awayFromZero(r, 4, 2, 3)}),
                c("transpose", x -> x[0].t().square(), r -> new Tensor[] {awayFromZero(r, 3, 2)}),
                c("slice", x -> x[0].slice(1, 1, 3).square(), r -> new Tensor[] {awayFromZero(r, 2, 4, 2)}),
                c("pad", x -> Shapes.pad(x[0], 0, 1, 2).square(), r -> new Tensor[] {awayFromZero(r, 2, 3)}),
                c("concat", x -> Tensor.concat(1, x[0], x[1]).square(), r -> new Tensor[] {awayFromZero(r, 2, 2), awayFromZero(r, 2, 3)}),
                c("gatherRows with repeats", x -> x[0].gatherRows(new int[] {2, 0, 2, 1}).square(), r -> new Tensor[] {awayFromZero(r, 3, 2)}),
                c("scatterAddRows", x -> Shapes.scatterAddRows(x[0], new int[] {1, 1, 0}, 3).square(), r -> new Tensor[] {awayFromZero(r, 3, 2)}),
                c("broadcastTo", x -> x[0].broadcastTo(2, 3, 4).square(), r -> new Tensor[] {awayFromZero(r, 3, 1)}),
                c("sumTo", x -> x[0].square().sumTo(3, 1), r -> new Tensor[] {awayFromZero(r, 2, 3, 4)}),
                c("matmul 2-D", x -> x[0].matmul(x[1]).square(), r -> new Tensor[] {awayFromZero(r, 3, 4), awayFromZero(r, 4, 2)}),
                c("matmul transA", x -> MatMul.matmul(x[0], x[1], true, false).square(), r -> new Tensor[] {awayFromZero(r, 4, 3), awayFromZero(r, 4, 2)}),
                c("matmul transB", x -> MatMul.matmul(x[0], x[1], false, true).square(), r -> new Tensor[] {awayFromZero(r, 3, 4), awayFromZero(r, 2, 4)}),
                c("matmul transA transB", x -> MatMul.matmul(x[0], x[1], true, true).square(), r -> new Tensor[] {awayFromZero(r, 4, 3), awayFromZero(r, 2, 4)}),
                c("matmul batched", x -> x[0].matmul(x[1]).square(), r -> new Tensor[] {awayFromZero(r, 2, 3, 4), awayFromZero(r, 2, 4, 2)}),
                c("matmul batch broadcast", x -> x[0].matmul(x[1]).square(), r -> new Tensor[] {awayFromZero(r, 2, 1, 3, 4), awayFromZero(r, 3, 4, 2)}),
                c("matmul batched x 2-D", x -> x[0].matmul(x[1]).square(), r -> new Tensor[] {awayFromZero(r, 2, 3, 4), awayFromZero(r, 4, 2)}),
                c("linear with bias", x -> MatMul.linear(x[0], x[1], x[2]).tanh(), r -> new Tensor[] {awayFromZero(r, 3, 4), awayFromZero(r, 2, 4), awayFromZero(r, 2)}),
                c("linear rank 3 no bias", x -> MatMul.linear(x[0], x[1], null).square(), r -> new Tensor[] {awayFromZero(r, 2, 3, 4), awayFromZero(r, 2, 4)}),
                c("bce with logits", x -> Losses.binaryCrossEntropyWithLogits(x[0], x[1]), r -> new Tensor[] {awayFromZero(r, 3, 4), Tensor.rand(r, 0.1f, 0.9f, 3, 4)}));
    }

    static Tensor clampSafe(RandomSource r, int n) {
        // values kept at least 0.1 away from the clamp bounds -0.7 and 0.9
        float[] choices = {-1.1f, -0.5f, -0.2f, 0.3f, 0.6f, 1.2f, 1.5f, -0.9f};
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = choices[r.nextInt(choices.length)] + (float) (r.nextDouble() * 0.05);
        }
        return Tensor.of(d, n);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firstOrder(Case c) {
        GradientCheck.assertGradients(c.f(), c.inputs().apply(new RandomSource(c.name().hashCode())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void secondOrder(Case c) {
        GradientCheck.assertSecondOrder(c.f(), c.inputs().apply(new RandomSource(c.name().hashCode())));
    }
}
