package org.latent4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import org.latent4j.cli.console.OutputOptions;
import org.latent4j.models.training.NonFiniteLossException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How a run that goes wrong ends: one line on standard error, {@code latent4j COMMAND: message}, the
 * stack trace only with {@code --debug}, and an exit code that tells bad usage ({@link Main#USAGE}: the
 * command line or config file is wrong) from failure ({@link Main#FAILURE}: data, files, computation).
 */
final class Errors {
    private final OutputOptions output;

    Errors(OutputOptions output) {
        this.output = output;
    }

    /** A command line that picocli, a command or a config file rejected. */
    int usage(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        if (!cmd.getSubcommands().isEmpty() && !(cmd.getCommandSpec().userObject() instanceof java.util.concurrent.Callable<?>)
                && e.getMessage() != null && e.getMessage().startsWith("Missing required subcommand")) {
            cmd.usage(cmd.getErr());    // 'latent4j' or 'latent4j train' alone: show what can follow
            return Main.USAGE;
        }
        String name = cmd.getCommandSpec().qualifiedName(" ");
        StringBuilder line = new StringBuilder(name).append(": ").append(e.getMessage());
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            // picocli lists the value after an unknown option as unknown too ("'--epoch', '3'"): name the option alone.
            List<String> unmatched = u.getUnmatched();
            String first = unmatched.stream().filter(a -> a.startsWith("-")).findFirst().orElse(unmatched.get(0));
            line.setLength(0);
            String what = first.startsWith("-") ? "unknown option '"
                    : cmd.getSubcommands().isEmpty() ? "unexpected argument '" : "unknown command '";
            line.append(name).append(": ").append(what)
                    .append(first).append('\'');
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                line.append(" (did you mean ").append(String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))))
                        .append("?)");
            }
        }
        line.append("; see '").append(name).append(" --help'");
        PrintWriter err = cmd.getErr();
        err.println(line);
        if (output.debug()) {
            e.printStackTrace(err);
        }
        err.flush();
        return Main.USAGE;
    }

    /** A command that failed while running. */
    int failure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName(" ") + ": " + message(e));
        if (output.debug()) {
            e.printStackTrace(err);
        }
        err.flush();
        return Main.FAILURE;
    }

    /** The exception as one sentence: the file and what is wrong with it, then the causes that add something. */
    static String message(Throwable e) {
        StringBuilder msg = new StringBuilder(own(e));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof com.fasterxml.jackson.core.JacksonException) {
                // The reader already said what is wrong in words (Json.problem); Jackson's own text names its
                // features and classes and "[Source: REDACTED ...]".
                continue;
            }
            String m = own(c);
            if (!msg.toString().contains(m)) {
                msg.append(" (").append(m).append(')');
            }
        }
        if (!expected(e)) {
            msg.append(" [an internal error: ").append(e.getClass().getSimpleName())
                    .append("; run with --debug for the stack trace]");
        }
        return msg.toString();
    }

    private static String own(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null && u.getMessage() == null) {
            return own(u.getCause());
        }
        if (e instanceof FileSystemException f) {
            String what = switch (f) {
                case NoSuchFileException x -> "no such file or folder";
                case AccessDeniedException x -> "permission denied";
                case FileAlreadyExistsException x -> "already exists";
                case NotDirectoryException x -> "not a folder";
                default -> null;
            };
            String reason = f.getReason();
            String file = f.getFile() == null ? "" : f.getFile();
            if (what != null) {
                return file + ": " + (reason == null ? what : reason);
            }
            return file + (reason == null ? "" : ": " + reason);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Whether the exception is one that reports bad data, files or state, as opposed to a bug. */
    private static boolean expected(Throwable e) {
        return e instanceof IOException || e instanceof UncheckedIOException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException || e instanceof ArithmeticException
                || e instanceof UnsupportedOperationException || e instanceof NonFiniteLossException
                || e instanceof CommandLine.ExecutionException;
    }
}
