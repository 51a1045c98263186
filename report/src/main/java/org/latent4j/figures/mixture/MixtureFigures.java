package org.latent4j.figures.mixture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.latent4j.figures.Charts;
import org.latent4j.figures.Figure;
import org.latent4j.figures.Grid2d;
import org.latent4j.figures.Series;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.models.pca.Pca;

/**
 * Figures of a Gaussian mixture p(x) = Σ_j α_j N(x; μ_j, Σ_j) fitted by EM (Dempster, Laird and Rubin
 * 1977), each with the sentences that go under it in a report: what it shows and how to read it.
 *
 * <ul>
 *   <li>1-D data: the histogram scaled as a density, each weighted component α_j N(x; μ_j, σ_j²) dashed
 *       and the mixture density solid ({@link #histogram1d});</li>
 *   <li>2-D data: the points coloured by their most probable component and contour lines of the
 *       mixture density ({@link #contours2d});</li>
 *   <li>more dimensions: the points on their first two principal components, coloured by component
 *       ({@link #principalComponents});</li>
 *   <li>any data: the mean log-likelihood per EM iteration ({@link #logLikelihoodTrace}).</li>
 * </ul>
 */
public final class MixtureFigures {
    /** A figure and the sentences under it. */
    public record Captioned(Figure figure, String caption) {
        public Captioned {
            if (figure == null || caption == null || caption.isBlank()) {
                throw new IllegalArgumentException("a captioned figure needs a figure and a caption");
            }
        }
    }

    /** Scatter plots draw at most this many points (every m-th row beyond it), so the PNG stays legible. */
    static final int MAX_POINTS = 5000;
    /** Contour levels drawn over the points. */
    static final int CONTOUR_LEVELS = 8;

    private MixtureFigures() {}

    /**
     * Histogram of 1-D data as a density, each weighted component dashed and the mixture density solid.
     * Bins: the smaller of the Freedman–Diaconis and Sturges widths, at most the narrowest component's
     * standard deviation, aligned with a grid the values are recorded on (see the caption).
     */
    public static Captioned histogram1d(String name, double[] x, MixtureParameters p, String xLabel) {
        checkData(x, 1, "histogram");
        HistogramBins.Bins bins = HistogramBins.edges(x, narrowestSd(p));
        return histogram(name, x, p, xLabel, bins.edges(), bins.description());
    }

    /**
     * Histogram of 1-D data over the given bin edges (e.g. a published histogram's; the first and last
     * edge may be infinite, open end bins drawn as wide as their neighbours), each weighted component
     * dashed and the mixture density solid.
     */
    public static Captioned histogram1d(String name, double[] x, MixtureParameters p, String xLabel, double[] edges) {
        checkData(x, 1, "histogram");
        HistogramBins.checkEdges(edges);
        boolean open = Double.isInfinite(edges[0]) || Double.isInfinite(edges[edges.length - 1]);
        double[] e = HistogramBins.drawable(edges);
        String bins = (edges.length - 1) + " given bins" + (equalWidths(e) ? " of width " + fmt(e[1] - e[0]) : "")
                + (open ? "; the end bins are open and count the values beyond them" : "");
        return histogram(name, x, p, xLabel, edges, bins);
    }

    private static Captioned histogram(String name, double[] x, MixtureParameters p, String xLabel, double[] edges,
                                       String binsPhrase) {
        double[] e = HistogramBins.drawable(edges);
        double[] counts = HistogramBins.counts(x, edges);
        double[] range = MixtureDensity1d.range(x, p);
        MixtureDensity1d curves = MixtureDensity1d.of(p, Math.min(range[0], e[0]), Math.max(range[1], e[e.length - 1]));
        Figure f = Charts.histogram(name, "Histogram and fitted mixture (k = " + p.k() + ")", xLabel, e, counts,
                curveSeries(curves, p));
        return new Captioned(f, histogramCaption(x.length, p, binsPhrase));
    }

