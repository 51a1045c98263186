package org.latent4j.tensor;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Large product outputs handed back by a training loop, for the next step's products to write into instead
 * of new arrays.
 *
 * <p>Why: a weight's gradient is a product as large as the weight (1.25 MB for a 400×784 layer), and a new
 * Java array is zeroed by the thread that allocates it, in one pass over memory, while the worker threads of
 * the parallel product wait. Writing the next step's gradient into the last one's array, which the product
 * overwrites whole, saves that pass: 3–4 % of an epoch of the reference VAE, same bits (docs/performance.md,
 * "Where the training thread's time goes, and recycled gradient arrays"). It is what PyTorch's caching allocator does for every tensor; here only the
 * arrays the training loop knows to be dead are reused.
 *
 * <p>Scope: a recycler belongs to the thread that {@link #open}ed it (the training loop's) and serves only
 * products computed on that thread while it is open. It takes back only arrays it issued itself (remembered
 * weakly, so an output that is never handed back is collected as usual), so a caller's own array, or a
 * view of one, is never reused. Whoever hands an array back promises that nothing reads it any more.
 */
public final class ArrayRecycler implements AutoCloseable {
    /** Smaller arrays come cheaply from the allocator's thread-local buffers; recycling them saves nothing. */
    static final int MIN_LENGTH = 1 << 16;

    private static final ThreadLocal<ArrayRecycler> CURRENT = new ThreadLocal<>();

    private final Thread owner = Thread.currentThread();
    private final ArrayRecycler previous;
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final WeakHashMap<float[], Boolean> issued = new WeakHashMap<>(); // arrays hash by identity
    private boolean closed;

    private ArrayRecycler(ArrayRecycler previous) {
        this.previous = previous;
    }

    /** Opens a recycler for the products of the calling thread, until {@link #close}. */
    public static ArrayRecycler open() {
        ArrayRecycler r = new ArrayRecycler(CURRENT.get());
        CURRENT.set(r);
        return r;
    }

    /**
     * An array of {@code length} floats for a product to overwrite whole: one handed back to the calling
     * thread's open recycler, else a new one. Its contents are undefined.
     */
    static float[] forOutput(int length) {
        ArrayRecycler r = length >= MIN_LENGTH ? CURRENT.get() : null;
        if (r == null) {
            return new float[length];
        }
        ArrayDeque<float[]> q = r.free.get(length);
        float[] a = q == null ? null : q.poll();
        if (a == null) {
            a = new float[length];
        }
        r.issued.put(a, Boolean.TRUE);
        return a;
    }

    /**
     * Hands back the array of {@code t} for a later product to overwrite, if this recycler issued it and does
     * not hold it already; the caller promises that nothing reads {@code t} (or any tensor sharing its array)
     * any more.
     *
     * @return whether the array was taken back
     */
    public boolean recycle(Tensor t) {
        if (closed || Thread.currentThread() != owner) {
            throw new IllegalStateException("ArrayRecycler: recycle on the thread that opened it, before close");
        }
        float[] a = t.data;
        if (a.length < MIN_LENGTH || issued.remove(a) == null) {
            return false; // not ours, or already handed back (two tensors sharing one array)
        }
        free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).add(a);
        return true;
    }

    /** How many arrays wait to be reused. */
    public int size() {
        return free.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /** Stops serving the calling thread's products (the recycler opened before this one serves them again). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner || CURRENT.get() != this) {
            throw new IllegalStateException("ArrayRecycler: close on the thread that opened it, innermost first");
        }
        closed = true;
        free.clear();
        issued.clear();
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
