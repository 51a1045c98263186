package org.latent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.report.BrowserCheck;

/** The CI test of the main job: {@code latent4j demo --quick} writes one report with every section and figure. */
class DemoCommandTest {
    @TempDir
    static Path dir;
    static Path out;
    static CliRun demo;

    @BeforeAll
    static void runDemo() {
        out = dir.resolve("demo");
        // the quality classifier is cached under the test's folder, not the user's ~/.cache
        String before = System.getProperty("latent4j.cache");
        System.setProperty("latent4j.cache", dir.resolve("cache").toString());
        try {
            demo = CliRun.of("demo", "--quick", "--out", out.toString());
        } finally {
            if (before == null) {
                System.clearProperty("latent4j.cache");
            } else {
                System.setProperty("latent4j.cache", before);
            }
        }
    }

    @Test
    void quickDemoWritesTheReportWithEverySectionAndFigure() throws Exception {
        assertEquals(0, demo.exitCode(), demo.err() + demo.out());
        assertTrue(demo.out().contains("report.html"), demo.out());
        for (String model : new String[] {"vae-latent2", "vae-latent20", "vae-latent20-conv"}) {
            assertTrue(demo.out().contains("latent4j explore " + out.resolve(model) + " --open"),
                    "the demo prints the command that explores " + model + ": " + demo.out());
        }
        String html = Files.readString(out.resolve("report.html"));
        for (String section : new String[] {"Variational autoencoders", "Samples from each model",
                "The ELBO and the log-likelihood", "log-likelihood (IWAE)", "gap", "Reconstructions",
                "The 2-D latent space of the test set", "The manifold learned by the 2-D model",
                "Latent traversal of the 2-D model", "Latent traversal of the 20-D model", "Training curves",
                "KL per latent dimension", "A convolutional VAE beside the MLP one", "Samples: MLP and convolutional",
                "Reconstructions: MLP and convolutional", "seconds per epoch", "crabs", "A mixture in two dimensions",
                "Are VAE samples blurry? Sample quality, measured", "Fréchet distance (classifier features)",
                "mixture of 10 (ex-post)", "Wasserstein GANs: three ways to keep the critic 1-Lipschitz",
                "The three constraints on ring8", "The three constraints on grid25", "spectral normalization",
                "Wasserstein estimate", "WGAN-GP (conv, channels 4/8, latent 8), 10 generator steps",
                "trained here for only 10 generator steps", "How this page was made"}) {
            assertTrue(html.contains(section), "the report lacks '" + section + "'");
        }
        for (String png : new String[] {"samples-latent2", "samples-latent20", "reconstructions", "latent2-latent-space",
                "latent2-manifold", "latent20-latent-space", "latent2-traversal", "latent20-traversal", "training-loss",
                "training-recon", "training-kl", "latent2-kl-per-dimension", "latent20-kl-per-dimension",
                "samples-mlp-latent20", "samples-conv-latent20", "conv-reconstructions", "quality-samples-0",
                "quality-samples-1", "quality-samples-2", "quality-samples-3", "wgan-ring8-clip", "wgan-ring8-gp",
                "wgan-ring8-sn", "wgan-grid25-clip", "wgan-grid25-gp", "wgan-grid25-sn"}) {
            assertTrue(Files.size(out.resolve("figures").resolve(png + ".png")) > 1000, png);
        }
        int images = html.split("data:image/png;base64,", -1).length - 1;
        assertTrue(images >= 19, images + " images");
        // each model is a run folder that 'plot' can draw
        for (String model : new String[] {"vae-latent2", "vae-latent20", "vae-latent20-conv"}) {
            assertTrue(Files.isRegularFile(out.resolve(model).resolve("model").resolve("model.safetensors")), model);
            assertTrue(Files.isRegularFile(out.resolve(model).resolve("metrics.jsonl")), model);
        }
        // the notes' point: the 20-D model is the better density model, by the bound and by the likelihood
        var two = org.latent4j.io.Json.read(out.resolve("vae-latent2").resolve("summary.json")).get("evaluation");
        var twenty = org.latent4j.io.Json.read(out.resolve("vae-latent20").resolve("summary.json")).get("evaluation");
        assertTrue(twenty.get("log_likelihood").asDouble() > two.get("log_likelihood").asDouble() + 5, two + " vs " + twenty);
        assertTrue(twenty.get("elbo").asDouble() > two.get("elbo").asDouble(), two + " vs " + twenty);
        for (var e : new com.fasterxml.jackson.databind.JsonNode[] {two, twenty}) {
            assertTrue(e.get("gap").asDouble() > 0, "the importance-weighted estimate lies above the bound: " + e);
        }
        var conv = org.latent4j.io.Json.read(out.resolve("vae-latent20-conv").resolve("summary.json")).get("evaluation");
        assertTrue(conv.get("gap").asDouble() > 0, conv.toString());
        assertEquals("conv", org.latent4j.io.Json.read(out.resolve("vae-latent20-conv").resolve("model").resolve("config.json"))
                .get("architecture").asText());
        CliRun plot = CliRun.of("plot", out.resolve("vae-latent2").toString());
        assertEquals(0, plot.exitCode(), plot.err());
        assertTrue(Files.isRegularFile(out.resolve("vae-latent2").resolve("figures").resolve("manifold.png")));
        // the demo's folder is latent4j's: a second demo into it is refused (before any work) without --overwrite
        assertTrue(Files.isRegularFile(out.resolve(OutputFolder.MARKER)));
        String page = Files.readString(out.resolve("report.html"));
        CliRun again = CliRun.of("demo", "--quick", "--out", out.toString());
        assertEquals(2, again.exitCode(), again.err());
        assertTrue(again.err().contains("add --overwrite"), again.err());
        assertEquals(page, Files.readString(out.resolve("report.html")));
    }

    @Test
    void theReportShowsInABrowser() throws Exception {
        assertEquals(0, demo.exitCode(), demo.err());
        Optional<Path> chromium = BrowserCheck.findChromium();
        if (System.getenv("LATENT4J_REQUIRE_BROWSER") == null) {
            assumeTrue(chromium.isPresent(), "no chromium: the browser check is skipped (set LATENT4J_REQUIRE_BROWSER to fail)");
        }
        assertTrue(chromium.isPresent(), "LATENT4J_REQUIRE_BROWSER is set but no chromium was found");
        BrowserCheck.Result r = BrowserCheck.check(out.resolve("report.html"));
        assertTrue(r.allDecoded(), r.toString());
        assertTrue(r.fitsWidth(), r.toString());
        assertTrue(r.images() >= 19, r.toString());
    }

    @Test
    void demoHelpHasExamplesAndTheOldDemosStillRun() {
        CliRun help = CliRun.of("demo", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("Examples:") && help.out().contains("--quick"), help.out());
        CliRun crabs = CliRun.of("demo", "crabs", "--n", "200");
        assertEquals(0, crabs.exitCode(), crabs.err());
    }
}