    /** The smallest standard deviation among components of weight at least 5% (+∞ if none). */
    private static double narrowestSd(MixtureParameters p) {
        double[] sd = MixtureDensity1d.sds(p);
        double[] w = p.weights();
        double m = Double.POSITIVE_INFINITY;
        for (int j = 0; j < sd.length; j++) {
            if (w[j] >= 0.05) {
                m = Math.min(m, sd[j]);
            }
        }
        return m;
    }

    /**
     * Points of 2-D data coloured by their most probable component ({@link GaussianMixture#predict}) and
     * contour lines of the mixture density, computed with the model's scoreSamples on a grid covering
     * the points with a margin.
     */
    public static Captioned contours2d(String name, double[] x, MixtureParameters p, String xLabel, String yLabel) {
        checkContours(x, p);
        int[] labels = GaussianMixture.of(p).predict(x);
        Figure f = contourFigure(name, "Mixture density and components (k = " + p.k() + ", " + p.type().label() + ")",
                x, p, xLabel, yLabel, labels, componentNames(p));
        int n = x.length / 2;
        return new Captioned(f, String.format(Locale.ROOT,
                "%s, each coloured by the component most likely to have produced it (its largest responsibility). %s "
                        + "The legend gives each component's weight α_j.",
                pointsPhrase(n, thinning(n)), CONTOUR_SENTENCE));
    }

    /**
     * The same contours of the mixture density over points coloured by classes the caller gives (e.g. the
     * true species beside the components EM found), on the same frame as {@link #contours2d}.
     */
    public static Captioned contours2d(String name, String title, double[] x, MixtureParameters p, String xLabel,
                                       String yLabel, int[] classes, String[] classNames) {
        checkContours(x, p);
        if (classes == null || classes.length != x.length / 2) {
            throw new IllegalArgumentException("contour plot: expected one class per point (" + x.length / 2 + "), got "
                    + (classes == null ? "null" : classes.length));
        }
        Figure f = contourFigure(name, title, x, p, xLabel, yLabel, classes, classNames);
        int n = x.length / 2;
        return new Captioned(f, String.format(Locale.ROOT, "%s, coloured by their given class. %s",
                pointsPhrase(n, thinning(n)), CONTOUR_SENTENCE));
    }

    private static final String CONTOUR_SENTENCE = "The lines are contours of the fitted mixture density "
            + "p(x) = Σ_j α_j N(x; μ_j, Σ_j) at " + CONTOUR_LEVELS + " levels evenly spaced in log density, from a "
            + "thousandth of its highest value (the outermost, lightest line) to 0.8 of it (the darkest): the innermost "
            + "rings sit on the modes, the outer ones show how far the components' tails reach, and a ring that encloses "
            + "two groups of points shows components that overlap.";

    private static void checkContours(double[] x, MixtureParameters p) {
        checkData(x, 2, "contour plot");
        if (p.d() != 2) {
            throw new IllegalArgumentException("a contour plot needs a 2-D mixture, this one has d = " + p.d());
        }
    }

    private static Figure contourFigure(String name, String title, double[] x, MixtureParameters p, String xLabel,
                                        String yLabel, int[] classes, String[] classNames) {
        double[] px = column(x, 2, 0);
        double[] py = column(x, 2, 1);
        Grid2d grid = DensityGrid.of(GaussianMixture.of(p), px, py);
        int step = thinning(px.length);
        return Charts.contours(name, title, xLabel, yLabel, thin(px, step), thin(py, step), thin(classes, step),
                classNames, grid, CONTOUR_LEVELS);
    }

    /**
     * For data of more than 2 dimensions: the points on their first two principal components, coloured
     * by their most probable component (no contours: the density lives in all d dimensions).
     */
    public static Captioned principalComponents(String name, double[] x, MixtureParameters p) {
        checkPcs(x, p);
        int[] labels = GaussianMixture.of(p).predict(x);
        return pcScatter(name, "Components on the first two principal components", x, p.d(), labels, componentNames(p),
                "each coloured by the component most likely to have produced it in the full " + p.d() + " dimensions");
    }

