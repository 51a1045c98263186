package org.latent4j.tensor;

/**
 * The vector-Jacobian product of one op with respect to one of its inputs: given the gradient of the
 * final output with respect to the op's output, returns it with respect to that input. Written with
 * differentiable ops, so it can itself be recorded and differentiated again.
 */
@FunctionalInterface
public interface GradFn {
    Tensor apply(Tensor gradOutput);
}
