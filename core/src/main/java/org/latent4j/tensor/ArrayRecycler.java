package org.latent4j.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The large arrays of one training step, handed to the next step's ops instead of new arrays.
 *
 * <p>Why: a new Java array is zeroed by the thread that allocates it, in one pass over memory, while the
 * worker threads of the parallel products wait. A step of the reference VAE asks for some 3.5 MB of them
 * (the batch, the layers' outputs, the loss's cached exponentials and its gradient, the masked gradients,
 * the weight gradients). Writing the next step's values into the last step's arrays, which these ops
 * overwrite whole, saves those passes: a tenth of a steady epoch of the reference VAE, same bits
 * (docs/performance.md, "Recycled step arrays"). It is what PyTorch's caching allocator does for every
 * tensor; here only the arrays of a step that the training loop knows to be dead are reused.
 *
 * <p>Use: the training loop {@link #open}s a recycler, and brackets each step with {@link #beginStep} and
 * {@link #endStep}. Between the two, the ops that ask {@link #forOutput} for their output (matrix products,
 * linear layers, the Bernoulli loss and its gradient, the masked gradients of {@link LinearActivation},
 * mini-batches) get an array of an earlier step, or a new one, and the recycler remembers it; at
 * {@code endStep} every one comes back. Whoever ends a step so promises that nothing reads a tensor computed
 * in it any more (nor a view of one, nor its {@link Tensor#data()}). {@link #dropStep} ends a step without
 * that promise: its arrays stay with whoever holds them. Outside a step, {@code forOutput} is a new array.
 *
 * <p>Scope: a recycler belongs to the thread that opened it (the training loop's) and serves only that
 * thread: an op on a worker thread gets a new array.
 *
 * <p>Checking the promise: with the system property {@value #POISON_PROPERTY} set to {@code true} (the
 * test suites set it), every array that comes back is filled with NaN, and is reused only from the step
 * after next. Code that reads a tensor of a step in the next one gets NaN, which the trainer's finite
 * checks and the tests' figures do not let pass; an op that does not overwrite a reused array whole leaves
 * NaN in its output.
 */
public final class ArrayRecycler implements AutoCloseable {
    /**
     * Smaller arrays come cheaply from the allocator's thread-local buffers; recycling them saves nothing.
     * 16,384 floats (64 KB) takes in the reference VAE's hidden activations (128 × 400).
     */
    static final int MIN_LENGTH = 1 << 14;

    /** The system property that makes arrays that come back NaN, to catch a read after the promise. */
    public static final String POISON_PROPERTY = "latent4j.recycler.poison";

    private static final boolean POISON = Boolean.getBoolean(POISON_PROPERTY);

    private static final ThreadLocal<ArrayRecycler> CURRENT = new ThreadLocal<>();

    private final Thread owner = Thread.currentThread();
    private final ArrayRecycler previous;
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    /** The arrays issued since {@link #beginStep}, or null outside a step. */
    private List<float[]> step;
    /** With the poison on: the last step's arrays, free from the end of the current one. */
    private List<float[]> quarantine = new ArrayList<>();
    private boolean closed;

    private ArrayRecycler(ArrayRecycler previous) {
        this.previous = previous;
    }

    /** Opens a recycler for the steps of the calling thread, until {@link #close}. */
    public static ArrayRecycler open() {
        ArrayRecycler r = new ArrayRecycler(CURRENT.get());
        CURRENT.set(r);
        return r;
    }

    /**
     * An array of {@code length} floats for the caller to overwrite whole: in a step of the calling thread's
     * open recycler, one of an earlier step's (its values undefined: an earlier tensor's, or NaN) or a new
     * one; otherwise a new one.
     */
    public static float[] forOutput(int length) {
        ArrayRecycler r = length >= MIN_LENGTH ? CURRENT.get() : null;
        if (r == null || r.step == null) {
            return new float[length];
        }
        ArrayDeque<float[]> q = r.free.get(length);
        float[] a = q == null ? null : q.poll();
        if (a == null) {
            a = new float[length];
        }
        r.step.add(a);
        return a;
    }

    /** Starts a step (a step begun before and not ended is dropped, see {@link #dropStep}). */
    public void beginStep() {
        requireOwner("beginStep");
        step = new ArrayList<>();
    }

    /**
     * Ends the step, taking back every array issued in it; the caller promises that nothing reads a tensor
     * computed in the step any more.
     *
     * @return how many arrays came back
     */
    public int endStep() {
        requireOwner("endStep");
        if (step == null) {
            throw new IllegalStateException("ArrayRecycler: endStep without beginStep");
        }
        List<float[]> back = step;
        step = null;
        if (POISON) {
            back.forEach(a -> Arrays.fill(a, Float.NaN));
            List<float[]> released = quarantine;
            quarantine = back;
            back = released;
        }
        for (float[] a : back) {
            free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).add(a);
        }
        return POISON ? quarantine.size() : back.size();
    }

    /** Ends the step without taking its arrays back: they stay with whoever holds them. */
    public void dropStep() {
        requireOwner("dropStep");
        step = null;
    }

    /** How many arrays wait to be reused. */
    public int size() {
        return free.values().stream().mapToInt(ArrayDeque::size).sum() + quarantine.size();
    }

    private void requireOwner(String what) {
        if (closed || Thread.currentThread() != owner) {
            throw new IllegalStateException("ArrayRecycler: " + what + " on the thread that opened it, before close");
        }
    }

    /** Stops serving the calling thread (the recycler opened before this one serves it again). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner || CURRENT.get() != this) {
            throw new IllegalStateException("ArrayRecycler: close on the thread that opened it, innermost first");
        }
        closed = true;
        step = null;
        quarantine = List.of();
        free.clear();
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