    /**
     * The same view as {@link #principalComponents(String, double[], MixtureParameters)} with the points
     * coloured by classes the caller gives (e.g. the data's labels beside the components EM found).
     */
    public static Captioned principalComponents(String name, String title, double[] x, MixtureParameters p, int[] classes,
                                                String[] classNames) {
        checkPcs(x, p);
        if (classes == null || classes.length != x.length / p.d()) {
            throw new IllegalArgumentException("principal-component scatter: expected one class per row ("
                    + x.length / p.d() + "), got " + (classes == null ? "null" : classes.length));
        }
        return pcScatter(name, title, x, p.d(), classes, classNames, "coloured by their given class");
    }

    private static void checkPcs(double[] x, MixtureParameters p) {
        if (p.d() < 2) {
            throw new IllegalArgumentException("principal components need at least 2 dimensions, the mixture has d = " + p.d());
        }
        checkData(x, p.d(), "principal-component scatter");
    }

    private static Captioned pcScatter(String name, String title, double[] x, int d, int[] classes, String[] classNames,
                                       String colouring) {
        int n = x.length / d;
        Pca pca = Pca.fit(x, d, 2);
        double[] z = pca.transform(x);
        double[] ratio = pca.explainedVarianceRatio();
        int step = thinning(n);
        Figure f = Charts.scatterByClass(name, title,
                String.format(Locale.ROOT, "principal component 1 (%.1f%% of the variance)", 100 * ratio[0]),
                String.format(Locale.ROOT, "principal component 2 (%.1f%%)", 100 * ratio[1]),
                thin(column(z, 2, 0), step), thin(column(z, 2, 1), step), thin(classes, step), classNames);
        return new Captioned(f, String.format(Locale.ROOT,
                "The mixture lives in %d dimensions, too many to draw its density, so no contours are shown: "
                        + "%s are drawn on the data's first two principal components (together %.1f%% of the variance), "
                        + "%s. Groups that look mixed here may still be apart in the directions this view leaves out.",
                d, pointsPhrase(n, step).toLowerCase(Locale.ROOT), 100 * (ratio[0] + ratio[1]), colouring));
    }

    /**
     * The mean log-likelihood per row at each EM iteration (under the parameters the iteration started
     * from), with a note in the caption if it ever decreased.
     */
    public static Captioned logLikelihoodTrace(String name, double[] trace) {
        return logLikelihoodTrace(name, trace, "EM: mean log-likelihood per iteration", "mean log-likelihood per row");
    }

    /** {@link #logLikelihoodTrace(String, double[])} with a chosen title and y-axis label. */
    public static Captioned logLikelihoodTrace(String name, double[] trace, String title, String yLabel) {
        if (trace == null || trace.length == 0) {
            throw new IllegalArgumentException("log-likelihood trace '" + name + "' is empty; expected one value per EM iteration");
        }
        for (int i = 0; i < trace.length; i++) {
            if (!Double.isFinite(trace[i])) {
                throw new IllegalArgumentException("log-likelihood trace '" + name + "': iteration " + (i + 1) + " is " + trace[i]);
            }
        }
        Figure f = Charts.lines(name, title, "EM iteration", yLabel,
                List.of(trace.length <= 60 ? Series.lineMarkers("mean log-likelihood", null, trace)
                        : Series.line("mean log-likelihood", null, trace)));
        return new Captioned(f, TraceCaption.of(trace));
    }

