package org.latent4j.report.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.figures.Charts;
import org.latent4j.io.FileFormatException;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.mixture.BicSelection;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.GaussianMixtureConfig;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.models.pca.Pca;
import org.latent4j.random.RandomSource;

class MixtureRunReportTest {
    @TempDir Path tmp;

    /** n rows of d columns from a k-component mixture with well separated means, written as CSV with a header. */
    private double[] data(Path csv, int n, int d, long seed) throws IOException {
        int k = 2;
        double[] mu = new double[k * d];
        double[] var = new double[k * d];
        for (int c = 0; c < d; c++) {
            mu[c] = 0;
            mu[d + c] = 4 + c;
            var[c] = 1;
            var[d + c] = 0.5;
        }
        double[] x = GaussianMixture.of(new MixtureParameters(CovarianceType.DIAG, k, d, new double[] {0.4, 0.6}, mu, var))
                .sample(n, new RandomSource(seed)).x();
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < d; c++) {
            sb.append(c == 0 ? "" : ",").append("col").append(c);
        }
        sb.append('\n');
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                sb.append(c == 0 ? "" : ",").append(x[i * d + c]);
            }
            sb.append('\n');
        }
        Files.writeString(csv, sb.toString());
        return x;
    }

    private static GaussianMixture fit(double[] x, int d, int k, CovarianceType type) {
        return new GaussianMixture(GaussianMixtureConfig.builder().k(k).covarianceType(type).seed(1).build()).fit(x, d);
    }

    private static void assertPng(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " written");
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(Charts.WIDTH, img.getWidth(), file + " width");
        assertEquals(Charts.HEIGHT, img.getHeight(), file + " height");
    }

    @Test
    void oneDimensionalRunGetsAHistogramATraceAndAReport() throws IOException {
        Path csv = tmp.resolve("one.csv");
        double[] x = data(csv, 300, 1, 3);
        Path run = tmp.resolve("run1");
        MixtureRunFiles.write(run, fit(x, 1, 2, CovarianceType.FULL), null, null, x, 300, "csv:" + csv, 0, 0.25);
        // run.json as the cli's RunRecord writes it.
        Files.writeString(run.resolve("run.json"), "{\"command\": \"train gmm\", \"latent4j_version\": \"0.1.0\", "
                + "\"options\": {\"data\": \"csv:" + csv + "\", \"k\": \"2\", \"max-iter\": 100, \"tol\": 0.001}}");
        MixtureRunReport.plot(run);
        assertPng(run.resolve("figures/histogram.png"));
        assertPng(run.resolve("figures/loglik.png"));
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("mean_loglik"), "metrics table");
        assertTrue(html.contains("covariance_type"), "config table");
        assertTrue(html.contains("max-iter") && html.contains("latent4j train gmm"), "the command's options");
        assertTrue(html.contains("converged"), "convergence noted under the trace");
        assertTrue(html.contains("data:image/png;base64,") || html.contains("histogram"), "figures embedded");
        assertTrue(html.toLowerCase(Locale.ROOT).contains("histogram of the 300 values"), "caption");
    }

    @Test
    void twoDimensionalRunWithABicRangeGetsContoursAndTheBicCurve() throws IOException {
        Path csv = tmp.resolve("two.csv");
        double[] x = data(csv, 400, 2, 4);
        GaussianMixtureConfig base = GaussianMixtureConfig.builder().k(1).covarianceType(CovarianceType.FULL).seed(1).build();
        BicSelection sel = GaussianMixture.selectByBic(base, x, 2, 1, 4);
        Path run = tmp.resolve("run2");
        MixtureRunFiles.write(run, sel.best(), null, sel, x, 400, "csv:" + csv, 0, 0.25);
        MixtureRunReport.plot(run);
        assertPng(run.resolve("figures/contours.png"));
        assertPng(run.resolve("figures/loglik.png"));
        assertPng(run.resolve("figures/bic.png"));
        assertTrue(Files.readString(run.resolve("report.html")).contains("contours of the fitted mixture density"));
    }

    @Test
    void higherDimensionsGetPrincipalComponentsAndAProjectedRunIsProjectedAgain() throws IOException {
        Path csv = tmp.resolve("five.csv");
        double[] x = data(csv, 300, 5, 5);
        Path plain = tmp.resolve("run5");
        MixtureRunFiles.write(plain, fit(x, 5, 2, CovarianceType.DIAG), null, null, x, 300, "csv:" + csv, 0, 0.25);
        MixtureRunReport.plot(plain);
        assertPng(plain.resolve("figures/principal-components.png"));
        assertTrue(Files.readString(plain.resolve("report.html")).contains("no contours are shown"));

        Pca pca = Pca.fit(x, 5, 2);
        double[] z = pca.transform(x);
        Path projected = tmp.resolve("run5pca");
        MixtureRunFiles.write(projected, fit(z, 2, 2, CovarianceType.FULL), pca, null, z, 300, "csv:" + csv, 0, 0.25);
        MixtureRunReport.plot(projected);
        assertPng(projected.resolve("figures/contours.png"));
        assertTrue(Files.readString(projected.resolve("report.html")).contains("principal components"));
    }

    @Test
    void labelledDataAreComparedWithTheComponents() throws IOException {
        for (int d : new int[] {2, 3}) {
            Path csv = tmp.resolve("labelled" + d + ".csv");
            double[] x = data(csv, 200, d, 8);
            // A text label column: "left" for rows nearer the first mean, "right" otherwise.
            java.util.List<String> lines = Files.readAllLines(csv);
            StringBuilder sb = new StringBuilder(lines.get(0)).append(",kind\n");
            for (int i = 0; i < 200; i++) {
                sb.append(lines.get(i + 1)).append(x[i * d] < 2 ? ",left" : ",right").append('\n');
            }
            Files.writeString(csv, sb.toString());
            Path run = tmp.resolve("labelled-run" + d);
            MixtureRunFiles.write(run, fit(x, d, 2, CovarianceType.FULL), null, null, x, 200, "csv:" + csv + "?label=kind", 0, 0.25);
            MixtureRunReport.plot(run);
            assertPng(run.resolve(d == 2 ? "figures/contours-labels.png" : "figures/principal-components-labels.png"));
            String html = Files.readString(run.resolve("report.html"));
            assertTrue(html.contains("never shown to EM") && html.contains("left") && html.contains("right"), "label table");
            assertTrue(html.contains("fall in a component whose most common label is their own"), "agreement");
        }
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        Path csv = tmp.resolve("one.csv");
        double[] x = data(csv, 100, 1, 6);
        Path run = tmp.resolve("run");
        MixtureRunFiles.write(run, fit(x, 1, 2, CovarianceType.FULL), null, null, x, 100, "csv:" + csv, 0, 0.25);

        Files.delete(run.resolve("metrics.jsonl"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MixtureRunReport.plot(run));
        assertTrue(e.getMessage().contains("metrics.jsonl"), e.getMessage());

        Files.writeString(run.resolve("metrics.jsonl"), "{\"iteration\":1,\"mean_loglik\":-1.0}\n{oops\n");
        FileFormatException bad = assertThrows(FileFormatException.class, () -> MixtureRunReport.plot(run));
        assertTrue(bad.getMessage().contains("metrics.jsonl") && bad.getMessage().contains("line 2"), bad.getMessage());

        Files.writeString(run.resolve("metrics.jsonl"), "{\"iteration\":1,\"mean_loglik\":-1.0}\n");
        Files.delete(csv);
        NoSuchFileException data = assertThrows(NoSuchFileException.class, () -> MixtureRunReport.plot(run));
        assertTrue(data.getMessage().contains("one.csv"), data.getMessage());

        Path notARun = Files.createDirectories(tmp.resolve("empty"));
        NoSuchFileException model = assertThrows(NoSuchFileException.class, () -> MixtureRunReport.plot(notARun));
        assertTrue(model.getMessage().contains("model"), model.getMessage());
    }
}
