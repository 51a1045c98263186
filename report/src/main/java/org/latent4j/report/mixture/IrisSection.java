package org.latent4j.report.mixture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.latent4j.data.Catalogue;
import org.latent4j.data.Dataset;
import org.latent4j.data.Split;
import org.latent4j.figures.Figure;
import org.latent4j.figures.mixture.MixtureFigures;
import org.latent4j.figures.mixture.MixtureFigures.Captioned;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.mixture.FitResult;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.GaussianMixtureConfig;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.report.Report;

/**
 * The demo's "A mixture in two dimensions" section: Fisher's (1936) iris flowers (shipped as the catalogue's
 * {@code iris}), petal length against petal width, fitted by EM with k = 3 full-covariance components
 * without the species, then set beside the species.
 */
final class IrisSection {
    static final int PETAL_LENGTH = 2;
    static final int PETAL_WIDTH = 3;

    /** The petal measurements, the species, and the fit (components sorted by mean petal length). */
    record Fit(double[] x, int[] species, List<String> speciesNames, MixtureParameters p, FitResult fit, int[] labels) {
        /** counts[j][s]: flowers of species s whose most probable component is j. */
        int[][] confusion() {
            int[][] c = new int[p.k()][speciesNames.size()];
            for (int i = 0; i < labels.length; i++) {
                c[labels[i]][species[i]]++;
            }
            return c;
        }

        /** Flowers that fall in a component whose majority species is their own. */
        int agreeing() {
            int sum = 0;
            for (int[] row : confusion()) {
                int max = 0;
                for (int v : row) {
                    max = Math.max(max, v);
                }
                sum += max;
            }
            return sum;
        }
    }

    private IrisSection() {}

    static Fit fit(boolean quick, long seed) throws IOException {
        Dataset iris = Catalogue.standard().load("iris", Split.TRAIN);
        int n = iris.rows();
        double[] x = new double[2 * n];
        for (int i = 0; i < n; i++) {
            // Through Float.toString so 1.4f becomes 1.4, the value Fisher printed, not 1.399999976.
            x[2 * i] = Double.parseDouble(Float.toString(iris.x()[i * iris.cols() + PETAL_LENGTH]));
            x[2 * i + 1] = Double.parseDouble(Float.toString(iris.x()[i * iris.cols() + PETAL_WIDTH]));
        }
        GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(3).covarianceType(CovarianceType.FULL)
                .tol(quick ? 1e-5 : 1e-7).maxIter(1000).nInit(quick ? 3 : 10).seed(seed).build()).fit(x, 2);
        MixtureParameters p = Reorder.byMean(g.parameters(), 0);
        int[] labels = GaussianMixture.of(p).predict(x);
        return new Fit(x, iris.labels(), iris.labelNames(), p, g.fitResult(), labels);
    }

    static void add(Report report, Path figuresDir, Fit f) throws IOException {
        int n = f.species().length;
        report.section("A mixture in two dimensions");
        report.paragraph(String.format(Locale.ROOT,
                "Fisher's iris data (1936): petal length and petal width of %d flowers, 50 of each of three species. "
                        + "A mixture of k = 3 Gaussians with full covariance matrices is fitted by EM to the %d points "
                        + "without being told the species; the left picture shows what it found, the right one the species.",
                n, n));
        Captioned contours = MixtureFigures.contours2d("iris-contours", f.x(), f.p(), "petal length (cm)", "petal width (cm)");
        Figure species = MixtureFigures.contours2d("iris-species", "The same density over the three species", f.x(), f.p(),
                "petal length (cm)", "petal width (cm)", f.species(), f.speciesNames().toArray(String[]::new)).figure();
        contours.figure().write(figuresDir);
        species.write(figuresDir);
        report.figures(List.of(contours.figure(), species),
                List.of("EM's three components and the mixture density", "the species Fisher recorded"),
                "Left: " + Character.toLowerCase(contours.caption().charAt(0)) + contours.caption().substring(1) + " Right: the same contours over the flowers coloured by species. Setosa's "
                        + "short, narrow petals form a group of their own; versicolor and virginica touch, and there the "
                        + "components and the species disagree on a few flowers (compare the colours of the points between "
                        + "the two pictures). Petals were measured to 0.1 cm, so many flowers share a point and fewer "
                        + "than " + n + " distinct points are visible.");
        report.table("Components found by EM (ordered by mean petal length; petal measurements in cm, corr. = the "
                        + "correlation of length and width within the component) and the species of the flowers each one claims",
                header(f), rows(f));
        report.paragraph(String.format(Locale.ROOT,
                "Never shown the species, EM puts %d of the %d flowers into a component whose majority species is their own.",
                f.agreeing(), n));
        Captioned trace = MixtureFigures.logLikelihoodTrace("iris-loglik", f.fit().trace());
        trace.figure().write(figuresDir);
        report.figure(trace.figure(), trace.caption());
    }

    private static List<String> header(Fit f) {
        List<String> h = new ArrayList<>(List.of("component", "weight", "mean length", "mean width", "sd length",
                "sd width", "corr."));
        h.addAll(f.speciesNames());
        return h;
    }

    private static List<List<String>> rows(Fit f) {
        MixtureParameters p = f.p();
        int[][] conf = f.confusion();
        double[] w = p.weights(), mu = p.means();
        List<List<String>> rows = new ArrayList<>();
        for (int j = 0; j < p.k(); j++) {
            double[] c = p.covarianceMatrix(j);
            double sx = Math.sqrt(c[0]), sy = Math.sqrt(c[3]);
            List<String> r = new ArrayList<>(List.of(Integer.toString(j + 1), fmt("%.3f", w[j]), fmt("%.3f", mu[2 * j]),
                    fmt("%.3f", mu[2 * j + 1]), fmt("%.3f", sx), fmt("%.3f", sy), fmt("%.2f", c[1] / (sx * sy))));
            for (int v : conf[j]) {
                r.add(Integer.toString(v));
            }
            rows.add(r);
        }
        return rows;
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }
}
