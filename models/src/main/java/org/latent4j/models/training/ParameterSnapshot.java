package org.latent4j.models.training;

import java.util.Map;
import org.latent4j.tensor.Tensor;

/** A copy of parameter values taken before each optimizer step, put back when training diverges. */
final class ParameterSnapshot {
    private final Tensor[] params;
    private final float[][] copies;

    ParameterSnapshot(Map<String, Tensor> parameters) {
        params = parameters.values().toArray(Tensor[]::new);
        copies = new float[params.length][];
        for (int i = 0; i < params.length; i++) {
            copies[i] = params[i].toArray();
        }
    }

    void save() {
        for (int i = 0; i < params.length; i++) {
            System.arraycopy(params[i].data(), 0, copies[i], 0, copies[i].length);
        }
    }

    void restore() {
        for (int i = 0; i < params.length; i++) {
            System.arraycopy(copies[i], 0, params[i].data(), 0, copies[i].length);
        }
    }
}
