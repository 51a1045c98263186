package org.latent4j.nn;

import java.util.Arrays;
import java.util.Locale;
import org.latent4j.tensor.LinearActivation;
import org.latent4j.tensor.Tensor;

/** Element-wise activation functions, usable as a function or as a parameterless layer. */
public enum Activation {
    RELU, TANH, SIGMOID, LEAKY_RELU, ELU, SOFTPLUS, IDENTITY;

    /** Applies the function (leaky relu slope 0.01 and elu alpha 1, PyTorch's defaults). */
    public Tensor apply(Tensor x) {
        return switch (this) {
            case RELU -> x.relu();
            case TANH -> x.tanh();
            case SIGMOID -> x.sigmoid();
            case LEAKY_RELU -> x.leakyRelu(0.01f);
            case ELU -> x.elu(1f);
            case SOFTPLUS -> x.softplus();
            case IDENTITY -> x;
        };
    }

    /** This activation as a layer. */
    public Layer layer() {
        return new Applied(this);
    }

    /**
     * The kind of {@link LinearActivation} that computes a linear layer followed by this activation in one op,
     * or null when there is none (elu, softplus: their derivatives are not functions of their outputs).
     */
    public LinearActivation.Kind fusedKind() {
        return switch (this) {
            case RELU -> LinearActivation.Kind.RELU;
            case LEAKY_RELU -> LinearActivation.Kind.LEAKY_RELU;
            case TANH -> LinearActivation.Kind.TANH;
            case SIGMOID -> LinearActivation.Kind.SIGMOID;
            case ELU, SOFTPLUS, IDENTITY -> null;
        };
    }

    /** An activation as a parameterless layer; {@link Sequential} fuses it into a {@link Linear} before it. */
    public static final class Applied extends Layer {
        private final Activation activation;

        Applied(Activation activation) {
            this.activation = activation;
        }

        public Activation activation() {
            return activation;
        }

        @Override
        public Tensor forward(Tensor x) {
            return activation.apply(x);
        }

        @Override
        public String toString() {
            return activation.name();
        }
    }

    /** The lower-case name used on the command line, e.g. {@code leaky-relu}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code relu}, {@code tanh}, {@code leaky-relu}, ... (case-insensitive, '-' or '_'). */
    public static Activation parse(String s) {
        String key = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Activation a : values()) {
            if (a.name().equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + s + "'; expected one of "
                + Arrays.stream(values()).map(Activation::cliName).toList());
    }
}
