package org.latent4j.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode automatic differentiation over the ops that tensors record (define-by-run).
 *
 * <p>An op records a {@link Node} on its output when gradients are enabled on the current thread and
 * one of its inputs requires a gradient. {@link #backward} walks the recorded graph in reverse
 * topological order and applies each op's {@link GradFn}. With {@code createGraph}, the gradient
 * computation is itself recorded, so the gradient can be differentiated again (a gradient penalty
 * needs exactly this); otherwise it runs with recording off.
 */
public final class Autograd {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private Autograd() {}

    /** A scope that restores the previous recording mode when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Whether ops on this thread record the graph. */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Turns recording off on this thread until the scope closes: {@code try (var s = Autograd.noGrad()) {...}}. */
    public static Scope noGrad() {
        return setEnabled(false);
    }

    /** Turns recording on on this thread until the scope closes. */
    public static Scope enableGrad() {
        return setEnabled(true);
    }

    private static Scope setEnabled(boolean on) {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = on;
        return () -> flag[0] = previous;
    }

    // ---------------------------------------------------------------- recording (used by the ops)

    static Tensor record(String op, Tensor out, Tensor a, GradFn fa) {
        if (isEnabled() && a.requiresGrad()) {
            out.node = new Node(op, new Tensor[] {a}, new GradFn[] {fa});
        }
        return out;
    }

    static Tensor record(String op, Tensor out, Tensor a, GradFn fa, Tensor b, GradFn fb) {
        if (isEnabled() && (a.requiresGrad() || b.requiresGrad())) {
            out.node = new Node(op, new Tensor[] {a, b}, new GradFn[] {fa, fb});
        }
        return out;
    }

    static Tensor record(String op, Tensor out, Tensor[] inputs, GradFn[] fns) {
        if (isEnabled()) {
            for (Tensor t : inputs) {
                if (t.requiresGrad()) {
                    out.node = new Node(op, inputs.clone(), fns.clone());
                    break;
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- backward

    /**
     * Accumulates into {@link Tensor#grad()} of every leaf that asks for it the gradient of {@code root}
     * (seeded with {@code seed}, or 1 for a one-element root).
     */
    public static void backward(Tensor root, Tensor seed) {
        Map<Tensor, Tensor> none = new IdentityHashMap<>();
        propagate(root, seed, false, none, true);
    }

    /**
     * Gradients of a one-element {@code output} with respect to {@code inputs} (leaves or intermediate
     * results), without touching {@link Tensor#grad()}. An input the output does not depend on gets zeros.
     *
     * @param createGraph record the gradient computation, so the returned gradients can be differentiated
     */
    public static Tensor[] grad(Tensor output, Tensor[] inputs, boolean createGraph) {
        return grad(output, null, inputs, createGraph);
    }

    /** Like {@link #grad(Tensor, Tensor[], boolean)} with an explicit seed gradient for a non-scalar output. */
    public static Tensor[] grad(Tensor output, Tensor seed, Tensor[] inputs, boolean createGraph) {
        Map<Tensor, Tensor> wanted = new IdentityHashMap<>();
        for (Tensor t : inputs) {
            if (!t.requiresGrad()) {
                throw new IllegalArgumentException("grad: an input of shape " + Shape.str(t.shape)
                        + " does not require gradients (call requiresGrad(true) on it before the computation)");
            }
            wanted.put(t, null);
        }
        propagate(output, seed, createGraph, wanted, false);
        Tensor[] out = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor g = wanted.get(inputs[i]);
            out[i] = g != null ? g : Tensor.zeros(inputs[i].shape);
        }
        return out;
    }

    private static void propagate(Tensor root, Tensor seed, boolean createGraph, Map<Tensor, Tensor> wanted,
                                  boolean accumulateLeaves) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: the output (shape " + Shape.str(root.shape)
                    + ") does not depend on any tensor that requires gradients");
        }
        if (seed == null) {
            if (root.data.length != 1) {
                throw new IllegalArgumentException("backward: the output has shape " + Shape.str(root.shape)
                        + "; give a seed gradient of that shape, or reduce it to one element first");
            }
            seed = Tensor.ones(root.shape);
        } else if (!Arrays.equals(seed.shape, root.shape)) {
            throw new IllegalArgumentException("backward: seed gradient shape " + Shape.str(seed.shape)
                    + " does not match the output shape " + Shape.str(root.shape));
        }
        List<Tensor> order = topologicalOrder(root);
        // For grad(): only the inputs from which a wanted tensor can be reached get a gradient, as in
        // PyTorch's autograd.grad. A gradient penalty's first backward thus computes no weight gradients
        // (two [n, w]ᵀ·[n, w] products per hidden layer that the penalty never uses).
        Map<Tensor, Boolean> leadsToWanted = accumulateLeaves ? null : leadsTo(order, wanted);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, seed);
        try (Scope ignored = setEnabled(createGraph)) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.remove(t);
                if (g == null) {
                    continue;
                }
                if (wanted.containsKey(t)) {
                    wanted.put(t, g);
                }
                Node node = t.node;
                if (node == null) {
                    if (accumulateLeaves && t.requiresGrad()) {
                        Tensor old = t.grad();
                        // Stored as is, not copied: nothing in latent4j writes a gradient in place
                        // (see Tensor#grad), so sharing a buffer with another gradient is harmless.
                        t.setGrad(old == null ? g : old.add(g));
                    }
                    continue;
                }
                for (int k = 0; k < node.inputs().length; k++) {
                    Tensor in = node.inputs()[k];
                    if (!in.requiresGrad() || leadsToWanted != null && !leadsToWanted.containsKey(in)) {
                        continue;
                    }
                    Tensor gi = node.gradFns()[k].apply(g);
                    if (!Arrays.equals(gi.shape, in.shape)) {
                        throw new IllegalStateException("backward of " + node.op() + ": gradient for input " + k
                                + " has shape " + Shape.str(gi.shape) + ", the input has " + Shape.str(in.shape));
                    }
                    grads.merge(in, gi, Tensor::add);
                }
            }
        }
    }

    /**
     * The tensors of {@code order} (each after its inputs) that are wanted or have an input that leads to a
     * wanted one: those whose gradient {@link #grad} needs.
     */
    private static Map<Tensor, Boolean> leadsTo(List<Tensor> order, Map<Tensor, Tensor> wanted) {
        Map<Tensor, Boolean> leads = new IdentityHashMap<>();
        for (Tensor t : order) {
            boolean yes = wanted.containsKey(t);
            if (!yes && t.node != null) {
                for (Tensor in : t.node.inputs()) {
                    if (leads.containsKey(in)) {
                        yes = true;
                        break;
                    }
                }
            }
            if (yes) {
                leads.put(t, Boolean.TRUE);
            }
        }
        return leads;
    }

    /** Tensors reachable from root through recorded ops, each after all of its inputs. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        stack.push(root);
        next.push(0);
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            int k = next.pop();
            Tensor[] inputs = t.node == null ? new Tensor[0] : t.node.inputs();
            if (k < inputs.length) {
                next.push(k + 1);
                Tensor in = inputs[k];
                if (in.requiresGrad() && seen.putIfAbsent(in, Boolean.TRUE) == null) {
                    stack.push(in);
                    next.push(0);
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
