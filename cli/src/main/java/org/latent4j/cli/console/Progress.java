package org.latent4j.cli.console;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar on standard error, redrawn in place with a carriage return:
 * {@code epoch 3/10 [######--------]  43% 201/469 loss 251.30  0:04 < 0:05}, the last two being the time
 * spent and the estimated time left (the elapsed time scaled by the work left, after the first step).
 *
 * <p>It redraws at most ten times a second, on the calling thread (no timer thread), and removes itself
 * when closed, so the lines printed between bars stay clean. A bar that is not shown (quiet or JSON mode,
 * standard error not a terminal, see {@link Console#progress}) costs a field check per call. At most
 * one bar is live at a time; {@link #printAbove} prints a line without tearing it.
 */
public final class Progress implements AutoCloseable {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final Object LOCK = new Object();
    private static Progress live;

    static {
        // Interrupted (Ctrl-C) while a bar is up: leave the terminal on a clean line.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (LOCK) {
                if (live != null) {
                    live.erase();
                }
            }
        }, "latent4j-progress-cleanup"));
    }

    private final PrintWriter err;
    private final boolean shown;
    private final String label;
    private final long startNanos = System.nanoTime();
    private long total;
    private long done;
    private String message = "";
    private long lastDrawNanos;
    private int drawnWidth;

    Progress(PrintWriter err, boolean shown, String label, long total) {
        this.err = err;
        this.shown = shown;
        this.label = label;
        this.total = Math.max(0, total);
        if (shown) {
            synchronized (LOCK) {
                if (live != null) {
                    live.erase();
                }
                live = this;
                draw();
            }
        }
    }

    /** A bar that is never drawn. */
    public static Progress hidden() {
        return new Progress(null, false, "", 0);
    }

    /** Whether this bar is drawn at all. */
    public boolean shown() {
        return shown;
    }

    /** One more unit done. */
    public void step() {
        advanceTo(done + 1);
    }

    /** {@code n} more units done. */
    public void step(long n) {
        advanceTo(done + n);
    }

    /** {@code value} units done in all. */
    public void advanceTo(long value) {
        if (!shown) {
            return;
        }
        synchronized (LOCK) {
            done = value;
            long now = System.nanoTime();
            if (now - lastDrawNanos >= REDRAW_NANOS || done >= total) {
                draw();
            }
        }
    }

    /** Changes the amount of work (e.g. when EM stops early); redraws. */
    public void total(long value) {
        if (!shown) {
            return;
        }
        synchronized (LOCK) {
            total = Math.max(0, value);
            draw();
        }
    }

    /** The text after the counts (e.g. {@code "loss 251.30"}); shown from the next redraw on. */
    public void message(String text) {
        if (shown) {
            synchronized (LOCK) {
                message = text == null ? "" : text;
            }
        }
    }

    /** Removes the bar from the screen. */
    @Override
    public void close() {
        if (!shown) {
            return;
        }
        synchronized (LOCK) {
            erase();
            if (live == this) {
                live = null;
            }
        }
    }

    /** Prints a line to {@code out}, first lifting the live bar (if any) off the screen and then putting it back. */
    static void printAbove(PrintWriter out, String line) {
        synchronized (LOCK) {
            Progress bar = live;
            if (bar != null) {
                bar.erase();
            }
            out.println(line);
            out.flush();
            if (bar != null) {
                bar.draw();
            }
        }
    }

    /** The bar's text for the given width of the terminal (without the carriage return). */
    String render(int width, long nowNanos) {
        double elapsed = (nowNanos - startNanos) / 1e9;
        String counts = total > 0
                ? String.format(Locale.ROOT, "%3d%% %d/%d", Math.min(100, done * 100 / total), done, total)
                : Long.toString(done);
        String time = formatSeconds(elapsed);
        if (total > 0 && done > 0 && done < total) {
            time += " < " + formatSeconds(elapsed * (total - done) / done);
        }
        String tail = " " + counts + (message.isEmpty() ? "" : " " + message) + "  " + time;
        int room = width - 1 - label.length() - tail.length() - 3;
        StringBuilder sb = new StringBuilder(label);
        if (total > 0 && room >= 10) {
            int cells = Math.min(30, room);
            int full = (int) Math.min(cells, done * cells / total);
            sb.append(" [").append("#".repeat(full)).append("-".repeat(cells - full)).append(']');
        }
        sb.append(tail);
        return sb.length() < width ? sb.toString() : sb.substring(0, width - 1);
    }

    /** m:ss, or h:mm:ss from an hour on. */
    public static String formatSeconds(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private void draw() {
        long now = System.nanoTime();
        String text = render(Terminal.width(), now);
        int pad = Math.max(0, drawnWidth - text.length());
        err.print('\r' + text + " ".repeat(pad));
        err.flush();
        drawnWidth = text.length();
        lastDrawNanos = now;
    }

    private void erase() {
        if (drawnWidth > 0) {
            err.print('\r' + " ".repeat(drawnWidth) + '\r');
            err.flush();
            drawnWidth = 0;
        }
    }
}
