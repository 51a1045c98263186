package org.latent4j.report.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.report.Report;

class MixtureDemoTest {
    @TempDir Path dir;

    @Test
    void quickDemoAddsBothSectionsAndWritesThePngs() throws IOException {
        Report report = new Report("demo");
        MixtureDemo.addTo(report, dir.resolve("figures"), true, 7);
        String html = report.html();
        assertTrue(html.contains("Pearson&#39;s crabs") || html.contains("Pearson's crabs"), "crabs section");
        assertTrue(html.contains("A mixture in two dimensions"), "2-D section");
        for (String name : new String[] {"crabs-histogram", "crabs-loglik", "crabs-binned-loglik", "iris-contours",
                "iris-species", "iris-loglik", "iris-bic"}) {
            Path png = dir.resolve("figures").resolve(name + ".png");
            assertTrue(Files.isRegularFile(png), png + " written");
            BufferedImage img = ImageIO.read(png.toFile());
            assertTrue(img != null && img.getWidth() > 100 && img.getHeight() > 100, name + " decodes");
        }
    }

    @Test
    void crabsFitsRecoverTheTruthAndTheirTracesNeverDecrease() {
        CrabsSection.Fits f = CrabsSection.fit(true, 1894);
        for (MixtureParameters p : new MixtureParameters[] {f.em(), f.binned()}) {
            double[] mu = p.means();
            assertEquals(0.634, mu[0], 0.005, "mean 1");
            assertEquals(0.657, mu[1], 0.005, "mean 2");
            assertEquals(0.44, p.weights()[0], 0.15, "weight 1");
        }
        nonDecreasing(f.emFit().trace());
        nonDecreasing(f.binnedFit().trace());
        assertTrue(f.emFit().trace().length > 5, "a visible climb");
        assertEquals(1000.0, java.util.Arrays.stream(f.counts()).sum());
        CrabsSection.Fits again = CrabsSection.fit(true, 1894);
        assertArrayEquals(f.em().means(), again.em().means(), "same seed, same fit");
        assertArrayEquals(f.binned().covariances(), again.binned().covariances());
    }

    @Test
    void irisComponentsMatchTheSpeciesAndTheDemoIsDeterministic() throws IOException {
        IrisSection.Fit a = IrisSection.fit(true, 3);
        IrisSection.Fit b = IrisSection.fit(true, 3);
        assertArrayEquals(a.p().means(), b.p().means());
        assertTrue(a.agreeing() >= 135, "components agree with species on " + a.agreeing() + " of 150");
        int[][] conf = a.confusion();
        assertEquals(50, conf[0][0], "setosa is its own component");
        assertEquals(3, a.bic().bestK(), "BIC finds three groups in the petals");
        nonDecreasing(a.fit().trace());
    }

    private static void nonDecreasing(double[] t) {
        for (int i = 1; i < t.length; i++) {
            assertTrue(t[i] >= t[i - 1] - 1e-12 * Math.abs(t[i - 1]), "iteration " + (i + 1) + ": " + t[i] + " < " + t[i - 1]);
        }
    }
}
