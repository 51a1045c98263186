package org.latent4j.nn;

import org.latent4j.tensor.Tensor;

/** A module that maps one tensor to one tensor. */
public abstract class Layer extends Module {
    public abstract Tensor forward(Tensor x);
}
