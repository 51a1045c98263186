package org.latent4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.latent4j.io.ArrayData;
import org.latent4j.tensor.Tensor;

/**
 * A piece of a network with named parameters, named buffers and named children, as PyTorch's
 * {@code nn.Module}.
 *
 * <p>Names are hierarchical: a parameter {@code weight} of child {@code 0} of child {@code layers} of
 * child {@code encoder} is {@code encoder.layers.0.weight}. Parameters are what optimizers train
 * ({@link #namedParameters()}); buffers are state that is not trained but belongs to the model, such as
 * batch normalization's running statistics (PyTorch's {@code register_buffer}). The state
 * ({@link #stateArrays()}, {@link #stateDict()}) holds both, in PyTorch's order: each module's
 * parameters, then its float buffers, then its integer buffers, then its children's state; it is what
 * model files and checkpoints store.
 */
public abstract class Module {
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, IntegerBuffer> integerBuffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers a parameter under {@code name} (it will ask for gradients) and returns it. */
    protected Tensor parameter(String name, Tensor value) {
        checkName(name);
        params.put(name, value.requiresGrad(true));
        return value;
    }

    /**
     * Registers a float32 buffer under {@code name} and returns it: state saved and loaded with the model
     * but not trained (it must not ask for gradients). The module updates its values in place.
     */
    protected Tensor buffer(String name, Tensor value) {
        checkName(name);
        if (value.requiresGrad()) {
            throw new IllegalArgumentException("buffer '" + name + "' of " + getClass().getSimpleName()
                    + " asks for gradients; a trained tensor is a parameter(), a buffer is not trained");
        }
        buffers.put(name, value);
        return value;
    }

    /** Registers a 64-bit integer buffer under {@code name} (saved as I64) and returns it. */
    protected IntegerBuffer buffer(String name, IntegerBuffer value) {
        checkName(name);
        integerBuffers.put(name, value);
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
        if (params.containsKey(name) || buffers.containsKey(name) || integerBuffers.containsKey(name)
                || children.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is already registered in " + getClass().getSimpleName());
        }
    }

