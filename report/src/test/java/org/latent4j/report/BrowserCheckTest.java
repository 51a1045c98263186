package org.latent4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens reports in the real browser. Without Chromium these tests are skipped, unless
 * {@code LATENT4J_REQUIRE_BROWSER} is set (CI sets it), in which case they fail.
 */
class BrowserCheckTest {
    @Test
    void reportRendersWithEveryImageDecoded(@TempDir Path dir) throws IOException {
        requireBrowser();
        Path html = ReportTest.fullReport().generatedAt(Instant.EPOCH).write(dir.resolve("report.html"));

        BrowserCheck.Result r = BrowserCheck.check(html);
        assertEquals(3, r.images(), r.toString());
        assertTrue(r.allDecoded(), r.toString());
        assertTrue(r.fitsWidth(), "no horizontal scrolling at 1280 px: " + r);
        assertEquals("VAE on Fashion-MNIST", r.title());
        // Title, contents, three tables, code, a 440 px chart and a row of grids: well over a screen, and
        // nowhere near the height of a page whose images or style fell apart.
        assertTrue(r.pageHeight() > 1500 && r.pageHeight() < 6000, "page height " + r.pageHeight());
        BrowserCheck.Box chart = r.boxes().get(0);
        assertEquals(640, chart.width(), "the chart is shown at its own size: " + chart);
        assertEquals(440, chart.height(), "the chart keeps its aspect ratio: " + chart);
        BrowserCheck.Box left = r.boxes().get(1);
        BrowserCheck.Box right = r.boxes().get(2);
        assertEquals(left.y(), right.y(), "the two grids sit side by side");
        assertTrue(right.x() >= left.x() + left.width(), "right grid right of the left one");

        int height = r.pageHeight();
        Path png = BrowserCheck.screenshot(html, dir.resolve("shot").resolve("report.png"), 1280, height);
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(1280, shot.getWidth());
        assertEquals(height, shot.getHeight());
        // The centre of the chart's plot area is the plot colour, and its corner (the figure's white margin)
        // is white: the image is drawn where the layout put it, at its size.
        assertColour(TestFigures.PLOT, shot.getRGB(chart.x() + chart.width() / 2, chart.y() + chart.height() / 2));
        assertColour(Color.WHITE, shot.getRGB(chart.x() + 3, chart.y() + 3));
        assertTrue(nonWhite(shot, 0, 0, 1280, 120) > 500, "the title is drawn at the top");
        try (Stream<Path> s = Files.list(png.getParent())) {
            assertEquals(List.of(png), s.toList(), "only the screenshot is left behind");
        }
    }

    @Test
    void narrowWindowWrapsFiguresWithoutSidewaysScrolling(@TempDir Path dir) throws IOException {
        requireBrowser();
        Path html = ReportTest.fullReport().write(dir.resolve("report.html"));
        // 500 pixels is the narrowest window Chromium opens.
        BrowserCheck.Result r = BrowserCheck.check(html, 500, 800);
        assertEquals(500, r.windowWidth());
        assertTrue(r.allDecoded(), r.toString());
        assertTrue(r.fitsWidth(), "a phone-width window needs no horizontal scrolling: " + r);
        BrowserCheck.Box chart = r.boxes().get(0);
        assertTrue(chart.width() < 500, "the chart shrinks to the window: " + chart);
        assertEquals(440.0 / 640.0, chart.height() / (double) chart.width(), 0.01, "and keeps its aspect ratio");
        assertTrue(r.boxes().get(2).y() > r.boxes().get(1).y(), "the side-by-side grids wrap one under the other");
    }

    @Test
    void brokenAndExternalImagesAreReported(@TempDir Path dir) throws IOException {
        requireBrowser();
        byte[] png = TestFigures.chart("c", 60, 40).png();
        // Cut inside the header: Chromium shows a PNG cut later in its image data as far as it goes.
        String truncated = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(png, 20));
        String good = Base64.getEncoder().encodeToString(png);
        Path html = dir.resolve("page.html");
        Files.writeString(html, "<!DOCTYPE html><html><head><title>t</title></head><body>"
                + "<img src=\"data:image/png;base64," + good + "\">"
                + "<img src=\"data:image/png;base64," + truncated + "\">"
                + "<img src=\"http://example.com/a.png\">"
                + "<img src=\"figures/local.png\"></body></html>");
        Files.createDirectories(dir.resolve("figures"));
        Files.write(dir.resolve("figures/local.png"), png);

        BrowserCheck.Result r = BrowserCheck.check(html);
        assertEquals(4, r.images());
        assertEquals(1, r.decoded(), r.toString());
        assertEquals(List.of(1, 2, 3), r.failed(), "a truncated header, a web address and a file beside the page all fail");
        assertFalse(r.allDecoded());
    }

    @Test
    void commandLineChecksADirectoryAndWritesItsScreenshot(@TempDir Path dir) throws IOException {
        requireBrowser();
        new Report("small").paragraph("one line").figure(TestFigures.chart("c", 300, 200), "a chart")
                .write(dir.resolve("report.html"));
        assertEquals(0, BrowserCheck.cli(new String[] {dir.toString()}));
        BufferedImage shot = ImageIO.read(dir.resolve("report.png").toFile());
        assertEquals(BrowserCheck.DEFAULT_WIDTH, shot.getWidth());
    }

    @Test
    void commandLineRefusesBadArguments(@TempDir Path dir) {
        assertEquals(2, BrowserCheck.cli(new String[0]));
        assertEquals(2, BrowserCheck.cli(new String[] {"--help"}));
        assertEquals(2, BrowserCheck.cli(new String[] {dir.resolve("nothing-here").toString()}));
    }

    @Test
    void probeGoesBeforeTheEndOfTheBody() {
        String page = BrowserCheck.withProbe("<html><body><p>x</p></BODY></html>");
        assertTrue(page.indexOf("<script>") > page.indexOf("<p>x</p>"));
        assertTrue(page.indexOf("<script>") < page.indexOf("</BODY>"));
        assertTrue(BrowserCheck.withProbe("<p>no body</p>").startsWith("<p>no body</p><script>"));
    }

    /** Skips the calling test without Chromium, or fails it when the environment demands a browser. */
    static void requireBrowser() {
        if (BrowserCheck.findChromium().isPresent()) {
            return;
        }
        String required = System.getenv("LATENT4J_REQUIRE_BROWSER");
        if (required != null && !required.isEmpty()) {
            fail("LATENT4J_REQUIRE_BROWSER is set but no Chromium was found (looked at $" + BrowserCheck.ENV
                    + ", /usr/bin/chromium, /usr/bin/chromium-browser and the PATH); install the Debian package 'chromium'");
        }
        assumeTrue(false, "Chromium not installed: browser checks skipped (set LATENT4J_REQUIRE_BROWSER to fail instead)");
    }

    private static void assertColour(Color expected, int rgb) {
        Color c = new Color(rgb);
        int d = Math.abs(c.getRed() - expected.getRed()) + Math.abs(c.getGreen() - expected.getGreen())
                + Math.abs(c.getBlue() - expected.getBlue());
        assertTrue(d <= 12, "expected about " + expected + " but the screenshot has " + c);
    }

    private static int nonWhite(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) {
                    n++;
                }
            }
        }
        return n;
    }
}
