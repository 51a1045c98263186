package org.latent4j.cli.console;

import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Turns a bad option value into a usage error (exit code 2, with a pointer to {@code --help}) instead of a
 * failure (exit code 1): the library code that parses a value throws {@link IllegalArgumentException}, and
 * the command says which option the value came from.
 *
 * <p>One rule for counts on every command: a count (examples, samples, components, epochs, ...) is at
 * least 1, and a count of examples is at most what the data have; there is no "0 = all". An option that
 * may be left out says what leaving it out means (e.g. {@code --limit}: all examples), and the few whose 0
 * switches something off say so in their help ({@code --patience}, {@code --eval-samples}, {@code --pca}).
 */
public final class Usage {
    private Usage() {}

    /** Runs {@code parse}; an {@link IllegalArgumentException} becomes a usage error about {@code option}. */
    public static <T> T option(CommandSpec spec, String option, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw error(spec, option + ": " + e.getMessage());
        }
    }

    /** Checks that an integer option is at least {@code min}. */
    public static void atLeast(CommandSpec spec, String option, long value, long min) {
        if (value < min) {
            throw error(spec, option + ": expected " + (min <= 1 ? "a count >= " + min : "a number >= " + min) + ", got " + value);
        }
    }

    /** Checks that a number option is finite and at least {@code min} ({@code above}: strictly above it). */
    public static double number(CommandSpec spec, String option, double value, double min, boolean above) {
        if (!Double.isFinite(value) || value < min || (above && value == min)) {
            throw error(spec, option + ": expected a finite number " + (above ? "> " : ">= ") + formatted(min) + ", got " + value);
        }
        return value;
    }

    private static String formatted(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Checks a count option: at least 1. */
    public static int count(CommandSpec spec, String option, int value) {
        atLeast(spec, option, value, 1);
        return value;
    }

    /**
     * A count of examples taken from data of {@code rows} examples: {@code requested} (at least 1 and at most
     * {@code rows}, else a usage error naming the option and the data's size), or {@code whenOmitted} when
     * the option was not given (capped at {@code rows}).
     */
    public static int examples(CommandSpec spec, String option, Integer requested, int whenOmitted, int rows, String data) {
        if (requested == null) {
            return Math.min(whenOmitted, rows);
        }
        count(spec, option, requested);
        if (requested > rows) {
            throw error(spec, option + " " + requested + ": " + data + " has only " + rows + " examples");
        }
        return requested;
    }

    /** A usage error of the command with this message. */
    public static ParameterException error(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
