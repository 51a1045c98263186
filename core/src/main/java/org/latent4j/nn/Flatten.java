package org.latent4j.nn;

import java.util.Arrays;
import org.latent4j.tensor.Tensor;

/** [N, d1, d2, ...] → [N, d1·d2·...], a view sharing the input's buffer, as PyTorch's {@code nn.Flatten()}. */
public final class Flatten extends Layer {
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1) {
            throw new IllegalArgumentException("Flatten: input shape " + Arrays.toString(x.shape())
                    + " does not fit; expected [N, ...] with a batch dimension");
        }
        int n = x.dim(0);
        return x.reshape(n, n == 0 ? 0 : x.numel() / n);
    }

    @Override
    public String toString() {
        return "Flatten()";
    }
}
