package org.latent4j.cli.console;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the program can tell about its standard error without a native library: is it a terminal, how wide. */
final class Terminal {
    private Terminal() {}

    /**
     * Whether standard error is a terminal. The system property {@code latent4j.stderr.tty} (true/false)
     * decides when set; otherwise, on Linux, where file descriptor 2 points ({@code /dev/pts/N} or
     * {@code /dev/ttyN} is a terminal; a file or a pipe is not). Elsewhere the answer is no, so output
     * that goes to a log never fills with redrawn bars.
     */
    static boolean stderrIsTerminal() {
        String forced = System.getProperty("latent4j.stderr.tty");
        if (forced != null) {
            return Boolean.parseBoolean(forced);
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception notLinux) {
            return false;
        }
    }

    /** Columns of the terminal: {@code COLUMNS} when the shell exports it, else 80. */
    static int width() {
        String columns = System.getenv("COLUMNS");
        if (columns != null) {
            try {
                int w = Integer.parseInt(columns.trim());
                if (w >= 20) {
                    return w;
                }
            } catch (NumberFormatException ignored) {
                // not a number: use the usual width
            }
        }
        return 80;
    }
}
