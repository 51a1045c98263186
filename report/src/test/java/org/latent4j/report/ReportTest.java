package org.latent4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.figures.Figure;

class ReportTest {
    private static final String EVIL = "<script>alert('x')</script> & \"quoted\" <img src=x onerror=y>";

    @Test
    void escapesEveryPieceOfText() {
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put(EVIL, EVIL);
        String html = new Report(EVIL).paragraph(EVIL).note(EVIL).section(EVIL).subsection(EVIL)
                .keyValues(EVIL, kv).table(EVIL, List.of(EVIL), List.of(List.of(EVIL))).code(EVIL)
                .bullets(List.of(EVIL)).figure(TestFigures.chart("c", 40, 30), EVIL)
                .figures(List.of(TestFigures.chart("d", 40, 30)), List.of(EVIL), EVIL).html();
        assertFalse(html.contains("<script"), "a script tag got through");
        assertFalse(html.contains("<img src=x"), "an img tag got through");
        assertFalse(html.contains("'x'"), "a quote got through");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"));
        // title, h1, paragraph, note, h2, h3, TOC (2), caption, th, td, table caption, th, td, pre, li,
        // 2 alt attributes, 2 figcaptions, group caption
        assertTrue(count(html, "&lt;script&gt;") >= 18, "every piece of text appears escaped");
    }

    @Test
    void controlCharactersBecomeReplacementCharacters() {
        String html = new Report("t").paragraph("a\u0000b\u0007c\td").html();
        assertTrue(html.contains("<p>a\uFFFDb\uFFFDc\td</p>"));
    }

    @Test
    void imagesAreEmbeddedAsDataUrisOfTheSameBytes() {
        Figure a = TestFigures.chart("a", 200, 120);
        Figure b = TestFigures.grid("b", 3, 10);
        Figure c = TestFigures.chart("c", 100, 80);
        String html = new Report("r").figure(a, "first").figures(List.of(b, c), List.of("left", "right"), "both", true)
                .html();
        Matcher m = Pattern.compile("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" width=\"(\\d+)\" height=\"(\\d+)\"")
                .matcher(html);
        List<Figure> expected = List.of(a, b, c);
        int i = 0;
        while (m.find()) {
            Figure f = expected.get(i++);
            assertArrayEquals(f.png(), Base64.getDecoder().decode(m.group(1)), "bytes of " + f.name());
            assertEquals(f.width(), Integer.parseInt(m.group(2)));
            assertEquals(f.height(), Integer.parseInt(m.group(3)));
        }
        assertEquals(3, i, "three embedded images");
        assertEquals(3, count(html, "<img "), "no other image");
        assertEquals(2, count(html, "class=\"pixelated\""), "the pixelated flag marks both figures of the group");
        assertTrue(html.contains("<figcaption>left</figcaption>") && html.contains("<figcaption>both</figcaption>"));
    }

