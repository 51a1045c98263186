package org.latent4j.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.latent4j.io.AtomicFiles;

/**
 * Opens a page in headless Chromium, the way a reader's browser would: {@link #screenshot} renders it to a
 * PNG and {@link #check} reports whether every image decoded and how tall the page is. The browser runs
 * with a fresh throw-away profile, no network (every host name resolves to nothing, so a page that is not
 * self-contained shows broken images) and a time limit.
 *
 * <p>{@link #main} is the command behind {@code scripts/check-report.sh}.
 */
public final class BrowserCheck {
    /** Environment variable naming the Chromium (or Chrome) executable to use. */
    public static final String ENV = "LATENT4J_CHROMIUM";
    /** Default window width for checks and screenshots, in CSS pixels. */
    public static final int DEFAULT_WIDTH = 1280;
    /** Default window height for checks, in CSS pixels. */
    public static final int DEFAULT_HEIGHT = 900;
    /** Tallest screenshot {@link #main} takes; longer pages are cut there. */
    public static final int MAX_SCREENSHOT_HEIGHT = 16_000;

    private static final long TIMEOUT_SECONDS = 60;
    private static final String ATTRIBUTE = "data-latent4j-check";
    private static final Pattern RESULT = Pattern.compile(ATTRIBUTE + "=\"([^\"]*)\"");

    private BrowserCheck() {}

    /**
     * What the browser saw once the page had loaded.
     *
     * @param images      number of {@code <img>} elements
     * @param decoded     how many of them loaded complete with a positive natural size
     * @param failed      the 0-based positions (document order) of those that did not
     * @param pageWidth   the page's scroll width in CSS pixels (wider than the window means a horizontal scroll bar)
     * @param pageHeight  the page's scroll height in CSS pixels
     * @param windowWidth the width the page was laid out for (Chromium's windows are at least 500 pixels wide)
     * @param title       the document title
     * @param boxes       where each image was drawn, in page coordinates (document order)
     * @param scrollers   elements inside the page too wide for their box, scrolling sideways (a wide table, a
     *                    long line of code): readable, but a hint that the layout is tight
     */
    public record Result(int images, int decoded, List<Integer> failed, int pageWidth, int pageHeight,
                         int windowWidth, String title, List<Box> boxes, int scrollers) {
        public Result {
            failed = List.copyOf(failed);
            boxes = List.copyOf(boxes);
        }

        /** Every image decoded. */
        public boolean allDecoded() {
            return decoded == images && failed.isEmpty();
        }

        /** The page is no wider than the window, so nobody has to scroll sideways. */
        public boolean fitsWidth() {
            return pageWidth <= windowWidth;
        }

        @Override
        public String toString() {
            return "images " + decoded + "/" + images + " decoded" + (failed.isEmpty() ? "" : " (failed: " + failed + ")")
                    + ", page " + pageWidth + "x" + pageHeight + " px at window width " + windowWidth
                    + (fitsWidth() ? "" : " (WIDER than the window)")
                    + (scrollers == 0 ? "" : ", " + scrollers + " element(s) scrolling sideways inside it")
                    + ", title '" + title + "'";
        }
    }

    /** A rectangle on the page in CSS pixels, from the top-left corner of the document. */
    public record Box(int x, int y, int width, int height) {}

    /**
     * The browser to run: the file named by {@code LATENT4J_CHROMIUM}, else {@code /usr/bin/chromium},
     * {@code /usr/bin/chromium-browser}, else {@code chromium} or {@code chromium-browser} on the PATH.
     *
     * @throws IllegalStateException if {@code LATENT4J_CHROMIUM} is set but names no executable file
     */
    public static Optional<Path> findChromium() {
        return findChromium(System.getenv());
    }

