package org.latent4j.cli.console;

import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Turns a bad option value into a usage error (exit code 2, with a pointer to {@code --help}) instead of a
 * failure (exit code 1): the library code that parses a value throws {@link IllegalArgumentException}, and
 * the command says which option the value came from.
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
            throw error(spec, option + ": expected " + (min == 0 ? "a count >= 0" : "a number >= " + min) + ", got " + value);
        }
    }

    /** A usage error of the command with this message. */
    public static ParameterException error(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