    /**
     * The Bayesian information criterion of the fits tried when k was chosen from a range (Schwarz 1978):
     * BIC = −2·n·(mean log-likelihood) + p·ln n, p the free parameters; the lowest wins.
     */
    public static Captioned bicByK(String name, int[] ks, double[] bics) {
        if (ks == null || bics == null || ks.length == 0 || ks.length != bics.length) {
            throw new IllegalArgumentException("BIC by k: expected as many BIC values as k values, got "
                    + (ks == null ? "null" : ks.length) + " and " + (bics == null ? "null" : bics.length));
        }
        double[] k = new double[ks.length];
        int best = 0;
        for (int i = 0; i < ks.length; i++) {
            k[i] = ks[i];
            if (bics[i] < bics[best]) {
                best = i;
            }
        }
        Figure f = Charts.lines(name, "Choosing k by BIC", "number of components k", "BIC (lower is better)",
                List.of(Series.lineMarkers("BIC", k, bics)));
        return new Captioned(f, String.format(Locale.ROOT,
                "The Bayesian information criterion BIC = −2·n·(mean log-likelihood) + p·ln n of the mixture fitted with "
                        + "each number of components k from %d to %d (p: free parameters, n: rows). More components always "
                        + "fit the data at least as well; BIC charges each parameter ln n, so its minimum, here k = %d, is "
                        + "the k the run kept. A flat bottom means several k explain the data about equally well.",
                ks[0], ks[ks.length - 1], ks[best]));
    }

    /** Legend names "component 1 (w=0.34)": 1-based, with the mixing weight. */
    public static String[] componentNames(MixtureParameters p) {
        double[] w = p.weights();
        String[] names = new String[p.k()];
        for (int j = 0; j < names.length; j++) {
            names[j] = String.format(Locale.ROOT, "component %d (w=%.2f)", j + 1, w[j]);
        }
        return names;
    }

    private static List<Series> curveSeries(MixtureDensity1d c, MixtureParameters p) {
        List<Series> s = new ArrayList<>();
        String[] names = componentNames(p);
        for (int j = 0; j < p.k(); j++) {
            s.add(Series.dashed(names[j], c.x(), c.components()[j]));
        }
        s.add(Series.line("mixture", c.x(), c.mixture()));
        return s;
    }

    private static String histogramCaption(int n, MixtureParameters p, String bins) {
        return String.format(Locale.ROOT,
                "Histogram of the %d values scaled as a density (the bars' areas sum to 1; %s). "
                        + "Dashed: each of the %d fitted components α_j N(x; μ_j, σ_j²), drawn with its weight so the "
                        + "dashed curves add up to the solid one, the mixture density. Where the solid curve follows the "
                        + "bars the mixture describes the data; a systematic gap shows what it misses.",
                n, bins, p.k());
    }

    private static boolean equalWidths(double[] e) {
        double w = e[1] - e[0];
        for (int b = 1; b + 1 < e.length; b++) {
            if (Math.abs((e[b + 1] - e[b]) - w) > 1e-9 * Math.abs(w)) {
                return false;
            }
        }
        return true;
    }

    private static String pointsPhrase(int n, int step) {
        return step == 1 ? "The " + n + " points"
                : "Every " + step + "th of the " + n + " points (" + ((n + step - 1) / step) + " drawn)";
    }

    static int thinning(int n) {
        return Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
    }

    private static double[] thin(double[] v, int step) {
        if (step == 1) {
            return v;
        }
        double[] out = new double[(v.length + step - 1) / step];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[i * step];
        }
        return out;
    }

    private static int[] thin(int[] v, int step) {
        if (step == 1) {
            return v;
        }
        int[] out = new int[(v.length + step - 1) / step];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[i * step];
        }
        return out;
    }

    static double[] column(double[] x, int d, int c) {
        double[] out = new double[x.length / d];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i * d + c];
        }
        return out;
    }

    private static void checkData(double[] x, int d, String what) {
        if (x == null || x.length == 0 || x.length % d != 0) {
            throw new IllegalArgumentException(what + ": expected n rows of " + d + " value(s), got "
                    + (x == null ? "null" : x.length + " values"));
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(what + ": row " + (i / d) + ", column " + (i % d) + " is " + x[i]);
            }
        }
    }

    /** Three significant digits without trailing zeros: 0.004, 0.271, 12.5. */
    static String fmt(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }
}
