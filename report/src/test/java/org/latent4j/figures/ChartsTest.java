package org.latent4j.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChartsTest {

    @Test
    void linesDrawsTrainSolidAndTestDashedAtTheDefaultSize() {
        double[] train = new double[20], test = new double[20];
        for (int i = 0; i < 20; i++) {
            train[i] = 240 + 60 * Math.exp(-i / 3.0);
            test[i] = 245 + 55 * Math.exp(-i / 3.5);
        }
        Figure f = Charts.lines("loss", "Negative ELBO per epoch", "epoch", "loss (nats)",
                List.of(Series.line("train", null, train), Series.dashed("test", null, test)));
        BufferedImage img = PngAssert.decode(f);
        assertEquals(Charts.WIDTH, img.getWidth());
        assertEquals(Charts.HEIGHT, img.getHeight());
        assertEquals("loss", f.name());
        Color[] colors = Palette.colors(2);
        assertTrue(PngAssert.countNear(img, colors[0], 10) > 100, "train line colour drawn");
        assertTrue(PngAssert.countNear(img, colors[1], 10) > 50, "test line colour drawn");
        assertTrue(GraphicsEnvironment.isHeadless(), "charts render headless");
    }

    @Test
    void colorGroupsGiveTrainAndTestOfARunOneColour() {
        double[] a = {3, 2, 1.5, 1.2}, b = {3.2, 2.3, 1.8, 1.6}, c = {4, 3, 2.5, 2.2}, d = {4.1, 3.3, 2.9, 2.7};
        List<Series> series = List.of(Series.line("latent 2, train", null, a), Series.dashed("latent 2, test", null, b),
                Series.line("latent 20, train", null, c), Series.dashed("latent 20, test", null, d));
        BufferedImage img = PngAssert.decode(Charts.lines("runs", "Two runs", "epoch", "loss", series, new int[] {0, 0, 1, 1}));
        Color[] two = Palette.colors(2);
        assertTrue(PngAssert.countNear(img, two[0], 10) > 100);
        assertTrue(PngAssert.countNear(img, two[1], 10) > 100);
        // The third and fourth default colours are not used.
        assertEquals(0, PngAssert.countNear(img, Palette.colors(4)[2], 10));
        assertEquals(0, PngAssert.countNear(img, Palette.colors(4)[3], 10));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Charts.lines("runs", "t", "x", "y", series, new int[] {0, 0, 1}));
        assertTrue(e.getMessage().contains("colorGroups has 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Charts.lines("runs", "t", "x", "y", series, new int[] {0, 0, -1, 1}));
        assertTrue(e.getMessage().contains("colorGroups[2] = -1"), e.getMessage());
    }

    @Test
    void linesWithMarkersAndASinglePointRender() {
        Figure f = Charts.lines("loglik", "Log-likelihood per EM iteration", "iteration", "mean log-likelihood",
                List.of(Series.lineMarkers("fit", new double[] {1, 2, 3, 4, 5, 6, 7, 8},
                                new double[] {-5.1, -4.2, -3.9, -3.8, -3.75, -3.74, -3.739, -3.7389}),
                        Series.markers("one point", new double[] {8}, new double[] {-3.9})));
        PngAssert.decode(f);
    }

    @Test
    void linesRejectsEmptyAndDuplicateSeries() {
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.lines("a", "t", "x", "y", List.of()));
        assertTrue(e.getMessage().contains("series"), e.getMessage());
        Series s = Series.line("train", null, new double[] {1, 2});
        e = assertThrows(IllegalArgumentException.class, () -> Charts.lines("a", "t", "x", "y", List.of(s, s)));
        assertTrue(e.getMessage().contains("'train'"), e.getMessage());
    }

    @Test
    void seriesRejectsMismatchedLengthsInfinitiesAndAllNaN() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Series.line("train", new double[] {1, 2, 3}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("x has 3") && e.getMessage().contains("y has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Series.line("train", null, new double[] {Double.NaN, Double.NaN}));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Series.line("train", null, new double[] {1, Double.POSITIVE_INFINITY}));
        assertTrue(e.getMessage().contains("point 1"), e.getMessage());
        assertEquals(3.0, Series.line("a", null, new double[] {5, 6, 7}).xValues()[2]);
    }

    @Test
    void barsDrawOneBarPerCategory() {
        String[] dims = new String[20];
        double[] kl = new double[20];
        for (int j = 0; j < 20; j++) {
            dims[j] = "z" + (j + 1);
            kl[j] = j < 6 ? 3.0 - 0.4 * j : 0.01 * j;
        }
        BufferedImage img = PngAssert.decode(Charts.bars("kl", "KL per latent dimension", "latent dimension",
                "KL (nats)", dims, kl));
        assertTrue(PngAssert.countNear(img, Palette.colors(1)[0], 6) > 1000, "bars filled with the first palette colour");
        var e = assertThrows(IllegalArgumentException.class,
                () -> Charts.bars("kl", "t", "x", "y", new String[] {"a", "b"}, new double[] {1}));
        assertTrue(e.getMessage().contains("categories has 2") && e.getMessage().contains("values 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Charts.bars("kl", "t", "x", "y", new String[] {"a", "b"}, new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("values[1]"), e.getMessage());
    }

    @Test
    void scatterByClassShowsEveryClassColour() {
        int n = 2000, k = 10;
        Random rnd = new Random(7);
        double[] x = new double[n], y = new double[n];
        int[] cls = new int[n];
        for (int i = 0; i < n; i++) {
            cls[i] = i % k;
            double angle = 2 * Math.PI * cls[i] / k;
            x[i] = 4 * Math.cos(angle) + rnd.nextGaussian() * 0.6;
            y[i] = 4 * Math.sin(angle) + rnd.nextGaussian() * 0.6;
        }
        String[] names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
            "Ankle boot"};
        BufferedImage img = PngAssert.decode(Charts.scatterByClass("latent-space", "Latent space (test set)", "z1", "z2",
                x, y, cls, names));
        Color[] colors = Palette.colors(k);
        for (int c = 0; c < k; c++) {
            // Markers are translucent: look for the colour as drawn over the white plot.
            Color drawn = PngAssert.overWhite(colors[c], Charts.scatterAlpha(n));
            assertTrue(PngAssert.countNear(img, drawn, 8) > 20, "pixels of class " + c + " colour " + drawn);
        }
    }

    @Test
    void scatterByClassRejectsBadInput() {
        double[] x = {1, 2, 3};
        double[] y = {1, 2, 3};
        String[] names = {"a", "b"};
        var e = assertThrows(IllegalArgumentException.class,
                () -> Charts.scatterByClass("s", "t", "x", "y", x, y, new int[] {0, 2, 1}, names));
        assertTrue(e.getMessage().contains("classes[1] = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Charts.scatterByClass("s", "t", "x", "y", x, new double[] {1, 2}, new int[] {0, 1, 1}, names));
        assertTrue(e.getMessage().contains("x has 3") && e.getMessage().contains("y 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Charts.scatterByClass("s", "t", "x", "y",
                new double[] {Double.NaN}, new double[] {1}, new int[] {0}, names));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Charts.scatterByClass("s", "t", "x", "y", new double[0], new double[0], new int[0], names));
        assertTrue(e.getMessage().contains("x has 0"), e.getMessage());
    }

    @Test
    void histogramOverlaysDensityCurves() {
        Random rnd = new Random(3);
        int n = 3000;
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            data[i] = i % 3 == 0 ? 4.3 + 0.4 * rnd.nextGaussian() : 2.0 + 0.25 * rnd.nextGaussian();
        }
        int m = 200;
        double[] xs = new double[m], c1 = new double[m], c2 = new double[m], mix = new double[m];
        for (int i = 0; i < m; i++) {
            xs[i] = 0.8 + 5.0 * i / (m - 1);
            c1[i] = 2.0 / 3 * normal(xs[i], 2.0, 0.25);
            c2[i] = 1.0 / 3 * normal(xs[i], 4.3, 0.4);
            mix[i] = c1[i] + c2[i];
        }
        List<Series> curves = List.of(Series.dashed("component 1", xs, c1), Series.dashed("component 2", xs, c2),
                Series.line("mixture", xs, mix));
        BufferedImage img = PngAssert.decode(Charts.histogram("eruptions", "Eruption durations and the fitted mixture",
                "duration (min)", data, 40, curves));
        assertTrue(PngAssert.countNear(img, Palette.colors(3)[2], 10) > 100, "mixture curve drawn");
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.histogram("h", "t", "x",
                new double[] {Double.NaN, Double.NaN}, 10, List.of()));
        assertTrue(e.getMessage().contains("data") && e.getMessage().contains("finite"), e.getMessage());
        PngAssert.decode(Charts.histogram("h", "no curves", "x", new double[] {1, 1, 1}, 5, null));
    }

    @Test
    void histogramOverGivenBinsIsADensity() {
        double[] edges = {0.58, 0.60, 0.61, 0.63, 0.70};
        double[] counts = {10, 30, 40, 20};
        DensityHistogram h = DensityHistogram.ofCounts(edges, counts);
        assertEquals(1.0, h.area(), 1e-12);
        assertEquals(30 / (100 * 0.01), h.density()[1], 1e-9);
        assertEquals(100, h.count());
        PngAssert.decode(Charts.histogram("given", "given bins", "x", edges, counts,
                List.of(Series.line("flat", new double[] {0.58, 0.7}, new double[] {8, 8}))));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Charts.histogram("g", "t", "x", new double[] {0, 2, 1}, new double[] {1, 1}, null));
        assertTrue(e.getMessage().contains("edges[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Charts.histogram("g", "t", "x", new double[] {0, 1, 2}, new double[] {1, -1}, null));
        assertTrue(e.getMessage().contains("counts[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Charts.histogram("g", "t", "x", new double[] {0, 1}, new double[] {1, 1}, null));
        assertTrue(e.getMessage().contains("2 edges and 2 counts"), e.getMessage());
    }

    @Test
    void yTicksStayPlainDecimalsOnATinyRange() {
        double[] it = {1, 2, 3, 4};
        double[] ll = {-2.951950, -2.951943, -2.951941, -2.951940};
        var chart = new org.knowm.xchart.XYChartBuilder().width(200).height(100).build();
        chart.addSeries("trace", it, ll);
        String pattern = HouseStyle.decimalPattern(chart);
        String label = new java.text.DecimalFormat(pattern, java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
                .format(-2.951943);
        assertEquals("-2.951943", label, pattern);
        var wide = new org.knowm.xchart.XYChartBuilder().width(200).height(100).build();
        wide.addSeries("loss", it, new double[] {380, 300, 260, 250});
        assertEquals("#,##0", HouseStyle.decimalPattern(wide));
        PngAssert.decode(Charts.lines("trace", "t", "iteration", "mean log-likelihood", List.of(Series.line("em", it, ll))));
    }

    @Test
    void densityHistogramHasAreaOne() {
        Random rnd = new Random(11);
        double[] data = new double[1001];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextGaussian() * 3 + 1;
        }
        data[17] = Double.NaN;
        DensityHistogram h = DensityHistogram.of(data, 23);
        assertEquals(1000, h.count());
        assertEquals(24, h.edges().length);
        assertEquals(1.0, h.area(), 1e-12);
        // Exact counts on a small case: 0 and 1 in bin 0, 2 in bin 1, 3 and 4 (the maximum) in the last bin.
        DensityHistogram small = DensityHistogram.of(new double[] {0, 1, 2, 3, 4}, 2);
        assertEquals(2, small.density().length);
        assertEquals(2.0 / (5 * 2), small.density()[0], 1e-15);
        assertEquals(3.0 / (5 * 2), small.density()[1], 1e-15);
        assertEquals(1.0, DensityHistogram.of(new double[] {5, 5}, 3).area(), 1e-12);
        var e = assertThrows(IllegalArgumentException.class, () -> DensityHistogram.of(data, 0));
        assertTrue(e.getMessage().contains("bins=0"), e.getMessage());
    }

    @Test
    void contoursDrawPointsAndLevelLines() {
        Random rnd = new Random(5);
        int n = 1500;
        double[] x = new double[n], y = new double[n];
        int[] cls = new int[n];
        double[][] means = {{-2, 0}, {2, 1}, {0, 3}};
        for (int i = 0; i < n; i++) {
            cls[i] = i % 3;
            x[i] = means[cls[i]][0] + rnd.nextGaussian() * 0.8;
            y[i] = means[cls[i]][1] + rnd.nextGaussian() * 0.6;
        }
        Grid2d field = Grid2d.evaluate(-5, 5, -3, 6, 120, 110, (px, py) -> {
            double s = 0;
            for (double[] m : means) {
                s += normal(px, m[0], 0.8) * normal(py, m[1], 0.6) / 3;
            }
            return s;
        });
        BufferedImage img = PngAssert.decode(Charts.contours("gmm", "Mixture density and components", "x1", "x2",
                x, y, cls, new String[] {"component 1", "component 2", "component 3"}, field, 8));
        // The innermost (darkest) contour grey is present.
        assertTrue(PngAssert.countNear(img, new Color(0x22, 0x22, 0x22), 12) > 50, "dark contour lines drawn");
        PngAssert.decode(Charts.contours("field-only", "Density only", "x1", "x2", null, null, null, null, field, 5));
        var e = assertThrows(IllegalArgumentException.class, () -> Charts.contours("c", "t", "x", "y", x, y, cls,
                new String[] {"a", "b", "c"}, field, 0));
        assertTrue(e.getMessage().contains("levels=0"), e.getMessage());
    }

    @Test
    void contourLevelsSpanPeaksAndTails() {
        Grid2d g = Grid2d.evaluate(-4, 4, -4, 4, 41, 41, (x, y) -> Math.exp(-(x * x + y * y) / 2));
        double[] lv = Charts.contourLevels(g, 6);
        assertEquals(6, lv.length);
        assertEquals(1e-3, lv[0], 1e-12);
        assertEquals(0.8, lv[5], 1e-12);
        for (int k = 1; k < lv.length; k++) {
            // Evenly spaced in log-density.
            assertEquals(Math.log(lv[1] / lv[0]), Math.log(lv[k] / lv[k - 1]), 1e-9);
        }
        Grid2d logField = Grid2d.evaluate(-4, 4, -4, 4, 41, 41, (x, y) -> -(x * x + y * y) / 2);
        double[] ll = Charts.contourLevels(logField, 3);
        assertEquals(-16 + 16 * 0.25, ll[0], 1e-12);
        assertEquals(-16 + 16 * 0.75, ll[2], 1e-12);
        assertEquals(0, Charts.contourLevels(Grid2d.evaluate(0, 1, 0, 1, 3, 3, (x, y) -> 2.0), 4).length);
        // A nearly flat positive field still gets increasing levels strictly inside its range.
        Grid2d flat = Grid2d.evaluate(0, 1, 0, 1, 11, 11, (x, y) -> 0.9 + 0.1 * x);
        double[] fl = Charts.contourLevels(flat, 4);
        for (int k = 0; k < fl.length; k++) {
            assertTrue(fl[k] > 0.9 && fl[k] < 1.0, "level " + fl[k]);
            assertTrue(k == 0 || fl[k] > fl[k - 1]);
            assertEquals(1, MarchingSquares.contour(flat, fl[k]).size(), "one line per level");
        }
    }

    @Test
    void chartsAreDeterministicAndFiguresCompareByContent() {
        double[] x = {0.1, 0.5, 0.9, 1.3}, y = {1, 0.2, 0.7, 0.4};
        int[] cls = {0, 1, 0, 1};
        String[] names = {"a", "b"};
        Figure f1 = Charts.scatterByClass("s", "t", "x", "y", x, y, cls, names);
        Figure f2 = Charts.scatterByClass("s", "t", "x", "y", x.clone(), y.clone(), cls.clone(), names.clone());
        assertEquals(f1, f2);
        assertEquals(f1.hashCode(), f2.hashCode());
        Figure other = Charts.scatterByClass("s", "t", "x", "y", x, new double[] {1, 0.2, 0.7, 0.5}, cls, names);
        assertTrue(!f1.equals(other), "different data, different PNG");
    }

    @Test
    void figureNamesMustBeFileStems() {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        for (String bad : new String[] {"../x", "a/b", "", ".hidden", "a b"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Figure.of(bad, img));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertEquals("latent-space_2.v1", Figure.of("latent-space_2.v1", img).name());
    }

    @Test
    void figureWritesItsPngAtomically(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Figure f = Figure.of("tiny", new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY));
        var file = f.write(dir.resolve("figures"));
        assertEquals(dir.resolve("figures").resolve("tiny.png"), file);
        assertTrue(java.util.Arrays.equals(f.png(), java.nio.file.Files.readAllBytes(file)));
        try (var listing = java.nio.file.Files.list(file.getParent())) {
            assertEquals(1, listing.count(), "no temporary file left behind");
        }
    }

    static double normal(double x, double mu, double sigma) {
        double z = (x - mu) / sigma;
        return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
    }
}
