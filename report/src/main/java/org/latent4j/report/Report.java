package org.latent4j.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.latent4j.figures.Figure;
import org.latent4j.io.AtomicFiles;
import org.latent4j.runtime.Version;

/**
 * One self-contained HTML page: the style sheet is inline, every image is a {@code data:image/png;base64}
 * URI, and there are no scripts, fonts or links to anything outside the page, so the single file can be
 * mailed, archived or opened offline. Blocks appear in the order they are added; a table of contents
 * linking to every {@link #section} is placed before the first section. All text is escaped.
 *
 * <pre>{@code
 * new Report("VAE on Fashion-MNIST")
 *     .paragraph("A 784-400-20 VAE with a Bernoulli decoder.")
 *     .section("Configuration").keyValues("Options", config)
 *     .section("Figures").figure(curves, "Loss per epoch; the test curve is dashed.")
 *     .write(dir.resolve("report.html"));
 * }</pre>
 */
public final class Report {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final String CSS = loadCss();

    private final String title;
    private final List<Block> blocks = new ArrayList<>();
    private Instant generated = Instant.now();

    /** One piece of the page, kept as data so the table of contents can be built when the page is. */
    private sealed interface Block {}

    private record Heading(int level, String text) implements Block {}

    private record Text(String text, boolean muted) implements Block {}

    private record Bullets(List<String> items) implements Block {}

    private record Table(String caption, List<String> header, List<List<String>> rows, boolean keyValue)
            implements Block {}

    private record Code(String text) implements Block {}

    private record Picture(Figure figure, String caption, boolean pixelated) {}

    private record Pictures(List<Picture> pictures, String caption, boolean sideBySide) implements Block {}

