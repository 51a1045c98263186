package org.latent4j.cli.explore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.AtomicFiles;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Not a check: draws the README's picture of the page. Runs only when asked, on a run folder, e.g. the demo's 2-D VAE:
 * {@code ./mvnw -o -pl cli -am test -Dtest=ExplorerScreenshotTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlatent4j.explorer.screenshot=runs/demo/vae-latent2 -Dlatent4j.explorer.screenshot.out=docs/images/explorer.png}
 * (paths relative to cli/ when run through Maven: give absolute ones).
 */
@EnabledIfSystemProperty(named = "latent4j.explorer.screenshot", matches = ".+")
class ExplorerScreenshotTest {
    @TempDir
    Path dir;

    @Test
    void screenshotOfThePage() throws Exception {
        ExplorePageTest.requireBrowser();
        Path run = Path.of(System.getProperty("latent4j.explorer.screenshot"));
        Path out = Path.of(System.getProperty("latent4j.explorer.screenshot.out", "target/explorer-screenshot.png"));
        try (ExploreServer server = ExploreServer.start(RunLoader.load(run, null, "test", 5000), "127.0.0.1", 0)) {
            ChromeDriver driver = ExplorePageTest.driver(Files.createDirectories(dir.resolve("profile")), 1280, 960);
            try {
                JavascriptExecutor js = driver;
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
                driver.get(server.address().toString());
                wait.until(d -> "1".equals(js.executeScript("return document.body.dataset.ready || ''")));
                WebElement canvas = driver.findElement(By.id("plane"));
                // A and B on two clusters, the current z between them, a point hovered, samples drawn
                new Actions(driver).moveToElement(canvas, -150, 40).click().perform();
                wait.until(d -> d.findElement(By.id("decoded")).getDomAttribute("data-z") != null);
                driver.findElement(By.id("set-a")).click();
                new Actions(driver).moveToElement(canvas, 150, -100).click().perform();
                Thread.sleep(500);
                driver.findElement(By.id("set-b")).click();
                wait.until(d -> d.findElements(By.cssSelector("#strip img")).size() == 10);
                driver.findElement(By.id("sample")).click();
                wait.until(d -> d.findElements(By.cssSelector("#samples img")).size() == 16);
                new Actions(driver).moveToElement(canvas, 40, 60).click().perform();
                Thread.sleep(500);
                @SuppressWarnings("unchecked")
                List<Number> where = (List<Number>) js.executeScript("return window.latent4jExplorer.screenOf(3)");
                int w = canvas.getRect().getWidth();
                int h = canvas.getRect().getHeight();
                new Actions(driver).moveToElement(canvas, (int) (where.get(0).doubleValue() - w / 2.0),
                        (int) (where.get(1).doubleValue() - h / 2.0)).perform();
                wait.until(d -> d.findElement(By.id("original")).getDomAttribute("data-index") != null);
                js.executeScript("window.scrollTo(0, 0)");
                Thread.sleep(500);
                AtomicFiles.write(out, driver.getScreenshotAs(OutputType.BYTES));
                System.out.println("explorer screenshot: " + out.toAbsolutePath());
                assertTrue(Files.size(out) > 10_000);
            } finally {
                driver.quit();
            }
        }
    }
}
