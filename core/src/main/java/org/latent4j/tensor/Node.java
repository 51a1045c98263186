package org.latent4j.tensor;

/** A recorded op: its name, its inputs and, for each input, how the gradient flows back to it. */
record Node(String op, Tensor[] inputs, GradFn[] gradFns) {}
