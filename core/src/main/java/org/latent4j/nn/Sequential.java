package org.latent4j.nn;

import java.util.List;
import org.latent4j.tensor.LinearActivation;
import org.latent4j.tensor.Tensor;

/**
 * Layers applied in order; children are named by position: {@code 0}, {@code 1}, ... A {@link Linear} layer
 * directly followed by an activation layer ({@link Activation#layer()}) that has a fused form runs with it as
 * one op ({@link LinearActivation}): same values and gradients, fewer passes over the output.
 */
public final class Sequential extends Layer {
    private final List<Layer> layers;
    /** For each position, the fused activation its Linear layer runs with (the next layer, then skipped), or null. */
    private final LinearActivation.Kind[] fused;

    public Sequential(Layer... layers) {
        this.layers = List.of(layers);
        this.fused = new LinearActivation.Kind[layers.length];
        for (int i = 0; i < layers.length; i++) {
            child(Integer.toString(i), layers[i]);
            if (i + 1 < layers.length && layers[i] instanceof Linear && layers[i + 1] instanceof Activation.Applied a) {
                fused[i] = a.activation().fusedKind();
            }
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        for (int i = 0; i < fused.length; i++) {
            if (fused[i] != null) {
                x = ((Linear) layers.get(i)).forward(x, fused[i]);
                i++;
            } else {
                x = layers.get(i).forward(x);
            }
        }
        return x;
    }

    public List<Layer> layers() {
        return layers;
    }
}
