package org.latent4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.figures.Figure;

/**
 * Opens reports in the real browser. Without Chromium these tests are skipped, unless
 * {@code LATENT4J_REQUIRE_BROWSER} is set (CI sets it), in which case they fail.
 */
class BrowserCheckTest {
    @Test
    void reportRendersWithEveryImageDecoded(@TempDir Path dir) throws IOException {
        requireBrowser();
        Figure scatter = SampleReport.scatter();
        Path html = SampleReport.build().generatedAt(Instant.EPOCH).write(dir.resolve("report.html"));

        BrowserCheck.Result r = BrowserCheck.check(html);
        assertEquals(SampleReport.IMAGES, r.images(), r.toString());
        assertTrue(r.allDecoded(), r.toString());
        assertTrue(r.fitsWidth(), "no horizontal scrolling at 1280 px: " + r);
        assertEquals(0, r.scrollers(), "no table or code scrolls sideways at 1280 px: " + r);
        assertEquals(SampleReport.TITLE, r.title());
        // Contents, three tables, code, two rows of figures and a 440 px chart: well over two screens, and
        // nowhere near the height of a page whose images or style fell apart.
        assertTrue(r.pageHeight() > 2000 && r.pageHeight() < 6000, "page height " + r.pageHeight());
        BrowserCheck.Box curves = r.boxes().get(0);
        BrowserCheck.Box bars = r.boxes().get(1);
        assertEquals(curves.y(), bars.y(), "the training charts sit side by side");
        assertTrue(bars.x() >= curves.x() + curves.width(), "KL chart right of the curves");
        BrowserCheck.Box alone = r.boxes().get(SampleReport.SCATTER);
        assertEquals(scatter.width(), alone.width(), "a figure alone is shown at its own size: " + alone);
        assertEquals(scatter.height(), alone.height(), "and keeps its aspect ratio: " + alone);

        int height = r.pageHeight();
        Path png = BrowserCheck.screenshot(html, dir.resolve("shot").resolve("report.png"), 1280, height);
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(1280, shot.getWidth());
        assertEquals(height, shot.getHeight());
        // Where the layout put the scatter plot, the screenshot shows the figure's own pixels.
        BufferedImage source = ImageIO.read(new java.io.ByteArrayInputStream(scatter.png()));
        double diff = meanAbsDiff(shot, alone.x(), alone.y(), source);
        assertTrue(diff < 1, "the screenshot differs from the embedded scatter plot by " + diff + " grey levels on average");
        assertTrue(nonWhite(shot, 0, 0, 1280, 120) > 500, "the title is drawn at the top");
        try (Stream<Path> s = Files.list(png.getParent())) {
            assertEquals(List.of(png), s.toList(), "only the screenshot is left behind");
        }
    }

    @Test
    void narrowWindowWrapsFiguresWithoutSidewaysScrolling(@TempDir Path dir) throws IOException {
        requireBrowser();
        Path html = SampleReport.build().write(dir.resolve("report.html"));
        // 500 pixels is the narrowest window Chromium opens.
        BrowserCheck.Result r = BrowserCheck.check(html, 500, 800);
        assertEquals(500, r.windowWidth());
        assertTrue(r.allDecoded(), r.toString());
        assertTrue(r.fitsWidth(), "a phone-width window needs no horizontal scrolling: " + r);
        assertEquals(0, r.scrollers(), "code wraps on a narrow screen: " + r);
        BrowserCheck.Box scatter = r.boxes().get(SampleReport.SCATTER);
        assertTrue(scatter.width() < 500, "the chart shrinks to the window: " + scatter);
        assertEquals(440.0 / 640.0, scatter.height() / (double) scatter.width(), 0.01, "and keeps its aspect ratio");
        assertTrue(r.boxes().get(1).y() > r.boxes().get(0).y(), "the side-by-side charts wrap one under the other");
        assertTrue(r.boxes().get(4).y() > r.boxes().get(3).y(), "and so do the image grids");
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
                + "<img src=\"figures/local.png\">"
                + "<div style=\"width:300px;overflow-x:auto\"><div style=\"width:900px\">wide</div></div></body></html>");
        Files.createDirectories(dir.resolve("figures"));
        Files.write(dir.resolve("figures/local.png"), png);

        BrowserCheck.Result r = BrowserCheck.check(html);
        assertEquals(4, r.images());
        assertEquals(1, r.decoded(), r.toString());
        assertEquals(List.of(1, 2, 3), r.failed(), "a truncated header, a web address and a file beside the page all fail");
        assertFalse(r.allDecoded());
        assertEquals(1, r.scrollers(), "the 900 px block scrolls inside its 300 px box");
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
    void chromiumNamedByTheEnvironmentComesFirst(@TempDir Path dir) throws IOException {
        Path exe = Files.writeString(dir.resolve("my-chrome"), "#!/bin/sh\n");
        exe.toFile().setExecutable(true);
        assertEquals(Optional.of(exe), BrowserCheck.findChromium(Map.of(BrowserCheck.ENV, exe.toString())));
        Path plain = Files.writeString(dir.resolve("not-executable"), "text");
        var e = assertThrows(IllegalStateException.class,
                () -> BrowserCheck.findChromium(Map.of(BrowserCheck.ENV, plain.toString())));
        assertTrue(e.getMessage().contains(plain.toString()) && e.getMessage().contains(BrowserCheck.ENV), e.getMessage());
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

    /** Mean absolute difference per channel between the image and the screenshot region at (x0, y0). */
    private static double meanAbsDiff(BufferedImage shot, int x0, int y0, BufferedImage img) {
        long sum = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int a = shot.getRGB(x0 + x, y0 + y);
                int b = img.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
                }
            }
        }
        return sum / (3.0 * img.getWidth() * img.getHeight());
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
