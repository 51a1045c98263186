package org.latent4j.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.latent4j.io.ArrayData;
import org.latent4j.runtime.Parallel;
import org.latent4j.tensor.Tensor;

/**
 * A first-order optimizer over a fixed set of named parameters, updating each parameter's
 * {@link Tensor#data()} in place from its {@link Tensor#grad()} (PyTorch's {@code torch.optim.Optimizer}
 * with one parameter group).
 *
 * <p>State is kept the way PyTorch keeps it, so the updates follow PyTorch's formulas step for step: a
 * per-parameter step count (incremented only when that parameter had a gradient) and per-parameter
 * float32 buffers of the parameter's shape ({@code exp_avg}, {@code momentum_buffer}, ...). All of it,
 * plus the current learning rate and the number of {@link #step()} calls, is exported by
 * {@link #exportState()} as arrays for a checkpoint; {@link #importState} restores it exactly, so a
 * resumed run takes bit-identical steps.
 *
 * <p>Element-wise updates run in one pass over all parameters, in deterministic chunks over {@link Parallel}
 * (see {@link #step()}); each element's arithmetic does not depend on the chunking, so results do not depend
 * on the thread count.
 * An optimizer is not thread-safe.
 */
public abstract class Optimizer {
    /**
     * Parameters with at least this many elements are updated in parallel chunks. An element costs about
     * a quarter of a nanosecond (Adam, measured on the 784-400-20 VAE's parameters), so smaller chunks
     * would cost more in hand-offs than they save.
     */
    static final int PARALLEL_MIN = 1 << 18;

    private final String kind;
    private final String[] names;
    private final Tensor[] params;
    private final long[] paramSteps;
    private final String[] bufferNames;
    /** {@code buffers[param][buffer]}: one float array of the parameter's size per named buffer. */
    private final float[][][] buffers;
    private double learningRate;
    private long steps;
    // Scratch of step(), kept between steps: which parameters have a gradient, where each starts when
    // they are laid end to end (one more entry: the total), their gradients and their step counts.
    private final int[] stepIndex;
    private final long[] stepStart;
    private final float[][] stepGrad;
    private final long[] stepCount;

