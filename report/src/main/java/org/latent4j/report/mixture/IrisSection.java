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
import org.latent4j.models.mixture.BicSelection;
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
    /** Variance of rounding to 0.1 cm: a uniform error on ±0.05 has variance 0.1²/12. */
    static final double ROUNDING_VARIANCE = 0.1 * 0.1 / 12;
    /** The largest k tried when BIC chooses. */
    static final int MAX_K = 6;

    /** The petal measurements, the species, and the fit (components sorted by mean petal length). */
    record Fit(double[] x, int[] species, List<String> speciesNames, MixtureParameters p, FitResult fit, int[] labels,
               BicSelection bic) {
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
        // Fisher's petals are rounded to 0.1 cm, which adds variance 0.1²/12 to each measurement; without a floor
        // that large, a spare component can collapse onto a few flowers with identical measurements, and
        // its spike of density fools the likelihood and BIC (k = 6 "wins").
        GaussianMixtureConfig config = GaussianMixtureConfig.builder().k(3).covarianceType(CovarianceType.FULL)
                .regCovar(ROUNDING_VARIANCE).tol(quick ? 1e-5 : 1e-7).maxIter(1000).nInit(quick ? 3 : 10).seed(seed).build();
        GaussianMixture g = new GaussianMixture(config).fit(x, 2);
        MixtureParameters p = Reorder.byMean(g.parameters(), 0);
        int[] labels = GaussianMixture.of(p).predict(x);
        BicSelection bic = GaussianMixture.selectByBic(config.toBuilder().nInit(quick ? 2 : 5).build(), x, 2, 1, MAX_K);
        return new Fit(x, iris.labels(), iris.labelNames(), p, g.fitResult(), labels, bic);
    }

    static void add(Report report, Path figuresDir, Fit f) throws IOException {
        int n = f.species().length;
        report.section("A mixture in two dimensions");
        report.paragraph(String.format(Locale.ROOT,
                "Fisher's iris data (1936): petal length and petal width of %d flowers, 50 of each of three species. "
                        + "A mixture of k = 3 Gaussians with full covariance matrices is fitted by EM to the %d points "
                        + "without being told the species; the left picture shows what it found, the right one the species. "
                        + "The measurements are rounded to 0.1 cm, so every covariance gets the rounding's variance "
                        + "0.1²/12 ≈ 0.0008 added (reg_covar): otherwise a component could shrink onto a few flowers "
                        + "with identical measurements and make the likelihood meaninglessly large.",
                n, n));
        Captioned contours = MixtureFigures.contours2d("iris-contours", f.x(), f.p(), "petal length (cm)", "petal width (cm)");
        Figure species = MixtureFigures.contours2d("iris-species", "The same density over the three species", f.x(), f.p(),
                "petal length (cm)", "petal width (cm)", f.species(), f.speciesNames().toArray(String[]::new)).figure();
        contours.figure().write(figuresDir);
        species.write(figuresDir);
        report.figures(List.of(contours.figure(), species),
                List.of("EM's three components and the mixture density", "the species Fisher recorded"),
                "Left: " + Character.toLowerCase(contours.caption().charAt(0)) + contours.caption().substring(1)
                        + " Right: the same contours over the flowers coloured by species. Setosa's "
                        + "short, narrow petals form a group of their own; versicolor and virginica touch, and there the "
                        + "components and the species disagree on " + (n - f.agreeing()) + " flower" + (n - f.agreeing() == 1 ? "" : "s")
                        + " (compare the colours of the points between the two pictures). Petals were measured to 0.1 cm, "
                        + "so many flowers share a point and fewer than " + n + " distinct points are visible.");
        report.table("Components found by EM (ordered by mean petal length; petal measurements in cm, corr. = the "
                        + "correlation of length and width within the component) and the species of the flowers each one claims",
                header(f), rows(f));
        report.paragraph(String.format(Locale.ROOT,
                "Never shown the species, EM puts %d of the %d flowers into a component whose majority species is their own.",
                f.agreeing(), n));
        Captioned trace = MixtureFigures.logLikelihoodTrace("iris-loglik", f.fit().trace());
        Captioned bic = MixtureFigures.bicByK("iris-bic", f.bic().ks(), f.bic().bics());
        trace.figure().write(figuresDir);
        bic.figure().write(figuresDir);
        report.figures(List.of(trace.figure(), bic.figure()),
                List.of("the k = 3 fit, iteration by iteration", "the same data fitted with k = 1 to " + MAX_K),
                "Left: " + Character.toLowerCase(trace.caption().charAt(0)) + trace.caption().substring(1)
                        + " Right: " + Character.toLowerCase(bic.caption().charAt(0)) + bic.caption().substring(1)
                        + (f.bic().bestK() == 3 ? " Without the species, BIC too finds three groups in the petals."
                                : String.format(Locale.ROOT, " Without the species, BIC prefers k = %d here.", f.bic().bestK())));
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
