package org.latent4j.models.training;

import org.latent4j.nn.Module;

/**
 * Evaluation mode for the duration of a try block, then the mode the module had: what a model's
 * inference methods (encode, decode, evaluate, ...) run in, so that layers that behave differently in
 * training (batch normalization's batch statistics, dropout) give the deterministic answer.
 */
public final class EvalMode implements AutoCloseable {
    private final Module module;
    private final boolean wasTraining;

    private EvalMode(Module module) {
        this.module = module;
        this.wasTraining = module.isTraining();
        module.train(false);
    }

    /** Puts {@code module} (and its children) in evaluation mode until {@link #close()}. */
    public static EvalMode of(Module module) {
        return new EvalMode(module);
    }

    @Override
    public void close() {
        module.train(wasTraining);
    }
}
