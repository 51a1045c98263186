package org.latent4j.optim;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latent4j.tensor.Tensor;

/** Optimizers by name, for the command line: PyTorch's defaults for everything but the learning rate. */
public final class Optimizers {
    /** The accepted names. */
    public static final List<String> NAMES = List.of("sgd", "adam", "adamw", "rmsprop", "adagrad");

    private Optimizers() {}

    /**
     * A new optimizer over {@code parameters}.
     *
     * @param name one of {@link #NAMES}, case-insensitive
     * @throws IllegalArgumentException for an unknown name (listing the accepted ones) or a bad learning rate
     */
    public static Optimizer create(String name, double lr, Map<String, Tensor> parameters) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "sgd" -> new Sgd(parameters, Sgd.Config.builder().lr(lr).build());
            case "adam" -> new Adam(parameters, Adam.Config.builder().lr(lr).build());
            case "adamw" -> new AdamW(parameters, AdamW.Config.builder().lr(lr).build());
            case "rmsprop" -> new RmsProp(parameters, RmsProp.Config.builder().lr(lr).build());
            case "adagrad" -> new Adagrad(parameters, Adagrad.Config.builder().lr(lr).build());
            default -> throw new IllegalArgumentException("optimizer: unknown name '" + name + "', expected one of "
                    + String.join(", ", NAMES));
        };
    }
}