    @Test
    void pageIsSelfContained() {
        String html = fullReport().html();
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(Pattern.compile("(?i)https?:").matcher(html).find(), "no http(s) URL");
        assertFalse(Pattern.compile("(?i)<link|@import|url\\(|src=\"(?!data:image/png;base64,)").matcher(html).find(),
                "no external style sheet, font or image");
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<meta charset=\"utf-8\">") && html.contains("<style>"));
    }

    @Test
    void everyTableOfContentsLinkHasItsAnchor() {
        String html = fullReport().section("Figures").html();
        List<String> hrefs = all(html, "href=\"#([^\"]+)\"");
        List<String> ids = all(html, " id=\"([^\"]+)\"");
        assertEquals(5, hrefs.size(), "4 headings plus the repeated 'Figures' section");
        assertEquals(hrefs, ids, "one anchor per link, in order");
        assertEquals(ids.size(), ids.stream().distinct().count(), "anchors are unique");
        assertTrue(ids.contains("figures") && ids.contains("figures-2"));
        int toc = html.indexOf("<nav class=\"toc\"");
        assertTrue(toc > html.indexOf("<p>Intro") && toc < html.indexOf("<h2"), "contents come after the intro");
    }

    @Test
    void keyValuesFormatNumbersAndTablesAlignThem() {
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("lr", 0.001);
        kv.put("loss", 243.881234567);
        kv.put("tiny", 1.5e-7);
        kv.put("epochs", 10);
        kv.put("missing", null);
        kv.put("dims", new int[] {784, 400, 20});
        String html = new Report("r").keyValues("Config", kv)
                .table("T", List.of("model", "loss"), List.of(List.of("vae", "243.9"))).html();
        assertTrue(html.contains("<th scope=\"row\">lr</th><td class=\"num\">0.001</td>"));
        assertTrue(html.contains("<td class=\"num\">243.881</td>"));
        assertTrue(html.contains("<td class=\"num\">1.5e-7</td>"));
        assertTrue(html.contains("<td class=\"num\">10</td>"));
        assertTrue(html.contains("<td>—</td>"));
        assertTrue(html.contains("<td>784, 400, 20</td>"));
        assertTrue(html.contains("<th scope=\"col\" class=\"num\">loss</th>") && html.contains("<td>vae</td>"));
    }

    @Test
    void dashesForMissingValuesAlignWithTheNumbersOfTheirColumn() {
        String html = new Report("r").table("t", List.of("name", "iterations", "note"),
                List.of(List.of("truth", "–", "-"), List.of("EM", "694", "x"))).html();
        assertTrue(html.contains("<th scope=\"col\" class=\"num\">iterations</th>"));
        assertTrue(html.contains("<tr><td>truth</td><td class=\"num\">–</td><td>-</td></tr>"), html);
        assertTrue(html.contains("<th scope=\"col\">note</th>"), "a column of dashes and words is text");
    }

    @Test
    void numberFormat() {
        assertEquals("0.001", Html.format(0.001));
        assertEquals("-2.5", Html.format(-2.5));
        assertEquals("3", Html.format(3.0));
        assertEquals("0.333333", Html.format(1.0 / 3));
        assertEquals("1.2346e9", Html.format(1.23456789e9 + 0.5));
        assertEquals("NaN", Html.format(Double.NaN));
        assertEquals("∞", Html.format(Double.POSITIVE_INFINITY));
        assertEquals("0.5", Html.format(0.5f));
        assertEquals("a, b", Html.format(List.of("a", "b")));
    }

    @Test
    void badInputIsRefusedWithItsName() {
        Figure notPng = new Figure("fake", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> new Report("r").figure(notPng, "x"));
        assertTrue(e.getMessage().contains("'fake'") && e.getMessage().contains("PNG"), e.getMessage());
        var t = assertThrows(IllegalArgumentException.class,
                () -> new Report("r").table("scores", List.of("a", "b"), List.of(List.of("1", "2"), List.of("3"))));
        assertTrue(t.getMessage().contains("'scores'") && t.getMessage().contains("row 1"), t.getMessage());
        Figure ok = TestFigures.chart("ok", 10, 10);
        Figure cut = new Figure("cut", java.util.Arrays.copyOf(ok.png(), ok.png().length - 1), 10, 10);
        var c = assertThrows(IllegalArgumentException.class, () -> new Report("r").figure(cut, "x"));
        assertTrue(c.getMessage().contains("'cut'") && c.getMessage().contains("truncated"), c.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Report("r").figures(List.of(ok), List.of(), null));
    }

    @Test
    void sameContentAndTimeGiveTheSamePage() {
        Instant when = Instant.parse("2026-01-02T03:04:05Z");
        String a = fullReport().generatedAt(when).html();
        String b = fullReport().generatedAt(when).html();
        assertEquals(a, b);
        assertTrue(a.contains("on 2026-01-02 03:04 UTC"), "the footer dates the page");
        assertTrue(a.contains("Made by latent4j " + org.latent4j.runtime.Version.get()));
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run").resolve("report.html");
        Report r = fullReport().generatedAt(Instant.EPOCH);
        assertEquals(file, r.write(file));
        assertEquals(r.html(), Files.readString(file, StandardCharsets.UTF_8));
        Report other = new Report("second").generatedAt(Instant.EPOCH);
        other.write(file);
        assertEquals(other.html(), Files.readString(file, StandardCharsets.UTF_8), "overwritten");
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertEquals(List.of(file), s.toList(), "only report.html in the folder");
        }
    }

    /** A report with every kind of block, as a training run would write it. */
    static Report fullReport() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", "vae");
        config.put("dataset", "fashion-mnist");
        config.put("latent", 20);
        config.put("learning rate", 1e-3);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("test ELBO", -243.8812);
        metrics.put("test KL", 25.4);
        List<List<String>> rows = new ArrayList<>();
        for (int e = 1; e <= 3; e++) {
            rows.add(List.of(Integer.toString(e), Html.format(260.0 - 5 * e), Html.format(262.0 - 5 * e)));
        }
        return new Report("VAE on Fashion-MNIST")
                .paragraph("Intro: a variational autoencoder trained for 3 epochs.")
                .note("Command: latent4j train vae --epochs 3")
                .section("Configuration").keyValues("Options", config)
                .code("latent4j train vae --data fashion-mnist --epochs 3 --out runs/vae")
                .section("Metrics").keyValues("On the test set", metrics)
                .table("Per epoch", List.of("epoch", "train loss", "test loss"), rows)
                .section("Figures")
                .subsection("Training")
                .figure(TestFigures.chart("curves", 640, 440),
                        "Loss per epoch: training solid, test dashed. Both falling means the model still learns.")
                .figures(List.of(TestFigures.grid("samples", 8, 28), TestFigures.grid("recon", 8, 28)),
                        List.of("Samples from the prior.", "Reconstructions of test images."),
                        "Left: what the decoder makes of random codes; right: how well it redraws real images.", true);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static List<String> all(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
