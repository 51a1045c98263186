package org.latent4j.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.Circle;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Headless charts with one house style (white background, readable fonts, a colour-blind-safe
 * palette), drawn with XChart and returned as PNG {@link Figure}s.
 *
 * <p>Every method checks its input and throws {@link IllegalArgumentException} naming the argument
 * and the offending value. Colours follow the order of series or classes, so class c has the same
 * colour in a scatter plot and in a contour plot with the same number of classes.
 */
public final class Charts {
    /** Default width in pixels. */
    public static final int WIDTH = 640;
    /** Default height in pixels. */
    public static final int HEIGHT = 440;

    private static final BasicStroke SOLID = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final float DASH_ON = 7f, DASH_OFF = 4f;
    /** The legend sample of a dashed curve. */
    private static final BasicStroke DASH = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {DASH_ON, DASH_OFF}, 0f);
    /** The dashes of a dashed curve, cut by {@link DashedPath}. */
    private static final BasicStroke DASH_PIECE = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
    /**
     * XChart sizes legend markers like the data markers, which for thousands of points are tiny; class
     * legend entries (series without data) use this circle of at least 9 pixels instead.
     */
    private static final Marker LEGEND_DOT = new Circle() {
        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            super.paint(g, x, y, Math.max(markerSize, 9));
        }
    };
    private static final Color HISTOGRAM_FILL = new Color(0xC9, 0xD3, 0xDD);
    private static final Color HISTOGRAM_EDGE = new Color(0x8A, 0x99, 0xA8);

    static {
        HouseStyle.ensureHeadless();
    }

    private Charts() {}

    /**
     * Line chart, e.g. training curves (train solid, test dashed) or the log-likelihood per EM
     * iteration. When every x is a whole number (epochs, iterations) only whole-number ticks are labelled.
     */
    public static Figure lines(String name, String title, String xLabel, String yLabel, List<Series> series) {
        checkSeries("series", series, false);
        int[] groups = new int[series.size()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = i;
        }
        return lines(name, title, xLabel, yLabel, series, groups);
    }

    /**
     * {@link #lines(String, String, String, String, List)} with chosen colours: series i gets colour
     * number {@code colorGroups[i]}, so e.g. {@code {0, 0, 1, 1}} draws the train (solid) and test
     * (dashed) curves of one run in one colour and those of a second run in another.
     */
    public static Figure lines(String name, String title, String xLabel, String yLabel, List<Series> series,
                               int[] colorGroups) {
        checkSeries("series", series, false);
        if (colorGroups == null || colorGroups.length != series.size()) {
            throw new IllegalArgumentException("lines: colorGroups has " + (colorGroups == null ? "null" : colorGroups.length)
                    + " entries for " + series.size() + " series; expected one colour number per series");
        }
        int colorsUsed = 0;
        for (int i = 0; i < colorGroups.length; i++) {
            if (colorGroups[i] < 0) {
                throw new IllegalArgumentException("lines: colorGroups[" + i + "] = " + colorGroups[i] + "; expected >= 0");
            }
            colorsUsed = Math.max(colorsUsed, colorGroups[i] + 1);
        }
        Color[] palette = Palette.colors(colorsUsed);
        Color[] colors = new Color[series.size()];
        for (int i = 0; i < colors.length; i++) {
            colors[i] = palette[colorGroups[i]];
        }
        XYChart chart = xyChart(title, xLabel, yLabel);
        // One curve needs no legend: the title and axis labels name it.
        chart.getStyler().setLegendVisible(series.size() > 1);
        if (series.size() > 1) {
            HouseStyle.legendFor(chart.getStyler(), series.stream().map(Series::label).toList(), WIDTH);
        }
        chart.getStyler().setMarkerSize(6);
        addCurves(chart, series, colors, null);
        boolean integral = true;
        for (Series s : series) {
            integral &= allIntegers(s.xValues());
        }
        if (integral) {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(Charts::integerTick);
        }
        return HouseStyle.render(name, chart);
    }

    /**
     * Bar chart, e.g. KL per latent dimension. Category names that do not fit side by side are turned
     * upright, and when there are too many even for that (e.g. 64 latent dimensions) only every k-th is shown.
     */
    public static Figure bars(String name, String title, String xLabel, String yLabel, String[] categories,
                              double[] values) {
        if (categories == null || values == null || categories.length == 0 || categories.length != values.length) {
            throw new IllegalArgumentException("bars: categories has " + (categories == null ? "null" : categories.length)
                    + " entries and values " + (values == null ? "null" : values.length)
                    + "; expected the same positive number");
        }
        Set<String> seen = new HashSet<>();
        List<String> cats = new ArrayList<>(categories.length);
        List<Double> vals = new ArrayList<>(values.length);
        int longest = 0;
        for (int i = 0; i < values.length; i++) {
            if (categories[i] == null || !seen.add(categories[i])) {
                throw new IllegalArgumentException("bars: categories[" + i + "] = '" + categories[i]
                        + "' is null or repeated; expected distinct names");
            }
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("bars: values[" + i + "] = " + values[i] + " (category '"
                        + categories[i] + "'); expected a finite number");
            }
            cats.add(categories[i]);
            vals.add(values[i]);
            longest = Math.max(longest, categories[i].length());
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(text(title)).xAxisTitle(text(xLabel)).yAxisTitle(text(yLabel)).build();
        var styler = chart.getStyler();
        HouseStyle.apply(styler);
        styler.setLegendVisible(false);
        styler.setAvailableSpaceFill(0.7);
        styler.setPlotGridVerticalLinesVisible(false);
        // Labels side by side when they fit (about 7.5 px per character at 12 px), else upright when
        // a 12 px line fits per bar, else side by side but only every k-th one.
        double plotWidth = WIDTH - 110.0;
        double slot = plotWidth / categories.length, need = longest * 7.5 + 10;
        if (need > slot) {
            if (slot >= 16) {
                styler.setXAxisLabelRotation(90);
            } else {
                styler.setXAxisMaxLabelCount(Math.max(2, (int) (plotWidth / need)));
            }
        }
        chart.addSeries(yLabel == null || yLabel.isBlank() ? "value" : yLabel, cats, vals)
                .setFillColor(Palette.colors(1)[0]);
        return HouseStyle.render(name, chart);
    }

    /**
     * Scatter plot coloured by class, with a legend naming each class right of the plot (classNames[c]
     * for class c). Many points get small, translucent markers, so dense regions stay readable.
     * Points with a non-finite coordinate are left out; a class without points is left out of the legend.
     */
    public static Figure scatterByClass(String name, String title, String xLabel, String yLabel,
                                        double[] x, double[] y, int[] classes, String[] classNames) {
        checkPoints(x, y, classes, classNames, true);
        XYChart chart = xyChart(title, xLabel, yLabel);
        HouseStyle.legendRight(chart.getStyler());
        int n = x.length;
        chart.getStyler().setMarkerSize(n <= 1000 ? 6 : 4);
        double alpha = scatterAlpha(n);
        addClassPoints(chart, x, y, classes, classNames, alpha);
        return HouseStyle.render(name, chart);
    }

    /**
     * Histogram of 1-D data normalised as a density (bar heights count/(n·binWidth), area 1), with
     * curves (e.g. component and mixture densities) drawn over it on the same axes. Non-finite data
     * values are left out.
     */
    public static Figure histogram(String name, String title, String xLabel, double[] data, int bins,
                                   List<Series> curves) {
        checkSeries("curves", curves, true);
        return histogram(name, title, xLabel, DensityHistogram.of(data, bins), curves);
    }

    /**
     * Histogram over given bins (e.g. a published histogram's): {@code edges} (bins + 1, finite,
     * increasing) and {@code counts} (bins), drawn as a density count_b / (Σ counts · width_b) like
     * {@link #histogram(String, String, String, double[], int, List)}, with curves over it.
     */
    public static Figure histogram(String name, String title, String xLabel, double[] edges, double[] counts,
                                   List<Series> curves) {
        checkSeries("curves", curves, true);
        return histogram(name, title, xLabel, DensityHistogram.ofCounts(edges, counts), curves);
    }

    private static Figure histogram(String name, String title, String xLabel, DensityHistogram h, List<Series> curves) {
        String dataLabel = "data (n = " + h.count() + ")";
        XYChart chart = xyChart(title, xLabel, "density");
        List<String> legend = new ArrayList<>();
        legend.add(dataLabel);
        if (curves != null) {
            curves.forEach(c -> legend.add(c.label()));
        }
        HouseStyle.legendFor(chart.getStyler(), legend, WIDTH);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setYAxisMin(0.0);
        // The bars as one step outline filled down to zero: a numeric x axis the curves share.
        int b = h.density().length;
        double[] sx = new double[2 * b + 2], sy = new double[2 * b + 2];
        sx[0] = h.edges()[0];
        for (int i = 0; i < b; i++) {
            sx[2 * i + 1] = h.edges()[i];
            sy[2 * i + 1] = h.density()[i];
            sx[2 * i + 2] = h.edges()[i + 1];
            sy[2 * i + 2] = h.density()[i];
        }
        sx[2 * b + 1] = h.edges()[b];
        XYSeries bars = chart.addSeries(dataLabel, sx, sy);
        bars.setXYSeriesRenderStyle(XYSeriesRenderStyle.Area);
        bars.setMarker(SeriesMarkers.NONE);
        bars.setFillColor(HISTOGRAM_FILL);
        bars.setLineColor(HISTOGRAM_EDGE);
        bars.setLineStyle(new BasicStroke(1f));
        List<Series> cs = curves == null ? List.of() : curves;
        addCurves(chart, cs, Palette.colors(cs.size()),
                new double[] {h.edges()[0], h.edges()[b], 0, max(h.density())});
        return HouseStyle.render(name, chart);
    }

    /**
     * Points coloured by class/component plus contour lines of {@code field} at {@code levels} levels
     * chosen by {@link #contourLevels(Grid2d, int)}, traced by marching squares. {@code classes} may be
     * null: the points are then drawn in one colour and named classNames[0] (or "data").
     */
    public static Figure contours(String name, String title, String xLabel, String yLabel, double[] x, double[] y,
                                  int[] classes, String[] classNames, Grid2d field, int levels) {
        if (levels < 1) {
            throw new IllegalArgumentException("contours: levels=" + levels + "; expected at least 1");
        }
        if (field == null) {
            throw new IllegalArgumentException("contours: field is null; expected a Grid2d");
        }
        return contours(name, title, xLabel, yLabel, x, y, classes, classNames, field, contourLevels(field, levels));
    }

    /**
     * {@link #contours(String, String, String, String, double[], double[], int[], String[], Grid2d, int)}
     * at given levels (e.g. densities enclosing chosen probabilities). Lower levels are drawn lighter.
     */
    public static Figure contours(String name, String title, String xLabel, String yLabel, double[] x, double[] y,
                                  int[] classes, String[] classNames, Grid2d field, double[] levelValues) {
        return contours(name, title, xLabel, yLabel, x, y, classes, classNames, field, levelValues, "density contours");
    }

    /**
     * {@link #contours(String, String, String, String, double[], double[], int[], String[], Grid2d, double[])} with
     * the legend's name of the lines (e.g. "critic D(x) contours" for a field that is no density).
     */
    public static Figure contours(String name, String title, String xLabel, String yLabel, double[] x, double[] y,
                                  int[] classes, String[] classNames, Grid2d field, double[] levelValues,
                                  String contourLabel) {
        if (contourLabel == null || contourLabel.isBlank()) {
            throw new IllegalArgumentException("contours: contourLabel is blank; expected the legend's name of the lines");
        }
        if (field == null) {
            throw new IllegalArgumentException("contours: field is null; expected a Grid2d");
        }
        if (levelValues == null) {
            throw new IllegalArgumentException("contours: levelValues is null");
        }
        for (int i = 0; i < levelValues.length; i++) {
            if (!Double.isFinite(levelValues[i])) {
                throw new IllegalArgumentException("contours: levelValues[" + i + "] = " + levelValues[i] + "; expected finite");
            }
        }
        boolean hasPoints = x != null && x.length > 0;
        if (hasPoints) {
            checkPoints(x, y, classes, classNames, classes != null);
        } else if (y != null && y.length > 0) {
            throw new IllegalArgumentException("contours: y has " + y.length + " values but x has none");
        }
        XYChart chart = xyChart(title, xLabel, yLabel);
        HouseStyle.legendRight(chart.getStyler());
        // Without points there is one kind of line only: a legend would just take room.
        chart.getStyler().setLegendVisible(hasPoints);
        chart.getStyler().setMarkerSize(hasPoints && x.length > 1000 ? 4 : 5);
        if (hasPoints) {
            // Lighter than a plain scatter plot: the contour lines must stay readable over the points.
            double alpha = 0.8 * scatterAlpha(x.length);
            if (classes != null) {
                addClassPoints(chart, x, y, classes, classNames, alpha);
            } else {
                String label = classNames != null && classNames.length > 0 && classNames[0] != null ? classNames[0] : "data";
                addPoints(chart, label, x, y, Palette.withAlpha(Palette.colors(1)[0], alpha));
            }
        }
        addContourLines(chart, field, levelValues, contourLabel);
        // Frame the plot on the grid, unless points reach beyond it.
        double[] ext = {field.xMin(), field.xMax(), field.yMin(), field.yMax()};
        if (hasPoints) {
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    ext[0] = Math.min(ext[0], x[i]);
                    ext[1] = Math.max(ext[1], x[i]);
                    ext[2] = Math.min(ext[2], y[i]);
                    ext[3] = Math.max(ext[3], y[i]);
                }
            }
        }
        var st = chart.getStyler();
        st.setXAxisMin(ext[0]);
        st.setXAxisMax(ext[1]);
        st.setYAxisMin(ext[2]);
        st.setYAxisMax(ext[3]);
        return HouseStyle.render(name, chart);
    }

    /**
     * The contour levels used by {@code contours(..., levels)}. For a field with no negative value (a
     * density) the levels are evenly spaced in log-density from 10⁻³·max to 0.8·max: for a Gaussian
     * they sit at Mahalanobis radii from 3.7 down to 0.67, so both the peaks and the tails get lines,
     * and a small component (down to a thousandth of the highest peak) still gets its own rings. For a
     * field with negative values (e.g. a log-density) they are evenly spaced strictly between its
     * minimum and maximum. A constant or all-NaN field has no levels.
     *
     * @return increasing levels (at most {@code levels} of them)
     */
    public static double[] contourLevels(Grid2d field, int levels) {
        if (levels < 1) {
            throw new IllegalArgumentException("contour levels=" + levels + "; expected at least 1");
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : field.values()) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (!(min < max)) {
            return new double[0];
        }
        double[] out = new double[levels];
        if (min >= 0) {
            double hi = 0.8 * max;
            double lo = 1e-3 * max;
            if (lo <= min) {
                // The field never gets that low: keep the lowest line just above its minimum.
                lo = min + 0.05 * (max - min);
            }
            if (hi <= lo) {
                // A nearly flat field (all values above 0.8·max): spread the lines over its own range.
                hi = max - 0.05 * (max - min);
            }
            double llo = Math.log(lo), lhi = Math.log(hi);
            for (int k = 0; k < levels; k++) {
                double t = levels == 1 ? 0.5 : (double) k / (levels - 1);
                out[k] = Math.exp(llo + t * (lhi - llo));
            }
        } else {
            for (int k = 0; k < levels; k++) {
                out[k] = min + (max - min) * (k + 1) / (levels + 1);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------

    private static XYChart xyChart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(text(title)).xAxisTitle(text(xLabel)).yAxisTitle(text(yLabel)).build();
        HouseStyle.apply(chart.getStyler());
        return chart;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /**
     * Adds curves coloured in list order. The legend lists them in that order, but solid lines are
     * drawn first and dashed lines and markers over them, so a dashed component density is not hidden
     * under the solid mixture curve that coincides with it. XChart draws and lists series in the order
     * they are added, so the legend entries are separate series without data (a NaN point draws
     * nothing). They also keep XChart from placing x ticks only on data values (its rule for evenly
     * spaced x, which gives ticks such as 1, 5, 9, ... for 100 epochs) instead of at round numbers.
     */
    private static void addCurves(XYChart chart, List<Series> series, Color[] colors, double[] extent) {
        for (int i = 0; i < series.size(); i++) {
            styleCurve(nanSeries(chart, "legend " + i, series.get(i).label()), series.get(i), colors[i]);
        }
        double[] scale = pixelScale(chart, series, extent);
        for (Series.Style pass : new Series.Style[] {Series.Style.LINE, Series.Style.LINE_MARKERS, Series.Style.DASHED,
            Series.Style.MARKERS}) {
            for (int i = 0; i < series.size(); i++) {
                Series s = series.get(i);
                if (s.style() != pass) {
                    continue;
                }
                XYSeries xs;
                if (pass == Series.Style.DASHED && s.size() > 1) {
                    double[][] d = DashedPath.cut(s.xValues(), s.y(), scale[0], scale[1], DASH_ON, DASH_OFF);
                    xs = chart.addSeries("curve " + i, d[0], d[1]);
                    styleCurve(xs, s, colors[i]);
                    xs.setLineStyle(DASH_PIECE);
                } else {
                    xs = chart.addSeries("curve " + i, s.xValues(), s.y());
                    styleCurve(xs, s, colors[i]);
                }
                xs.setShowInLegend(false);
            }
        }
    }

    /**
     * Pixels per data unit along x and y, estimated before XChart lays the chart out: the data range
     * (of the series and {@code extent}, e.g. the histogram bars) over the plot area, which is about 84%
     * of the width (58% with a legend at the right) and 72% of the height.
     */
    private static double[] pixelScale(XYChart chart, List<Series> series, double[] extent) {
        double[] r = extent == null ? new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY} : extent.clone();
        for (Series s : series) {
            double[] xv = s.xValues();
            for (int i = 0; i < xv.length; i++) {
                if (!Double.isNaN(s.y()[i])) {
                    r[0] = Math.min(r[0], xv[i]);
                    r[1] = Math.max(r[1], xv[i]);
                    r[2] = Math.min(r[2], s.y()[i]);
                    r[3] = Math.max(r[3], s.y()[i]);
                }
            }
        }
        boolean legendRight = chart.getStyler().getLegendPosition() == org.knowm.xchart.style.Styler.LegendPosition.OutsideE;
        double w = chart.getWidth() * (legendRight ? 0.58 : 0.84), h = chart.getHeight() * 0.72;
        double dx = r[1] - r[0], dy = r[3] - r[2];
        return new double[] {dx > 0 ? w / dx : 1, dy > 0 ? h / dy : 1};
    }

    /** A series with one NaN point: shows in the legend, draws nothing, leaves the axes alone. */
    private static XYSeries nanSeries(XYChart chart, String key, String label) {
        XYSeries s = chart.addSeries(key, new double[] {Double.NaN}, new double[] {Double.NaN});
        s.setLabel(label);
        return s;
    }

    private static void styleCurve(XYSeries xs, Series s, Color color) {
        boolean markers = s.style() == Series.Style.MARKERS || s.style() == Series.Style.LINE_MARKERS
                || s.size() == 1; // a single point has no line to show
        xs.setXYSeriesRenderStyle(s.style() == Series.Style.MARKERS ? XYSeriesRenderStyle.Scatter : XYSeriesRenderStyle.Line);
        xs.setLineColor(color);
        xs.setLineStyle(s.style() == Series.Style.DASHED ? DASH : SOLID);
        xs.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        xs.setMarkerColor(color);
    }

    /**
     * Adds the points of every class. Each class's points are split into a few chunks added round-robin
     * across classes, so no class is buried under all the others just because its index is lower. The
     * legend shows an opaque entry per class (a series without data) rather than the faint translucent
     * marker the points use.
     */
    private static void addClassPoints(XYChart chart, double[] x, double[] y, int[] classes, String[] classNames,
                                       double alpha) {
        Color[] colors = Palette.colors(classNames.length);
        int[] counts = new int[classNames.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                counts[classes[i]]++;
            }
        }
        for (int c = 0; c < classNames.length; c++) {
            if (counts[c] > 0) {
                XYSeries legend = nanSeries(chart, "legend " + c, classNames[c]);
                legend.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                legend.setMarker(LEGEND_DOT);
                legend.setMarkerColor(colors[c]);
            }
        }
        int chunks = x.length <= 2000 ? 1 : 8;
        double[][] px = new double[classNames.length][], py = new double[classNames.length][];
        for (int c = 0; c < classNames.length; c++) {
            px[c] = new double[counts[c]];
            py[c] = new double[counts[c]];
        }
        int[] k = new int[classNames.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                int c = classes[i];
                px[c][k[c]] = x[i];
                py[c][k[c]++] = y[i];
            }
        }
        for (int part = 0; part < chunks; part++) {
            for (int c = 0; c < classNames.length; c++) {
                int from = (int) ((long) counts[c] * part / chunks), to = (int) ((long) counts[c] * (part + 1) / chunks);
                if (to > from) {
                    XYSeries s = chart.addSeries("class " + c + " part " + part,
                            java.util.Arrays.copyOfRange(px[c], from, to), java.util.Arrays.copyOfRange(py[c], from, to));
                    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                    s.setMarker(SeriesMarkers.CIRCLE);
                    s.setMarkerColor(Palette.withAlpha(colors[c], alpha));
                    s.setShowInLegend(false);
                }
            }
        }
    }

    /** Adds all finite points in one colour as one scatter series. */
    private static void addPoints(XYChart chart, String label, double[] x, double[] y, Color color) {
        int count = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                count++;
            }
        }
        double[] px = new double[count], py = new double[count];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                px[k] = x[i];
                py[k++] = y[i];
            }
        }
        XYSeries s = chart.addSeries(label, px, py);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
    }

    private static void addContourLines(XYChart chart, Grid2d field, double[] levelValues, String label) {
        int drawn = 0;
        for (int k = 0; k < levelValues.length; k++) {
            // Grey ramp: the outer (low) levels light, the inner (high) ones dark, so nesting reads at a glance.
            double t = levelValues.length == 1 ? 1 : (double) k / (levelValues.length - 1);
            int grey = (int) Math.round(0xA8 - t * (0xA8 - 0x22));
            Color color = new Color(grey, grey, grey);
            for (MarchingSquares.Polyline line : MarchingSquares.contour(field, levelValues[k])) {
                if (line.size() < 2) {
                    continue;
                }
                XYSeries s = chart.addSeries("contour " + k + "." + drawn, line.x(), line.y());
                s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(color);
                s.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                // One legend entry for all contour lines.
                s.setLabel(label);
                s.setShowInLegend(drawn == 0);
                drawn++;
            }
        }
    }

    private static void checkSeries(String what, List<Series> series, boolean emptyOk) {
        if (series == null || (!emptyOk && series.isEmpty())) {
            if (series == null && emptyOk) {
                return;
            }
            throw new IllegalArgumentException(what + " is " + (series == null ? "null" : "empty")
                    + "; expected at least one Series");
        }
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (s == null) {
                throw new IllegalArgumentException(what + "[" + i + "] is null");
            }
            if (!labels.add(s.label())) {
                throw new IllegalArgumentException(what + "[" + i + "]: label '" + s.label()
                        + "' is used twice; expected distinct legend labels");
            }
        }
    }

    private static void checkPoints(double[] x, double[] y, int[] classes, String[] classNames, boolean needClasses) {
        if (x == null || y == null || x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("points: x has " + (x == null ? "null" : x.length) + " values and y "
                    + (y == null ? "null" : y.length) + "; expected the same positive number");
        }
        boolean anyFinite = false;
        for (int i = 0; i < x.length && !anyFinite; i++) {
            anyFinite = Double.isFinite(x[i]) && Double.isFinite(y[i]);
        }
        if (!anyFinite) {
            throw new IllegalArgumentException("points: none of the " + x.length
                    + " points has finite x and y; expected at least one");
        }
        if (!needClasses) {
            return;
        }
        if (classes == null || classes.length != x.length) {
            throw new IllegalArgumentException("points: classes has " + (classes == null ? "null" : classes.length)
                    + " entries for " + x.length + " points; expected one class per point");
        }
        if (classNames == null || classNames.length == 0) {
            throw new IllegalArgumentException("points: classNames is " + (classNames == null ? "null" : "empty")
                    + "; expected one name per class");
        }
        Set<String> names = new HashSet<>();
        for (int c = 0; c < classNames.length; c++) {
            if (classNames[c] == null || classNames[c].isBlank() || !names.add(classNames[c])) {
                throw new IllegalArgumentException("points: classNames[" + c + "] = '" + classNames[c]
                        + "' is blank or repeated; expected distinct names");
            }
        }
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= classNames.length) {
                throw new IllegalArgumentException("points: classes[" + i + "] = " + classes[i]
                        + " is out of range; expected 0.." + (classNames.length - 1) + " (one per class name)");
            }
        }
    }

    /** Marker opacity for n points: opaque enough to see a few, translucent enough to see density in many. */
    static double scatterAlpha(int n) {
        return n <= 1000 ? 0.85 : n <= 5000 ? 0.6 : 0.5;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }

    private static boolean allIntegers(double[] xs) {
        for (double v : xs) {
            if (v != Math.rint(v) || Math.abs(v) > 1e15) {
                return false;
            }
        }
        return true;
    }

    private static String integerTick(Double v) {
        double r = Math.rint(v);
        return Math.abs(v - r) < 1e-9 * Math.max(1, Math.abs(v)) ? Long.toString((long) r) : "";
    }
}
