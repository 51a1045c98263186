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

    private static volatile int width;

    /**
     * Columns of the terminal, asked once: {@code COLUMNS} when the shell exports it (shells set it without
     * exporting it), else what {@code stty size} says about the controlling terminal, else 80. A bar wider
     * than the terminal would wrap, and every redraw would then leave a line behind.
     */
    static int width() {
        int w = width;
        if (w == 0) {
            w = parseColumns(System.getenv("COLUMNS"));
            if (w == 0) {
                w = sttyColumns();
            }
            width = w == 0 ? 80 : w;
        }
        return width;
    }

    private static int parseColumns(String v) {
        try {
            int w = v == null ? 0 : Integer.parseInt(v.trim());
            return w >= 20 ? w : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code stty size} on /dev/tty ("rows columns"), or 0 when there is no terminal or no stty. */
    private static int sttyColumns() {
        java.io.File tty = new java.io.File("/dev/tty");
        if (!tty.canRead()) {
            return 0;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
            if (!p.waitFor(1, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return 0;
            }
            String[] parts = out.split("\\s+");
            return parts.length == 2 ? parseColumns(parts[1]) : 0;
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
