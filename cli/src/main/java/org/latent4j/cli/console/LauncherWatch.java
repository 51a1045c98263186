package org.latent4j.cli.console;

import java.util.Optional;

/**
 * Stops the JVM when the {@code latent4j} launcher script that started it is stopped.
 *
 * <p>The launcher does not replace itself with the JVM: it stays, to pass the JVM's standard error through
 * the filter that drops the incubator notice. A TERM or HUP sent to the launcher's process (what
 * {@code kill PID}, a closed terminal or a job scheduler sends) ends the launcher but would not reach the
 * JVM, which would go on writing a run nobody waits for. Ctrl-C reaches both, since the terminal signals
 * the whole process group. So the launcher names itself in {@code -Dlatent4j.launcher.pid} and this watch
 * exits the JVM with TERM's status, 143, when that process ends, running the same shutdown hooks as Ctrl-C
 * (progress bar erased, servers closed; every file is written atomically, so none is left half-written).
 */
public final class LauncherWatch {
    /** The system property naming the launcher's process id. */
    public static final String PROPERTY = "latent4j.launcher.pid";
    /** The exit status of a JVM whose launcher was stopped: 128 + SIGTERM, as the shell reports a TERM. */
    public static final int STATUS = 143;

    private LauncherWatch() {}

    /**
     * Starts watching the launcher named by {@link #PROPERTY}, when it is set and is this JVM's parent; does
     * nothing otherwise (a JVM started by other means, or a launcher that is already gone).
     */
    public static void start() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        // Only the process that started us: a stale or foreign pid must not stop the program.
        if (parent.isEmpty() || parent.get().pid() != pid) {
            return;
        }
        parent.get().onExit().thenRun(() -> {
            System.err.println("latent4j: the launcher (process " + pid + ") was stopped; stopping too");
            System.err.flush();
            System.exit(STATUS);
        });
    }
}
