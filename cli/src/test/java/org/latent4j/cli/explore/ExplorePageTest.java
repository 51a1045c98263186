package org.latent4j.cli.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.data.Catalogue;
import org.latent4j.data.Dataset;
import org.latent4j.data.Fallback;
import org.latent4j.io.AtomicFiles;
import org.latent4j.io.Json;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer's page in real headless Chromium, driven by Selenium through the system's chromedriver, on a tiny
 * VAE (2-D latent) and a Gaussian mixture. Skipped without Chromium and chromedriver, unless
 * {@code LATENT4J_REQUIRE_BROWSER} is set (CI sets it), in which case it fails.
 */
class ExplorePageTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Kept for a person to look at: the page after the steps of the test. */
    static final Path SCREENSHOT = Path.of("target", "explorer-page.png");

    @TempDir
    static Path dir;
    static ExploreServer server;
    static ExploreServer mixtureServer;
    static ApiClient api;
    static Dataset test;
    static ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        requireBrowser();
        server = ExploreServer.start(RunLoader.load(TinyRuns.vae(dir, 2), null, "test", 300), "127.0.0.1", 0);
        mixtureServer = ExploreServer.start(RunLoader.load(TinyRuns.gmm(dir), null, "test", 1000), "127.0.0.1", 0);
        api = new ApiClient(server.address());
        test = Catalogue.standard().loadSplits(TinyRuns.DATA, Fallback.SUBSET).test();
        driver = driver(Files.createDirectories(dir.resolve("chromium-profile")), 1280, 1100);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (mixtureServer != null) {
            mixtureServer.close();
        }
    }

    /** Headless Chromium through the system's chromedriver, with a throw-away profile and no background traffic. */
    static ChromeDriver driver(Path profile, int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--force-device-scale-factor=1", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        return new ChromeDriver(service, options);
    }

    static void requireBrowser() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String required = System.getenv("LATENT4J_REQUIRE_BROWSER");
        if (required != null && !required.isEmpty()) {
            fail("LATENT4J_REQUIRE_BROWSER is set but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing; install the"
                    + " Debian packages 'chromium' and 'chromium-driver'");
        }
        assumeTrue(false, "Chromium or chromedriver not installed: the explorer's page tests are skipped");
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static void openPage(ExploreServer s) {
        driver.get(s.address().toString());
        waiting().until(d -> "1".equals(js("return document.body.dataset.ready || ''")));
    }

    /** The red channel (= the grey level) of every pixel of an {@code <img>}, as the browser decoded it. */
    @SuppressWarnings("unchecked")
    static int[] browserPixels(WebElement img) {
        List<Number> v = (List<Number>) js("""
                var img = arguments[0], c = document.createElement('canvas');
                c.width = img.naturalWidth; c.height = img.naturalHeight;
                var g = c.getContext('2d'); g.drawImage(img, 0, 0);
                var d = g.getImageData(0, 0, c.width, c.height).data, out = [];
                for (var i = 0; i < d.length; i += 4) out.push(d[i]);
                return out;""", img);
        return v.stream().mapToInt(Number::intValue).toArray();
    }

    static float[] decodedZ() throws Exception {
        JsonNode z = Json.mapper().readTree(driver.findElement(By.id("decoded")).getDomAttribute("data-z"));
        return new float[] {z.get(0).floatValue(), z.get(1).floatValue()};
    }

    /** Moves the mouse to (x, y) CSS pixels from the canvas's top-left corner. */
    static Actions at(WebElement canvas, double x, double y) {
        int w = canvas.getRect().getWidth();
        int h = canvas.getRect().getHeight();
        return new Actions(driver).moveToElement(canvas, (int) Math.round(x - w / 2.0), (int) Math.round(y - h / 2.0));
    }

    @Test
    void theVaePageDrawsDecodesSlidesInterpolatesAndHovers() throws Exception {
        openPage(server);
        WebElement canvas = driver.findElement(By.id("plane"));
        // 1. the scatter draws every point, each where the API puts it
        assertEquals("300", canvas.getDomAttribute("data-drawn"));
        assertEquals(300, api.get("/api/points").json().path("count").asInt());
        for (int i : new int[] {0, 150, 299}) {
            Number alpha = (Number) js("""
                    var s = window.latent4jExplorer.screenOf(arguments[0]), c = document.getElementById('plane');
                    return c.getContext('2d').getImageData(Math.round(s[0]), Math.round(s[1]), 1, 1).data[3];""", i);
            assertTrue(alpha.intValue() > 0, "point " + i + " is painted on the canvas");
        }

        // 2. a click decodes the point clicked; the image shown is the API's answer for that z, pixel for pixel
        double scale = ((Number) js("return window.latent4jExplorer.view.scale")).doubleValue();
        double cx = ((Number) js("return window.latent4jExplorer.view.cx")).doubleValue();
        double cy = ((Number) js("return window.latent4jExplorer.view.cy")).doubleValue();
        at(canvas, 320 + 40, 320 - 30).click().perform();
        waiting().until(d -> d.findElement(By.id("decoded")).getDomAttribute("data-z") != null);
        float[] z = decodedZ();
        assertEquals(cx + 40 / scale, z[0], 1.5 / scale, "the clicked point's first coordinate");
        assertEquals(cy + 30 / scale, z[1], 1.5 / scale, "the clicked point's second coordinate (y grows upwards)");
        WebElement decoded = driver.findElement(By.id("decoded"));
        waiting().until(d -> (Boolean) js("return arguments[0].complete && arguments[0].naturalWidth === 28", decoded));
        int[] shown = browserPixels(decoded);
        ApiClient.Answer answer = api.post("/api/decode", "{\"z\": [[" + z[0] + "," + z[1] + "]]}");
        assertArrayEquals(ApiClient.pixels(answer.json().path("items").get(0).path("image").asText()), shown,
                "the page shows the API's decode of its z");

        // 3. a slider (the first: the dimension with the largest KL) moves the image
        JsonNode dims = api.get("/api/meta").json().path("dimensions");
        int first = dims.get(0).path("index").asInt();
        int other = 1 - first;
        assertTrue(driver.findElement(By.id("sliders")).getText().contains("kl " + String.format(java.util.Locale.ROOT,
                "%.2f", dims.get(0).path("kl").asDouble())), "the slider states its dimension's KL");
        WebElement slider = driver.findElement(By.id("slider-" + first));
        float before = z[first];
        slider.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT,
                Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        waiting().until(d -> {
            try {
                return Math.abs(decodedZ()[first] - before) > 0.2;
            } catch (Exception e) {
                return false;
            }
        });
        waiting().until(d -> (Boolean) js("return arguments[0].complete && arguments[0].naturalWidth === 28", decoded));
        float[] moved = decodedZ();
        assertEquals(z[other], moved[other], 0f, "the other dimension stays");
        int[] afterSlide = browserPixels(decoded);
        assertFalse(java.util.Arrays.equals(shown, afterSlide), "the image changed with the slider");
        ApiClient.Answer slid = api.post("/api/decode", "{\"z\": [[" + moved[0] + "," + moved[1] + "]]}");
        assertArrayEquals(ApiClient.pixels(slid.json().path("items").get(0).path("image").asText()), afterSlide);

        // 4. two points picked: the interpolation strip appears
        driver.findElement(By.id("set-a")).click();
        at(canvas, 320 - 80, 320 + 60).click().perform();
        waiting().until(d -> {
            try {
                return Math.abs(decodedZ()[0] - moved[0]) > 1e-3;
            } catch (Exception e) {
                return false;
            }
        });
        driver.findElement(By.id("set-b")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#strip img")).size() == 10
                && (Boolean) js("return Array.prototype.every.call(document.querySelectorAll('#strip img'),"
                + " function (i) { return i.complete && i.naturalWidth === 28; })"));

        // 5. samples from the prior
        driver.findElement(By.id("sample")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#samples img")).size() == 16);

        // 6. hovering a point shows that row of the data as it is, and its reconstruction
        @SuppressWarnings("unchecked")
        List<Number> where = (List<Number>) js("return window.latent4jExplorer.screenOf(17)");
        at(canvas, where.get(0).doubleValue(), where.get(1).doubleValue()).perform();
        WebElement original = driver.findElement(By.id("original"));
        waiting().until(d -> original.getDomAttribute("data-index") != null
                && (Boolean) js("return arguments[0].complete && arguments[0].naturalWidth === 28", original));
        int index = Integer.parseInt(original.getDomAttribute("data-index"));
        float[] row = test.row(index);
        int[] originalPixels = browserPixels(original);
        for (int i = 0; i < row.length; i++) {
            assertEquals(Images.grey(row[i]), originalPixels[i], "row " + index + ", pixel " + i);
        }
        assertTrue(driver.findElement(By.id("hover-info")).getText().startsWith("row " + index));
        WebElement reconstruction = driver.findElement(By.id("reconstruction"));
        waiting().until(d -> (Boolean) js("return arguments[0].complete && arguments[0].naturalWidth === 28", reconstruction));

        // 7. the page as a reader sees it: a screenshot kept under target/ and checked
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        AtomicFiles.write(SCREENSHOT, png);
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(1280, shot.getWidth());
        org.openqa.selenium.Rectangle box = canvas.getRect();
        Set<Integer> colours = new HashSet<>();
        for (int y = box.getY() + 2; y < box.getY() + box.getHeight() - 2; y += 3) {
            for (int x = box.getX() + 2; x < box.getX() + box.getWidth() - 2; x += 3) {
                colours.add(shot.getRGB(x, y) & 0xffffff);
            }
        }
        assertTrue(colours.size() > 10, "the screenshot shows a coloured scatter, not a blank canvas: " + colours.size()
                + " colours; see " + SCREENSHOT.toAbsolutePath());
        assertTrue(driver.findElement(By.id("error")).getText().isEmpty(), driver.findElement(By.id("error")).getText());
    }

    @Test
    void theMixturePageDrawsContoursAndAComponentOnHover() throws Exception {
        openPage(mixtureServer);
        WebElement canvas = driver.findElement(By.id("plane"));
        assertEquals("150", canvas.getDomAttribute("data-drawn"), "iris's 150 rows");
        assertFalse(driver.findElement(By.id("decode-card")).isDisplayed(), "a mixture has no decoder");
        @SuppressWarnings("unchecked")
        List<Number> where = (List<Number>) js("return window.latent4jExplorer.screenOf(0)");
        at(canvas, where.get(0).doubleValue(), where.get(1).doubleValue()).perform();
        waiting().until(d -> d.findElement(By.id("hover-info")).getText().contains("component"));
        assertTrue((Boolean) js("return window.latent4jExplorer.state.hoverComponent >= 0"));
        Files.createDirectories(SCREENSHOT.getParent());
        AtomicFiles.write(SCREENSHOT.resolveSibling("explorer-mixture-page.png"), driver.getScreenshotAs(OutputType.BYTES));
    }
}