    /** {@link #findChromium()} with the environment given. */
    static Optional<Path> findChromium(java.util.Map<String, String> environment) {
        String env = environment.get(ENV);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new IllegalStateException(ENV + "=" + env + " is not an executable file; point it at a "
                        + "Chromium or Chrome binary, or unset it to look in /usr/bin and on the PATH");
            }
            return Optional.of(p);
        }
        for (String fixed : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            Path p = Path.of(fixed);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        String path = environment.get("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                for (String name : List.of("chromium", "chromium-browser")) {
                    if (dir.isEmpty()) {
                        continue;
                    }
                    Path p = Path.of(dir, name);
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return Optional.of(p);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Renders {@code html} in a window of {@code width}×{@code height} CSS pixels and writes what is visible
     * to {@code png} (atomically); returns {@code png}. Use the {@link Result#pageHeight} of {@link #check}
     * as the height to capture the whole page.
     */
    public static Path screenshot(Path html, Path png, int width, int height) throws IOException {
        requirePage(html);
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("screenshot size " + width + "x" + height + " must be positive");
        }
        Path work = Files.createTempDirectory("latent4j-chromium-");
        try {
            Path shot = work.resolve("screenshot.png");
            run(work, width, height, List.of("--screenshot=" + shot), html.toAbsolutePath().toUri().toString());
            if (!Files.isRegularFile(shot) || Files.size(shot) == 0) {
                throw new IOException("chromium exited normally but wrote no screenshot of " + html
                        + stderrTail(work));
            }
            AtomicFiles.write(png, Files.readAllBytes(shot));
            return png;
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }

    /** {@link #check(Path, int, int)} in a {@value #DEFAULT_WIDTH}×{@value #DEFAULT_HEIGHT} window. */
    public static Result check(Path html) throws IOException {
        return check(html, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * Loads a copy of {@code html} with a small probe script appended (the page itself is left as it is)
     * and reads back, from the dumped DOM, what the probe recorded at the load event: an image counts as
     * decoded when it is complete with a positive natural size (a broken image has none). The copy lives in a temporary folder, so images referenced by a relative path do
     * not load: the check also proves the page is self-contained.
     */
    public static Result check(Path html, int width, int height) throws IOException {
        requirePage(html);
        Path work = Files.createTempDirectory("latent4j-chromium-");
        try {
            String page = Files.readString(html, StandardCharsets.UTF_8);
            Path probe = work.resolve("page.html");
            Files.writeString(probe, withProbe(page), StandardCharsets.UTF_8);
            String dom = run(work, width, height, List.of("--dump-dom"),
                    probe.toUri().toString());
            Matcher m = RESULT.matcher(dom);
            if (!m.find()) {
                throw new IOException("chromium loaded " + html + " but the check probe left no result in the page "
                        + "(did the page fail to load?)" + stderrTail(work));
            }
            return parse(m.group(1), html);
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }

    /**
     * {@code BrowserCheck DIR_OR_HTML [OUT.png]}: checks DIR/report.html (or the given page), prints the
     * result, and screenshots the whole page at {@value #DEFAULT_WIDTH} pixels wide to OUT.png (default: the
     * page's name with .png). Exit status 0 when every image decoded and the page fits the window width,
     * 1 when not, 2 on bad arguments or when the browser cannot run.
     */
    public static void main(String[] args) {
        System.exit(cli(args));
    }

    static int cli(String[] args) {
        if (args.length < 1 || args.length > 2 || args[0].startsWith("-")) {
            System.err.println("usage: BrowserCheck DIR_OR_HTML [OUT.png]\n"
                    + "  checks DIR/report.html (or the page given) in headless Chromium and screenshots it");
            return 2;
        }
        Path html = Path.of(args[0]);
        if (Files.isDirectory(html)) {
            html = html.resolve("report.html");
        }
        String stem = html.getFileName().toString().replaceFirst("\\.html?$", "");
        Path png = args.length == 2 ? Path.of(args[1]) : html.resolveSibling(stem + ".png");
        try {
            Result r = check(html);
            int height = Math.min(Math.max(r.pageHeight(), 1), MAX_SCREENSHOT_HEIGHT);
            screenshot(html, png, DEFAULT_WIDTH, height);
            System.out.println(html + ": " + r);
            System.out.println("screenshot: " + png + " (" + DEFAULT_WIDTH + "x" + height
                    + (height < r.pageHeight() ? ", the page cut at " + MAX_SCREENSHOT_HEIGHT + " px" : "") + ")");
            return r.allDecoded() && r.fitsWidth() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            System.err.println("check-report: " + e.getMessage());
            return 2;
        }
    }

    /** The page with the probe inserted before {@code </body>} (or at the end when there is none). */
    static String withProbe(String page) {
        // Synchronous on purpose: --dump-dom prints the page right after the load event, before any
        // promise (such as img.decode()) is sure to have settled.
        String probe = """
                <script>
                (function () {
                  function probe() {
                    var d = document.documentElement, ok = 0, failed = [], boxes = [];
                    Array.prototype.forEach.call(document.images, function (img, i) {
                      if (img.complete && img.naturalWidth > 0 && img.naturalHeight > 0) ok++; else failed.push(i);
                      var r = img.getBoundingClientRect();
                      boxes.push([r.left + window.scrollX, r.top + window.scrollY, r.width, r.height]
                        .map(Math.round).join(','));
                    });
                    var scrollers = 0;
                    Array.prototype.forEach.call(document.body.querySelectorAll('*'), function (e) {
                      var o = getComputedStyle(e).overflowX;
                      if ((o === 'auto' || o === 'scroll') && e.scrollWidth > e.clientWidth + 1) scrollers++;
                    });
                    d.setAttribute('%s', [document.images.length, ok, failed.join(' '),
                      d.scrollWidth, d.scrollHeight, boxes.join(' '), window.innerWidth, scrollers].join(';'));
                  }
                  if (document.readyState === 'complete') probe(); else window.addEventListener('load', probe);
                })();
                </script>
                """.formatted(ATTRIBUTE);
        int at = page.toLowerCase(java.util.Locale.ROOT).lastIndexOf("</body>");
        return at < 0 ? page + probe : page.substring(0, at) + probe + page.substring(at);
    }

    private static Result parse(String value, Path html) throws IOException {
        try {
            return parseFields(value, html);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("unexpected check result '" + value + "' for " + html, e);
        }
    }

    private static Result parseFields(String value, Path html) throws IOException {
        String[] f = value.split(";", -1);
        if (f.length != 8) {
            throw new IOException("unexpected check result '" + value + "' for " + html);
        }
        List<Integer> failed = new ArrayList<>();
        for (String s : f[2].split(" ")) {
            if (!s.isEmpty()) {
                failed.add(Integer.parseInt(s));
            }
        }
        List<Box> boxes = new ArrayList<>();
        for (String s : f[5].split(" ")) {
            if (!s.isEmpty()) {
                String[] b = s.split(",");
                boxes.add(new Box(Integer.parseInt(b[0]), Integer.parseInt(b[1]), Integer.parseInt(b[2]),
                        Integer.parseInt(b[3])));
            }
        }
        String title = titleOf(Files.readString(html, StandardCharsets.UTF_8));
        return new Result(Integer.parseInt(f[0]), Integer.parseInt(f[1]), failed, Integer.parseInt(f[3]),
                Integer.parseInt(f[4]), Integer.parseInt(f[6]), title, boxes, Integer.parseInt(f[7]));
    }

    private static String titleOf(String page) {
        Matcher m = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE).matcher(page);
        if (!m.find()) {
            return "";
        }
        return m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&").strip();
    }

    private static void requirePage(Path html) throws IOException {
        if (!Files.isRegularFile(html)) {
            throw new java.nio.file.NoSuchFileException(html.toString(), null, "no such page to open in the browser");
        }
    }

    /**
     * Runs the browser once in {@code work} (profile, stdout and stderr go there) and returns its stdout.
     * The whole process tree is killed after {@value #TIMEOUT_SECONDS} seconds.
     */
    private static String run(Path work, int width, int height, List<String> action, String url) throws IOException {
        Path chromium = findChromium().orElseThrow(() -> new IOException("Chromium not found: install the Debian "
                + "package 'chromium' or set " + ENV + " to a Chromium or Chrome executable"));
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--mute-audio", "--force-device-scale-factor=1",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + work.resolve("profile"), "--window-size=" + width + "," + height));
        cmd.addAll(action);
        cmd.add(url);
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        // Chromium's own crash handler and its user-level config must not depend on the caller's HOME.
        pb.environment().put("HOME", work.toString());
        Process p = pb.start();
        boolean finished;
        try {
            finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while chromium was rendering " + url, e);
        }
        if (!finished) {
            killTree(p);
            throw new IOException("chromium did not finish rendering " + url + " within " + TIMEOUT_SECONDS + " s"
                    + stderrTail(work));
        }
        if (p.exitValue() != 0) {
            throw new IOException("chromium exited with status " + p.exitValue() + " rendering " + url
                    + "\ncommand: " + String.join(" ", cmd) + stderrTail(work));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static File nullFile() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }

    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of chromium's stderr, for error messages; its harmless D-Bus complaints and the Debian wrapper's shell warning are left out. */
    private static String stderrTail(Path work) {
        Path err = work.resolve("stderr.txt");
        try {
            if (!Files.isRegularFile(err)) {
                return "";
            }
            List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.contains("dbus") && !l.contains("unexpected operator") && !l.isBlank()).toList();
            List<String> tail = lines.subList(Math.max(0, lines.size() - 30), lines.size());
            return tail.isEmpty() ? "" : "\nchromium stderr (last lines):\n  " + String.join("\n  ", tail);
        } catch (IOException e) {
            return "\n(chromium's stderr could not be read: " + e.getMessage() + ")";
        }
    }
}
