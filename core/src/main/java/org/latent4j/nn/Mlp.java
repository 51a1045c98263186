package org.latent4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * A multilayer perceptron: Linear layers of the given sizes with an activation after each hidden layer
 * and an optional one after the last. Parameters are named {@code layers.0.weight}, {@code layers.2.weight}, ...
 * (activations take the odd positions).
 */
public final class Mlp extends Layer {
    private final Sequential layers;
    private final int[] sizes;

    /**
     * @param sizes input size, hidden sizes..., output size (at least two numbers)
     */
    public Mlp(int[] sizes, Activation hidden, Activation output, RandomSource rng) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("Mlp: expected at least an input and an output size, got " + Arrays.toString(sizes));
        }
        List<Layer> list = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            list.add(new Linear(sizes[i], sizes[i + 1], rng));
            Activation a = i + 2 < sizes.length ? hidden : output;
            if (a != Activation.IDENTITY) {
                list.add(a.layer());
            }
        }
        this.sizes = sizes.clone();
        this.layers = child("layers", new Sequential(list.toArray(Layer[]::new)));
    }

    @Override
    public Tensor forward(Tensor x) {
        return layers.forward(x);
    }

    public int inputSize() {
        return sizes[0];
    }

    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    public int[] sizes() {
        return sizes.clone();
    }
}
