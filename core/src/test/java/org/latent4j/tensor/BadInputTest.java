package org.latent4j.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Errors name the op, what it received and what it expected. */
class BadInputTest {

    static void assertMessage(Class<? extends Throwable> type, Executable call, String... parts) {
        Throwable e = assertThrows(type, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
        }
    }

    @Test
    void shapeMismatchInBroadcast() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)),
                "add", "[2, 3]", "[4]", "must match or be 1");
    }

    @Test
    void matmulInnerDimensions() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)),
                "matmul", "[2, 3]", "[4, 5]");
    }

    @Test
    void matmulNeedsRankTwo() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(3).matmul(Tensor.zeros(3, 2)),
                "matmul", "rank >= 2", "[3]");
    }

    @Test
    void linearChecksShapes() {
        assertMessage(IllegalArgumentException.class, () -> MatMul.linear(Tensor.zeros(2, 5), Tensor.zeros(3, 4), null),
                "linear", "[2, 5]", "4");
        assertMessage(IllegalArgumentException.class, () -> MatMul.linear(Tensor.zeros(2, 4), Tensor.zeros(3, 4), Tensor.zeros(2)),
                "linear", "bias", "[3]", "[2]");
    }

    @Test
    void reshapeCountsElements() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).reshape(4, 2), "reshape", "[2, 3]", "[4, 2]");
    }

    @Test
    void axisOutOfRange() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).sum(2), "sum", "axis 2", "rank 2");
    }

    @Test
    void indexesOutOfRange() {
        assertMessage(IndexOutOfBoundsException.class, () -> Tensor.zeros(3, 2).gatherRows(new int[] {0, 3}),
                "gatherRows", "index 3", "3 rows");
        assertMessage(IndexOutOfBoundsException.class, () -> Tensor.zeros(3, 4).slice(1, 2, 5), "slice", "[2, 5)", "size 4");
        assertMessage(IndexOutOfBoundsException.class, () -> Tensor.zeros(3, 4).get(1, 4), "get", "index 4");
    }

    @Test
    void nanWhereNotAllowed() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.vector(1f, Float.NaN).requireFinite("loss"),
                "loss", "NaN", "flat index 1");
    }

    @Test
    void wrongDataLength() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3), "Tensor.of", "[2, 3]", "6", "5");
    }

    @Test
    void backwardNeedsAScalarOrASeed() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        assertMessage(IllegalArgumentException.class, () -> x.mul(2f).backward(), "backward", "[2]", "seed");
        assertMessage(IllegalStateException.class, () -> Tensor.ones(1).backward(), "backward", "does not depend");
    }

    @Test
    void gradOfATensorThatDoesNotRequireIt() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor c = Tensor.ones(2);
        assertMessage(IllegalArgumentException.class, () -> Autograd.grad(x.sum(), new Tensor[] {c}, false),
                "grad", "does not require gradients");
    }
}