    /**
     * @param kind        the short lower-case name used as the prefix of the optimizer-wide state keys
     * @param parameters  named parameters, in a stable order (e.g. {@code Module.namedParameters()})
     * @param bufferNames the per-parameter buffers this optimizer keeps, allocated as zeros
     */
    protected Optimizer(String kind, Map<String, Tensor> parameters, double learningRate, String... bufferNames) {
        this.kind = kind;
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException(kind + ": expected at least one parameter, got "
                    + (parameters == null ? "null" : "an empty map"));
        }
        int n = parameters.size();
        this.names = new String[n];
        this.params = new Tensor[n];
        Map<Tensor, String> seen = new IdentityHashMap<>();
        int i = 0;
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException(kind + ": parameter " + i + " has an empty name");
            }
            if (t == null) {
                throw new IllegalArgumentException(kind + ": parameter '" + name + "' is null");
            }
            String other = seen.put(t, name);
            if (other != null) {
                throw new IllegalArgumentException(kind + ": the same tensor is registered as both '" + other
                        + "' and '" + name + "'; it would be updated twice per step");
            }
            names[i] = name;
            params[i] = t;
            i++;
        }
        this.bufferNames = bufferNames.clone();
        this.paramSteps = new long[n];
        this.stepIndex = new int[n];
        this.stepStart = new long[n + 1];
        this.stepGrad = new float[n][];
        this.stepCount = new long[n];
        this.buffers = new float[n][bufferNames.length][];
        for (int p = 0; p < n; p++) {
            for (int b = 0; b < bufferNames.length; b++) {
                buffers[p][b] = new float[params[p].numel()];
            }
        }
        setLearningRate(learningRate);
        checkKeysUnique();
    }

    /**
     * Updates the elements {@code [start, end)} of one parameter.
     *
     * @param p     the parameter's values, updated in place
     * @param g     its gradient
     * @param state its buffers, in the order given to the constructor
     * @param step  its step count, already incremented for this update (1 on its first update)
     */
    protected abstract void update(float[] p, float[] g, float[][] state, long step, int start, int end);

    /**
     * Applies one update to every parameter that has a gradient; parameters without one are left alone.
     *
     * <p>All parameters are updated in one parallel pass: their elements are laid end to end and cut into
     * chunks over {@link Parallel} (a chunk may span the end of one parameter and the start of the next),
     * so a step waits for the threads once, not once per large parameter. The update is element-wise, so
     * the cut does not change any value.
     */
    public final void step() {
        steps++;
        int count = 0;
        long total = 0;
        for (int i = 0; i < params.length; i++) {
            if (params[i].grad() != null) {
                stepIndex[count] = i;
                stepGrad[count] = params[i].grad().data();
                stepStart[count] = total;
                stepCount[count] = ++paramSteps[i];
                total += params[i].numel();
                count++;
            }
        }
        stepStart[count] = total;
        if (total >= PARALLEL_MIN && total <= Integer.MAX_VALUE) {
            int n = count;
            Parallel.forRange((int) total, PARALLEL_MIN / 2, (a, b) -> updateRange(n, a, b));
        } else {
            for (int j = 0; j < count; j++) {
                int i = stepIndex[j];
                update(params[i].data(), stepGrad[j], buffers[i], stepCount[j], 0, params[i].numel());
            }
        }
        java.util.Arrays.fill(stepGrad, null); // the gradients are not ours to keep alive
    }

    /** The updates of the elements [a, b) of the parameters laid end to end (see {@link #step()}). */
    private void updateRange(int count, long a, long b) {
        int j = 0;
        while (stepStart[j + 1] <= a) {
            j++;
        }
        for (; j < count && stepStart[j] < b; j++) {
            int i = stepIndex[j];
            int lo = (int) (Math.max(a, stepStart[j]) - stepStart[j]);
            int hi = (int) (Math.min(b, stepStart[j + 1]) - stepStart[j]);
            if (lo < hi) {
                update(params[i].data(), stepGrad[j], buffers[i], stepCount[j], lo, hi);
            }
        }
    }

    /** Clears every parameter's gradient. */
    public final void zeroGrad() {
        for (Tensor t : params) {
            t.zeroGrad();
        }
    }

    /** The short name of this optimizer ({@code "adam"}, {@code "sgd"}, ...), the prefix of its state keys. */
    public final String kind() {
        return kind;
    }

    /** The learning rate the next {@link #step()} uses. */
    public final double learningRate() {
        return learningRate;
    }

    /** Sets the learning rate for the following steps (a schedule calls this once per epoch). */
    public final void setLearningRate(double lr) {
        if (!(lr >= 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException(kind + ": learning rate must be a finite number >= 0, got " + lr);
        }
        this.learningRate = lr;
    }

    /** How many times {@link #step()} has been called (restored by {@link #importState}). */
    public final long stepCount() {
        return steps;
    }

    /** The parameters, by name, in the order given. */
    public final Map<String, Tensor> parameters() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], params[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    // ---------------------------------------------------------------- checkpoints

    /**
     * The whole state as arrays (copies), for a checkpoint: {@code <kind>.step} (I64 scalar, calls to
     * {@link #step()}), {@code <kind>.lr} (F64 scalar), and per parameter {@code <name>.step} (I64 scalar)
     * and {@code <name>.<buffer>} (F32, the parameter's shape).
     */
    public final Map<String, ArrayData> exportState() {
        Map<String, ArrayData> out = new LinkedHashMap<>();
        out.put(kind + ".step", new ArrayData.I64(new int[0], new long[] {steps}));
        out.put(kind + ".lr", new ArrayData.F64(new int[0], new double[] {learningRate}));
        for (int i = 0; i < params.length; i++) {
            out.put(names[i] + ".step", new ArrayData.I64(new int[0], new long[] {paramSteps[i]}));
            for (int b = 0; b < bufferNames.length; b++) {
                out.put(names[i] + "." + bufferNames[b], new ArrayData.F32(params[i].shape(), buffers[i][b].clone()));
            }
        }
        return out;
    }

    /**
     * Restores a state written by {@link #exportState()} of an optimizer of the same kind and
     * configuration over parameters with the same names and shapes. Nothing is changed unless every
     * check passes: the key set must match exactly, and every array must have the expected type and
     * shape, counts must be non-negative and the learning rate finite.
     *
     * @throws IllegalArgumentException naming the missing, unknown or mismatched keys
     */
    public final void importState(Map<String, ArrayData> state) {
        if (state == null) {
            throw new IllegalArgumentException(kind + ".importState: state is null");
        }
        Map<String, ArrayData> expected = exportState();
        TreeSet<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(state.keySet());
        TreeSet<String> unknown = new TreeSet<>(state.keySet());
        unknown.removeAll(expected.keySet());
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            StringBuilder msg = new StringBuilder(kind + ".importState: the state does not fit this optimizer");
            if (!missing.isEmpty()) {
                msg.append("; missing keys ").append(abbreviate(missing));
            }
            if (!unknown.isEmpty()) {
                msg.append("; unknown keys ").append(abbreviate(unknown));
            }
            msg.append(" (expected the state of a '").append(kind).append("' optimizer with buffers ")
                    .append(Arrays.toString(bufferNames)).append(" over parameters ").append(abbreviate(Arrays.asList(names))).append(')');
            throw new IllegalArgumentException(msg.toString());
        }
        for (Map.Entry<String, ArrayData> e : expected.entrySet()) {
            ArrayData got = state.get(e.getKey());
            ArrayData want = e.getValue();
            if (got == null) {
                throw new IllegalArgumentException(kind + ".importState: key '" + e.getKey() + "' is null");
            }
            if (!got.dtype().equals(want.dtype()) || !Arrays.equals(got.shape(), want.shape())) {
                throw new IllegalArgumentException(kind + ".importState: key '" + e.getKey() + "' holds " + got.dtype()
                        + Arrays.toString(got.shape()) + ", expected " + want.dtype() + Arrays.toString(want.shape()));
            }
        }
        long newSteps = scalarCount(state, kind + ".step");
        double newLr = ((ArrayData.F64) state.get(kind + ".lr")).data()[0];
        if (!(newLr >= 0) || !Double.isFinite(newLr)) {
            throw new IllegalArgumentException(kind + ".importState: key '" + kind + ".lr' holds " + newLr
                    + ", expected a finite learning rate >= 0");
        }
        long[] newParamSteps = new long[params.length];
        for (int i = 0; i < params.length; i++) {
            newParamSteps[i] = scalarCount(state, names[i] + ".step");
            if (newParamSteps[i] > newSteps) {
                throw new IllegalArgumentException(kind + ".importState: key '" + names[i] + ".step' holds "
                        + newParamSteps[i] + ", more than the optimizer's own step count " + newSteps);
            }
        }
        steps = newSteps;
        learningRate = newLr;
        for (int i = 0; i < params.length; i++) {
            paramSteps[i] = newParamSteps[i];
            for (int b = 0; b < bufferNames.length; b++) {
                float[] src = ((ArrayData.F32) state.get(names[i] + "." + bufferNames[b])).data();
                System.arraycopy(src, 0, buffers[i][b], 0, src.length);
            }
        }
    }

    private long scalarCount(Map<String, ArrayData> state, String key) {
        long v = ((ArrayData.I64) state.get(key)).data()[0];
        if (v < 0) {
            throw new IllegalArgumentException(kind + ".importState: key '" + key + "' holds " + v + ", expected a count >= 0");
        }
        return v;
    }

    private static String abbreviate(java.util.Collection<String> keys) {
        List<String> list = new ArrayList<>(keys);
        if (list.size() <= 8) {
            return list.toString();
        }
        return list.subList(0, 8) + " and " + (list.size() - 8) + " more";
    }

    private void checkKeysUnique() {
        // A parameter named like the optimizer ("adam") would make "<name>.step" collide with "adam.step".
        java.util.Set<String> keys = new java.util.HashSet<>(List.of(kind + ".step", kind + ".lr"));
        boolean clash = false;
        for (String name : names) {
            clash |= !keys.add(name + ".step");
            for (String b : bufferNames) {
                clash |= !keys.add(name + "." + b);
            }
        }
        if (clash) {
            throw new IllegalArgumentException(kind + ": parameter names " + abbreviate(Arrays.asList(names))
                    + " give clashing state keys; no parameter may be named '" + kind + "'");
        }
    }

    /** Buffer {@code b} of parameter {@code i}, for optimizers that start a buffer at a non-zero value. */
    protected final float[] buffer(int i, int b) {
        return buffers[i][b];
    }

    /** The number of parameters. */
    protected final int parameterCount() {
        return params.length;
    }
}
