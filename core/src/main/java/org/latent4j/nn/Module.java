package org.latent4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.latent4j.io.ArrayData;
import org.latent4j.tensor.Tensor;

/**
 * A piece of a network with named parameters and named children, as PyTorch's {@code nn.Module}.
 *
 * <p>Names are hierarchical: a parameter {@code weight} of child {@code 0} of child {@code layers} of
 * child {@code encoder} is {@code encoder.layers.0.weight}. The state map ({@link #stateDict()}) maps
 * those names to the live tensors, and is what model files and checkpoints store.
 */
public abstract class Module {
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers a parameter under {@code name} (it will ask for gradients) and returns it. */
    protected Tensor parameter(String name, Tensor value) {
        checkName(name);
        params.put(name, value.requiresGrad(true));
        return value;
    }

    /** Registers a submodule under {@code name} and returns it. */
    protected <M extends Module> M child(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("module names must be non-empty and contain no '.', got '" + name + "'");
        }
        if (params.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is already registered in " + getClass().getSimpleName());
        }
    }

    /** Every parameter under its hierarchical name, in registration order. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out) {
        params.forEach((n, t) -> out.put(prefix + n, t));
        children.forEach((n, m) -> m.collect(prefix + n + ".", out));
    }

    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The direct children, by name. */
    public Map<String, Module> children() {
        return java.util.Collections.unmodifiableMap(children);
    }

    /** Name → live tensor; see the class comment. */
    public Map<String, Tensor> stateDict() {
        return namedParameters();
    }

    /**
     * Copies values into the parameters. Strict: the names must be exactly this module's and each shape
     * must match; on any mismatch nothing is changed and the error lists what differs.
     */
    public void loadStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> own = namedParameters();
        checkSameNames(own.keySet(), state.keySet());
        for (var e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (!Arrays.equals(src.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' has shape "
                        + Arrays.toString(src.shape()) + ", the model expects " + Arrays.toString(e.getValue().shape()));
            }
        }
        for (var e : own.entrySet()) {
            float[] src = state.get(e.getKey()).data();
            System.arraycopy(src, 0, e.getValue().data(), 0, src.length);
        }
    }

    /** The state map as float32 arrays for a safetensors file (copies). */
    public Map<String, ArrayData> stateArrays() {
        Map<String, ArrayData> out = new LinkedHashMap<>();
        namedParameters().forEach((n, t) -> out.put(n, new ArrayData.F32(t.shape(), t.toArray())));
        return out;
    }

    /** Loads arrays read from a safetensors file; strict as {@link #loadStateDict}, and they must be F32. */
    public void loadStateArrays(Map<String, ArrayData> arrays) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (var e : arrays.entrySet()) {
            if (!(e.getValue() instanceof ArrayData.F32 f)) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' is " + e.getValue().dtype()
                        + ", expected F32");
            }
            state.put(e.getKey(), Tensor.of(f.data(), f.shape()));
        }
        loadStateDict(state);
    }

    private static void checkSameNames(java.util.Set<String> own, java.util.Set<String> given) {
        TreeSet<String> missing = new TreeSet<>(own);
        missing.removeAll(given);
        TreeSet<String> unexpected = new TreeSet<>(given);
        unexpected.removeAll(own);
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("the tensors do not match the model: missing " + missing
                    + ", unexpected " + unexpected);
        }
    }

    /** Training mode (true) or evaluation mode; propagates to every child. */
    public void train(boolean on) {
        training = on;
        children.values().forEach(c -> c.train(on));
    }

    public boolean isTraining() {
        return training;
    }

    /** Clears the gradients of every parameter. */
    public void zeroGrad() {
        namedParameters().values().forEach(Tensor::zeroGrad);
    }

    /** The number of scalar parameters. */
    public long parameterCount() {
        long n = 0;
        for (Tensor t : namedParameters().values()) {
            n += t.numel();
        }
        return n;
    }
}
