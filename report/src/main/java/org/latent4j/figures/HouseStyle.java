package org.latent4j.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The one look of every chart: white background, no plot border, light grid, dark text in readable
 * sizes (title 15 px, axis titles 13 px, tick labels 12 px), anti-aliasing on. Also makes AWT
 * headless before it is first used, so figures render on servers without a display.
 */
final class HouseStyle {
    static final Color TEXT = new Color(0x22, 0x22, 0x22);
    static final Color GRID = new Color(0xE3, 0xE3, 0xE3);
    static final Color AXIS = new Color(0x88, 0x88, 0x88);
    static final String FONT = Font.SANS_SERIF;

    static {
        ensureHeadless();
    }

    private HouseStyle() {}

    /**
     * Sets {@code java.awt.headless=true} unless the program chose a value itself. The property is read
     * once, when AWT starts, so it must be set before the first image or font is touched; a program
     * that runs a GUI and set it to false keeps its choice.
     */
    static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Applies the house style to an axes chart (line, scatter, bar). */
    static void apply(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartFontColor(TEXT);
        s.setPlotBorderVisible(false);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 15));
        s.setChartTitlePadding(8);
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
        s.setAxisTickLabelsColor(TEXT);
        s.setAxisTickMarksColor(AXIS);
        s.setAxisTitlePadding(6);
        s.setAxisTickPadding(4);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setPlotMargin(4);
        s.setChartPadding(10);
        s.setLegendFont(new Font(FONT, Font.PLAIN, 12));
        s.setLegendBackgroundColor(Color.WHITE);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendPadding(6);
        s.setToolTipsEnabled(false);
        s.setAntiAlias(true);
    }

    /** Legend below the plot in one row: for a few curves, it never covers data. */
    static void legendBelow(Styler s) {
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        // The padding is also the space between entries: keep each label clear of the next sample.
        s.setLegendPadding(12);
    }

    /**
     * Legend below the plot when its entries fit in one row (about 7 px per character at 12 px plus
     * the line sample and spacing per entry), else right of the plot in one column: XChart does not
     * wrap a horizontal legend, so a long one would be cut off at the image edge.
     */
    static void legendFor(Styler s, List<String> labels, int chartWidth) {
        double width = 0;
        for (String label : labels) {
            width += label.length() * 7.2 + 50;
        }
        if (width <= chartWidth - 30) {
            legendBelow(s);
        } else {
            legendRight(s);
        }
    }

    /** Legend right of the plot in one column: for up to ~10 classes, it never covers points. */
    static void legendRight(Styler s) {
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
    }

    /** Draws the chart into an RGB image and encodes it as a PNG figure. */
    static Figure render(String name, Chart<?, ?> chart) {
        if (chart instanceof XYChart xy) {
            xy.getStyler().setYAxisDecimalPattern(decimalPattern(xy));
        }
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        return Figure.of(name, image);
    }

    /**
     * Plain decimals for the y tick labels, with as many places as a tenth of the data's range needs
     * (trailing zeros dropped): XChart's own choice turns to scientific notation ("-2.95194E0") when
     * the range is small beside the values, as on a converging log-likelihood trace.
     */
    static String decimalPattern(XYChart chart) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (double y : series.getYData()) {
                if (Double.isFinite(y)) {
                    lo = Math.min(lo, y);
                    hi = Math.max(hi, y);
                }
            }
        }
        double range = hi - lo;
        int places = range > 0 && Double.isFinite(range)
                ? (int) Math.max(0, Math.min(12, Math.ceil(-Math.log10(range / 10)) + 1)) : 3;
        return places == 0 ? "#,##0" : "#,##0." + "#".repeat(places);
    }
}
