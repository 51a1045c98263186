package org.latent4j.nn;

import java.util.Arrays;
import org.latent4j.tensor.Tensor;

/**
 * [N, D] → [N, shape...] with D the product of {@code shape}, a view sharing the input's buffer, as
 * PyTorch's {@code nn.Unflatten(1, shape)}.
 */
public final class Unflatten extends Layer {
    private final int[] shape;
    private final int size;

    public Unflatten(int... shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("Unflatten: expected at least one dimension");
        }
        long n = 1;
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("Unflatten: dimensions must be >= 1, got " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Unflatten: shape " + Arrays.toString(shape) + " is too large");
        }
        this.shape = shape.clone();
        this.size = (int) n;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 2 || x.dim(1) != size) {
            throw new IllegalArgumentException(this + ": input shape " + Arrays.toString(x.shape())
                    + " does not fit; expected [N, " + size + "]");
        }
        int[] out = new int[shape.length + 1];
        out[0] = x.dim(0);
        System.arraycopy(shape, 0, out, 1, shape.length);
        return x.reshape(out);
    }

    /** The shape each row becomes (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return "Unflatten(" + Arrays.toString(shape) + ")";
    }
}