    /** Every trainable parameter under its hierarchical name, in registration order (no buffers). */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, m -> m.params);
        return out;
    }

    /** Every float32 buffer (live tensors) under its hierarchical name. */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, m -> m.buffers);
        return out;
    }

    /** Every 64-bit integer buffer (live) under its hierarchical name. */
    public Map<String, IntegerBuffer> namedIntegerBuffers() {
        Map<String, IntegerBuffer> out = new LinkedHashMap<>();
        collect("", out, m -> m.integerBuffers);
        return out;
    }

    private <T> void collect(String prefix, Map<String, T> out, Function<Module, Map<String, T>> own) {
        own.apply(this).forEach((n, t) -> out.put(prefix + n, t));
        children.forEach((n, m) -> m.collect(prefix + n + ".", out, own));
    }

    /** Parameters, float buffers and integer buffers of each module in turn (values Tensor or IntegerBuffer). */
    private void collectState(String prefix, Map<String, Object> out) {
        params.forEach((n, t) -> out.put(prefix + n, t));
        buffers.forEach((n, t) -> out.put(prefix + n, t));
        integerBuffers.forEach((n, b) -> out.put(prefix + n, b));
        children.forEach((n, m) -> m.collectState(prefix + n + ".", out));
    }

    private Map<String, Object> state() {
        Map<String, Object> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The direct children, by name. */
    public Map<String, Module> children() {
        return java.util.Collections.unmodifiableMap(children);
    }

    /**
     * Name → tensor for every parameter and buffer (see the class comment). Parameters and float buffers
     * are the live tensors; an integer buffer, which a float32 tensor cannot hold live, appears as a
     * float32 copy (exact up to 2^24; {@link #stateArrays()} keeps it as I64 at full range).
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state().forEach((n, v) -> out.put(n, v instanceof IntegerBuffer b ? floatCopy(b) : (Tensor) v));
        return out;
    }

    private static Tensor floatCopy(IntegerBuffer b) {
        long[] src = b.data();
        float[] d = new float[src.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = src[i];
        }
        return Tensor.of(d, b.shape());
    }

    /**
     * Copies values into the parameters and buffers. Strict: the names must be exactly this module's
     * (parameters and buffers) and each shape must match; an integer buffer takes whole numbers only.
     * On any mismatch nothing is changed and the error lists what differs.
     */
    public void loadStateDict(Map<String, Tensor> state) {
        Map<String, Object> own = state();
        checkSameNames(own.keySet(), state.keySet());
        for (var e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            checkShape("loadStateDict", e.getKey(), src.shape(), shapeOf(e.getValue()));
            if (e.getValue() instanceof IntegerBuffer) {
                for (float v : src.data()) {
                    if (!(Float.isFinite(v) && v == Math.rint(v))) {
                        throw new IllegalArgumentException("loadStateDict: '" + e.getKey()
                                + "' is an integer buffer and cannot take the value " + v + " (expected whole numbers)");
                    }
                }
            }
        }
        for (var e : own.entrySet()) {
            float[] src = state.get(e.getKey()).data();
            if (e.getValue() instanceof IntegerBuffer b) {
                for (int i = 0; i < src.length; i++) {
                    b.data()[i] = (long) src[i];
                }
            } else {
                System.arraycopy(src, 0, ((Tensor) e.getValue()).data(), 0, src.length);
            }
        }
    }

    /** The state (parameters and buffers) as arrays for a safetensors file (copies): F32, integer buffers I64. */
    public Map<String, ArrayData> stateArrays() {
        Map<String, ArrayData> out = new LinkedHashMap<>();
        state().forEach((n, v) -> out.put(n, v instanceof IntegerBuffer b
                ? new ArrayData.I64(b.shape(), b.data().clone())
                : new ArrayData.F32(((Tensor) v).shape(), ((Tensor) v).toArray())));
        return out;
    }

    /**
     * Loads arrays read from a safetensors file; strict as {@link #loadStateDict}: parameters and float
     * buffers must be F32, integer buffers I64 (as PyTorch writes them).
     */
    public void loadStateArrays(Map<String, ArrayData> arrays) {
        Map<String, Object> own = state();
        checkSameNames(own.keySet(), arrays.keySet());
        for (var e : own.entrySet()) {
            ArrayData src = arrays.get(e.getKey());
            String expected = e.getValue() instanceof IntegerBuffer ? "I64" : "F32";
            if (!src.dtype().equals(expected)) {
                throw new IllegalArgumentException("loadStateArrays: '" + e.getKey() + "' is " + src.dtype()
                        + ", expected " + expected);
            }
            checkShape("loadStateArrays", e.getKey(), src.shape(), shapeOf(e.getValue()));
        }
        for (var e : own.entrySet()) {
            ArrayData src = arrays.get(e.getKey());
            if (e.getValue() instanceof IntegerBuffer b) {
                long[] d = ((ArrayData.I64) src).data();
                System.arraycopy(d, 0, b.data(), 0, d.length);
            } else {
                float[] d = ((ArrayData.F32) src).data();
                System.arraycopy(d, 0, ((Tensor) e.getValue()).data(), 0, d.length);
            }
        }
    }

    private static int[] shapeOf(Object stateValue) {
        return stateValue instanceof IntegerBuffer b ? b.shape() : ((Tensor) stateValue).shape();
    }

    private static void checkShape(String op, String name, int[] given, int[] expected) {
        if (!Arrays.equals(given, expected)) {
            throw new IllegalArgumentException(op + ": '" + name + "' has shape " + Arrays.toString(given)
                    + ", the model expects " + Arrays.toString(expected));
        }
    }

    private static void checkSameNames(java.util.Set<String> own, java.util.Set<String> given) {
        TreeSet<String> missing = new TreeSet<>(own);
        missing.removeAll(given);
        TreeSet<String> unexpected = new TreeSet<>(given);
        unexpected.removeAll(own);
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("state does not match the model: missing " + missing
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
