package org.latent4j.nn;

import java.util.List;
import org.latent4j.tensor.Tensor;

/** Layers applied in order; children are named by position: {@code 0}, {@code 1}, ... */
public final class Sequential extends Layer {
    private final List<Layer> layers;

    public Sequential(Layer... layers) {
        this.layers = List.of(layers);
        for (int i = 0; i < layers.length; i++) {
            child(Integer.toString(i), layers[i]);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        for (Layer l : layers) {
            x = l.forward(x);
        }
        return x;
    }

    public List<Layer> layers() {
        return layers;
    }
}
