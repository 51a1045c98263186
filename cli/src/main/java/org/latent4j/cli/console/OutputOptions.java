package org.latent4j.cli.console;

/**
 * The program-wide output settings that the global options {@code --quiet}, {@code --debug} and
 * {@code --[no-]progress} set (on the root command, accepted before or after any subcommand). Every
 * {@link Console} of one run reads the same instance.
 */
public final class OutputOptions {
    private boolean quiet;
    private boolean debug = System.getenv("LATENT4J_DEBUG") != null;
    private Boolean progress;

    /** Where a command finds the settings of its run: the root command's user object implements this. */
    public interface Source {
        OutputOptions outputOptions();
    }

    /** Nothing but errors on standard error, and on standard output only what was asked for (JSON, data). */
    public boolean quiet() {
        return quiet;
    }

    public void quiet(boolean on) {
        quiet = on;
    }

    /** Failures print their stack trace after the one-line message. */
    public boolean debug() {
        return debug;
    }

    public void debug(boolean on) {
        debug = on;
    }

    /** True: draw progress bars whatever the mode; false: never; null (the default): only on a terminal in the normal mode. */
    public Boolean progress() {
        return progress;
    }

    public void progress(Boolean on) {
        progress = on;
    }
}
