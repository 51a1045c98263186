package org.latent4j.cli.console;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes the libraries' log records (java.util.logging, where {@link System.Logger} goes by default) to
 * standard error as one line each ({@code latent4j: warning: ...}) instead of the JDK's two-line format:
 * info and above normally, everything from debug on with {@code --debug}, only errors with {@code --quiet}.
 */
public final class Logging {
    private Logging() {}

    /** Installs the handler (once per JVM) and sets the levels for these options. */
    public static synchronized void configure(OutputOptions options) {
        Logger root = LogManager.getLogManager().getLogger("");
        OneLine handler = null;
        for (Handler h : root.getHandlers()) {
            if (h instanceof OneLine ours) {
                handler = ours;
            } else {
                root.removeHandler(h);
            }
        }
        if (handler == null) {
            handler = new OneLine();
            root.addHandler(handler);
        }
        Level level = options.quiet() ? Level.SEVERE : options.debug() ? Level.FINE : Level.INFO;
        root.setLevel(level);
        handler.setLevel(level);
    }

    /** One line per record on the standard error of the moment (tests replace it). */
    private static final class OneLine extends Handler {
        @Override
        public void publish(LogRecord r) {
            if (!isLoggable(r)) {
                return;
            }
            String message = r.getMessage();
            if (r.getParameters() != null && r.getParameters().length > 0) {
                message = java.text.MessageFormat.format(message, r.getParameters());
            }
            String level = r.getLevel().intValue() >= Level.SEVERE.intValue() ? "error: "
                    : r.getLevel().intValue() >= Level.WARNING.intValue() ? "warning: "
                    : r.getLevel().intValue() < Level.INFO.intValue() ? "debug: " : "";
            String text = message.startsWith("latent4j") ? message : "latent4j: " + level + message;
            if (r.getThrown() != null && r.getLevel().intValue() < Level.INFO.intValue()) {
                text += " (" + r.getThrown() + ")";
            }
            java.io.PrintWriter err = new java.io.PrintWriter(System.err, true);
            Progress.printAbove(err, text);
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
