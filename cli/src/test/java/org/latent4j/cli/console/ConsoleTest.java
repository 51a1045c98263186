package org.latent4j.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    Console console(boolean quiet, boolean json, Boolean progress, boolean terminal) {
        return new Console(new PrintWriter(out, true), new PrintWriter(err, true), quiet, json, progress, terminal);
    }

    @Test
    void modesRouteLinesAsDocumented() {
        Console normal = console(false, false, null, false);
        normal.info("loss %.2f", 1.5);
        normal.warn("few rows");
        assertEquals("loss 1.50\n", out.toString().replace("\r\n", "\n"));
        assertEquals("warning: few rows\n", err.toString().replace("\r\n", "\n"));

        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        Console json = console(false, true, null, true);
        json.info("to stderr");
        json.json(Map.of("a", 1));
        assertEquals("{\"a\":1}\n", out.toString().replace("\r\n", "\n"));
        assertEquals("to stderr\n", err.toString().replace("\r\n", "\n"));
        assertFalse(json.showsProgress(), "no bars in JSON mode, even on a terminal");

        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        Console quiet = console(true, false, null, true);
        quiet.info("nothing");
        quiet.warn("nothing");
        try (Progress bar = quiet.progress("x", 10)) {
            bar.step();
        }
        quiet.data().print("a,b\n");
        assertEquals("a,b\n", out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void barsOnlyOnATerminalUnlessForced() {
        assertFalse(console(false, false, null, false).showsProgress());
        assertTrue(console(false, false, null, true).showsProgress());
        assertTrue(console(true, true, true, false).showsProgress());
        assertFalse(console(false, false, false, true).showsProgress());
    }

    @Test
    void aBarShowsCountsMessageAndTimeLeftAndErasesItself() {
        Console c = console(false, false, true, false);
        try (Progress bar = c.progress("epoch 1/2", 4)) {
            bar.message("loss 2.00");
            bar.step();
            String line = bar.render(80, System.nanoTime());
            assertTrue(line.startsWith("epoch 1/2 ["), line);
            assertTrue(line.contains(" 25% 1/4 loss 2.00 "), line);
            assertTrue(line.matches(".*\\d+:\\d\\d < \\d+:\\d\\d$"), "time spent < time left: " + line);
            assertTrue(line.length() < 80);
            c.info("a line above the bar");
            bar.advanceTo(4);
        }
        String e = err.toString();
        assertTrue(e.contains("\r") && e.contains("4/4"), e);
        assertTrue(e.endsWith("\r"), "the bar is erased when closed");
        assertEquals("a line above the bar\n", out.toString().replace("\r\n", "\n"));
        assertEquals("1:01:01", Progress.formatSeconds(3661));
        assertEquals("0:59", Progress.formatSeconds(59.4));
    }

    @Test
    void tableAlignsColumnsAndPrintsItsHeaderOnce() {
        Console c = console(false, false, null, false);
        MetricsTable t = c.table(List.of(MetricsTable.Column.text("epoch", 5), MetricsTable.Column.number("test_loss")));
        t.row("1/10", 263.456);
        t.row("10/10", null);
        List<String> lines = out.toString().lines().toList();
        assertEquals(List.of("epoch  test_loss", " 1/10     263.46", "10/10          -"), lines);
    }

    @Test
    void libraryLogRecordsBecomeOneLineAndQuietHidesThem() {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            OutputOptions o = new OutputOptions();
            Logging.configure(o);
            System.getLogger("org.latent4j.test").log(System.Logger.Level.WARNING, "using the shipped subset");
            System.getLogger("org.latent4j.test").log(System.Logger.Level.DEBUG, "hidden");
            o.quiet(true);
            Logging.configure(o);
            System.getLogger("org.latent4j.test").log(System.Logger.Level.WARNING, "quiet hides this");
        } finally {
            System.setErr(old);
            Logging.configure(new OutputOptions());
        }
        assertEquals("latent4j: warning: using the shipped subset\n", buf.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