    /** A report whose page title and top heading is {@code title}. */
    public Report(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** A paragraph of text. */
    public Report paragraph(String text) {
        blocks.add(new Text(Objects.requireNonNull(text, "text"), false));
        return this;
    }

    /** A line in a smaller, muted font: provenance, a hint, a remark beside the main text. */
    public Report note(String text) {
        blocks.add(new Text(Objects.requireNonNull(text, "text"), true));
        return this;
    }

    /** A bulleted list. */
    public Report bullets(List<String> items) {
        blocks.add(new Bullets(List.copyOf(items)));
        return this;
    }

    /** A section heading ({@code <h2>}), listed in the table of contents. */
    public Report section(String heading) {
        blocks.add(new Heading(2, Objects.requireNonNull(heading, "heading")));
        return this;
    }

    /** A subsection heading ({@code <h3>}), listed under its section in the table of contents. */
    public Report subsection(String heading) {
        blocks.add(new Heading(3, Objects.requireNonNull(heading, "heading")));
        return this;
    }

    /**
     * A two-column table of names and values (a configuration, a set of metrics), in the map's iteration
     * order. Values are formatted when added: floating-point numbers to six significant digits, arrays and
     * collections joined with commas, null as an em dash.
     */
    public Report keyValues(String caption, Map<String, ?> rows) {
        List<List<String>> cells = new ArrayList<>(rows.size());
        rows.forEach((k, v) -> cells.add(List.of(String.valueOf(k), Html.format(v))));
        blocks.add(new Table(caption, List.of(), cells, true));
        return this;
    }

    /**
     * A table with a header row. Every row must have as many cells as the header (when the header is empty,
     * as many as the first row). Cells that read as numbers are right-aligned.
     */
    public Report table(String caption, List<String> header, List<List<String>> rows) {
        List<String> head = header == null ? List.of() : List.copyOf(header);
        int columns = !head.isEmpty() ? head.size() : rows.isEmpty() ? 0 : rows.get(0).size();
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != columns) {
                throw new IllegalArgumentException("table " + quoted(caption) + ": row " + r + " has " + row.size()
                        + " cells but the table has " + columns + " columns");
            }
            copy.add(row.stream().map(c -> c == null ? "—" : c).toList());
        }
        blocks.add(new Table(caption, head, copy, false));
        return this;
    }

    /** {@link #table(String, List, List)} with cells formatted like {@link #keyValues}'s values. */
    public Report tableOf(String caption, List<String> header, List<? extends List<?>> rows) {
        return table(caption, header, rows.stream().map(r -> r.stream().map(Html::format).toList()).toList());
    }

    /** Preformatted text in a monospaced font, such as the command line of the run or its run.json. */
    public Report code(String text) {
        blocks.add(new Code(Objects.requireNonNull(text, "text")));
        return this;
    }

    /** A figure with a caption under it that says what it shows and how to read it. */
    public Report figure(Figure f, String caption) {
        return figure(f, caption, false);
    }

    /**
     * A figure; with {@code pixelated} set, the browser enlarges or shrinks it without smoothing, which keeps
     * the pixels of image grids (samples, reconstructions) sharp.
     */
    public Report figure(Figure f, String caption, boolean pixelated) {
        blocks.add(new Pictures(List.of(picture(f, caption, pixelated)), null, false));
        return this;
    }

    /**
     * Figures side by side (wrapping onto new lines on narrow screens), each with its own caption (null or
     * empty for none), and a shared caption under them all (null for none).
     */
    public Report figures(List<Figure> fs, List<String> captions, String caption) {
        return figures(fs, captions, caption, false);
    }

    /** {@link #figures(List, List, String)}, drawn without smoothing when {@code pixelated} is set. */
    public Report figures(List<Figure> fs, List<String> captions, String caption, boolean pixelated) {
        if (captions != null && captions.size() != fs.size()) {
            throw new IllegalArgumentException(fs.size() + " figures but " + captions.size() + " captions");
        }
        List<Picture> ps = new ArrayList<>(fs.size());
        for (int i = 0; i < fs.size(); i++) {
            ps.add(picture(fs.get(i), captions == null ? null : captions.get(i), pixelated));
        }
        blocks.add(new Pictures(List.copyOf(ps), caption, true));
        return this;
    }

    /** The moment printed in the footer; the time of construction unless set (fix it for reproducible pages). */
    public Report generatedAt(Instant when) {
        this.generated = Objects.requireNonNull(when, "when");
        return this;
    }

    /** The page title. */
    public String title() {
        return title;
    }

    /** The complete page. */
    public String html() {
        Set<String> taken = new HashSet<>();
        List<Heading> headings = new ArrayList<>();
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                headings.add(h);
            }
        }
        List<String> ids = new ArrayList<>(headings.size());
        for (Heading h : headings) {
            ids.add(Html.anchor(h.text(), taken));
        }
        StringBuilder out = new StringBuilder(1 << 16);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"latent4j ").append(Html.escape(Version.get())).append("\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n<header>\n<h1>").append(Html.escape(title))
                .append("</h1>\n</header>\n");
        int next = 0;
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                if (next == 0) {
                    toc(out, headings, ids);
                }
                String tag = "h" + h.level();
                out.append('<').append(tag).append(" id=\"").append(ids.get(next++)).append("\">")
                        .append(Html.escape(h.text())).append("</").append(tag).append(">\n");
            } else {
                render(out, b);
            }
        }
        out.append("<footer>Made by latent4j ").append(Html.escape(Version.get())).append(" on ")
                .append(STAMP.format(generated)).append(".</footer>\n</main>\n</body>\n</html>\n");
        return out.toString();
    }

    /** Writes the page atomically (a temporary sibling renamed over the target) and returns {@code file}. */
    public Path write(Path file) throws IOException {
        AtomicFiles.writeString(file, html());
        return file;
    }

    private static void toc(StringBuilder out, List<Heading> headings, List<String> ids) {
        out.append("<nav class=\"toc\" aria-label=\"Contents\">\n<p class=\"toc-title\">Contents</p>\n<ol>\n");
        boolean inSub = false;
        boolean open = false;
        for (int i = 0; i < headings.size(); i++) {
            Heading h = headings.get(i);
            String link = "<a href=\"#" + ids.get(i) + "\">" + Html.escape(h.text()) + "</a>";
            if (h.level() == 2) {
                if (inSub) {
                    out.append("</ol>");
                    inSub = false;
                }
                if (open) {
                    out.append("</li>\n");
                }
                out.append("<li>").append(link);
                open = true;
            } else {
                if (!open) {
                    // A subsection before any section still gets an entry of its own.
                    out.append("<li>");
                    open = true;
                }
                if (!inSub) {
                    out.append("\n<ol>");
                    inSub = true;
                }
                out.append("<li>").append(link).append("</li>");
            }
        }
        if (inSub) {
            out.append("</ol>");
        }
        if (open) {
            out.append("</li>\n");
        }
        out.append("</ol>\n</nav>\n");
    }

    private static void render(StringBuilder out, Block b) {
        switch (b) {
            case Text t -> out.append(t.muted() ? "<p class=\"note\">" : "<p>").append(Html.escape(t.text()))
                    .append("</p>\n");
            case Bullets l -> {
                out.append("<ul>\n");
                l.items().forEach(i -> out.append("<li>").append(Html.escape(i)).append("</li>\n"));
                out.append("</ul>\n");
            }
            case Table t -> renderTable(out, t);
            case Code c -> out.append("<pre><code>").append(Html.escape(c.text())).append("</code></pre>\n");
            case Pictures p -> renderPictures(out, p);
            case Heading h -> throw new IllegalStateException("headings are rendered with their anchors");
        }
    }

    private static void renderTable(StringBuilder out, Table t) {
        out.append("<div class=\"table-wrap\"><table").append(t.keyValue() ? " class=\"kv\"" : "").append(">\n");
        if (t.caption() != null && !t.caption().isEmpty()) {
            out.append("<caption>").append(Html.escape(t.caption())).append("</caption>\n");
        }
        boolean[] numeric = numericColumns(t);
        if (!t.header().isEmpty()) {
            out.append("<thead><tr>");
            for (int c = 0; c < t.header().size(); c++) {
                out.append(numeric[c] ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">")
                        .append(Html.escape(t.header().get(c))).append("</th>");
            }
            out.append("</tr></thead>\n");
        }
        out.append("<tbody>\n");
        for (List<String> row : t.rows()) {
            out.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                String cell = Html.escape(row.get(c));
                if (t.keyValue() && c == 0) {
                    out.append("<th scope=\"row\">").append(cell).append("</th>");
                } else {
                    boolean num = Html.numeric(row.get(c)) || (c < numeric.length && numeric[c]);
                    out.append(num ? "<td class=\"num\">" : "<td>").append(cell).append("</td>");
                }
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
    }

    /** Columns whose cells are all numbers (or dashes for none), so the header and dashes align with them on the right. */
    private static boolean[] numericColumns(Table t) {
        int n = t.header().size();
        boolean[] numeric = new boolean[n];
        for (int c = 0; c < n; c++) {
            boolean all = true;
            boolean any = false;
            for (List<String> row : t.rows()) {
                boolean number = Html.numeric(row.get(c));
                any |= number;
                all &= number || Html.blank(row.get(c));
            }
            numeric[c] = all && any;
        }
        return numeric;
    }

    private static void renderPictures(StringBuilder out, Pictures p) {
        if (!p.sideBySide()) {
            Picture only = p.pictures().get(0);
            out.append("<figure>\n");
            image(out, only);
            caption(out, only.caption());
            out.append("</figure>\n");
            return;
        }
        out.append("<figure class=\"group\">\n<div class=\"row\">\n");
        for (Picture pic : p.pictures()) {
            out.append("<figure style=\"max-width:").append(pic.figure().width()).append("px\">\n");
            image(out, pic);
            caption(out, pic.caption());
            out.append("</figure>\n");
        }
        out.append("</div>\n");
        caption(out, p.caption());
        out.append("</figure>\n");
    }

    private static void image(StringBuilder out, Picture p) {
        Figure f = p.figure();
        String alt = p.caption() != null && !p.caption().isEmpty() ? p.caption() : f.name();
        out.append("<img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(f.png()))
                .append("\" width=\"").append(f.width()).append("\" height=\"").append(f.height())
                .append("\" alt=\"").append(Html.escape(alt)).append('"')
                .append(p.pixelated() ? " class=\"pixelated\"" : "").append(">\n");
    }

    private static void caption(StringBuilder out, String caption) {
        if (caption != null && !caption.isEmpty()) {
            out.append("<figcaption>").append(Html.escape(caption)).append("</figcaption>\n");
        }
    }

    private static Picture picture(Figure f, String caption, boolean pixelated) {
        Objects.requireNonNull(f, "figure");
        byte[] png = f.png();
        if (png == null || png.length < PNG_SIGNATURE.length
                || !java.util.Arrays.equals(png, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            throw new IllegalArgumentException("figure " + quoted(f.name()) + " is not a PNG image (its bytes do not start with the PNG signature)");
        }
        // A browser draws a truncated PNG as far as it goes without an error, so catch the cut here.
        int n = png.length;
        if (n < 20 || png[n - 8] != 'I' || png[n - 7] != 'E' || png[n - 6] != 'N' || png[n - 5] != 'D') {
            throw new IllegalArgumentException("figure " + quoted(f.name()) + " is a truncated PNG image (it does not end with the IEND chunk)");
        }
        if (f.width() <= 0 || f.height() <= 0) {
            throw new IllegalArgumentException("figure " + quoted(f.name()) + " has size " + f.width() + "x" + f.height()
                    + "; width and height must be positive");
        }
        return new Picture(f, caption, pixelated);
    }

    private static String quoted(String s) {
        return s == null ? "(untitled)" : "'" + s + "'";
    }

    private static String loadCss() {
        try (InputStream in = Report.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("the report style sheet org/latent4j/report/report.css is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report style sheet", e);
        }
    }
}
