package org.latent4j.figures.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.latent4j.figures.Charts;
import org.latent4j.figures.Grid2d;
import org.latent4j.figures.mixture.MixtureFigures.Captioned;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.random.RandomSource;

class MixtureFiguresTest {
    private static final MixtureParameters ONE_D = new MixtureParameters(CovarianceType.DIAG, 2, 1,
            new double[] {0.3, 0.7}, new double[] {-2, 3}, new double[] {1, 0.25});
    private static final MixtureParameters TWO_D = new MixtureParameters(CovarianceType.FULL, 2, 2,
            new double[] {0.34, 0.66}, new double[] {0, 0, 5, 3}, new double[] {1, 0.6, 0.6, 1, 0.5, 0, 0, 2});

    private static void decodes(Captioned c, String name) throws IOException {
        assertEquals(name, c.figure().name());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(c.figure().png()));
        assertEquals(Charts.WIDTH, img.getWidth());
        assertEquals(Charts.HEIGHT, img.getHeight());
        assertEquals(img.getWidth(), c.figure().width());
        assertTrue(c.caption().length() > 80, "a caption of a sentence or two: " + c.caption());
    }

    @Test
    void figuresDecodeWithTheChartSize() throws IOException {
        double[] x1 = GaussianMixture.of(ONE_D).sample(500, new RandomSource(1)).x();
        decodes(MixtureFigures.histogram1d("h", x1, ONE_D, "x"), "h");
        decodes(MixtureFigures.histogram1d("he", x1, ONE_D, "x", new double[] {Double.NEGATIVE_INFINITY, -3, -1, 1, 3, 5,
                Double.POSITIVE_INFINITY}), "he");
        double[] x2 = GaussianMixture.of(TWO_D).sample(400, new RandomSource(2)).x();
        decodes(MixtureFigures.contours2d("c", x2, TWO_D, "a", "b"), "c");
        decodes(MixtureFigures.logLikelihoodTrace("t", new double[] {-3, -2, -1.5, -1.4}), "t");
        decodes(MixtureFigures.bicByK("b", new int[] {1, 2, 3}, new double[] {10, 7, 8}), "b");
        MixtureParameters five = new MixtureParameters(CovarianceType.SPHERICAL, 2, 5, new double[] {0.5, 0.5},
                new double[] {0, 0, 0, 0, 0, 3, 3, 3, 3, 3}, new double[] {1, 1});
        Captioned pcs = MixtureFigures.principalComponents("p", GaussianMixture.of(five).sample(300, new RandomSource(3)).x(), five);
        decodes(pcs, "p");
        assertTrue(pcs.caption().contains("5 dimensions"), pcs.caption());
    }

    @Test
    void contourLevelsBracketTheDensityFromTheModesToTheTails() {
        double[] x2 = GaussianMixture.of(TWO_D).sample(400, new RandomSource(2)).x();
        GaussianMixture g = GaussianMixture.of(TWO_D);
        Grid2d grid = DensityGrid.of(g, MixtureFigures.column(x2, 2, 0), MixtureFigures.column(x2, 2, 1));
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (double v : grid.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        // The grid reaches both modes (its maximum is the density at the higher one, up to grid spacing) ...
        double[] atMeans = g.scoreSamples(TWO_D.means());
        double peak = Math.max(Math.exp(atMeans[0]), Math.exp(atMeans[1]));
        assertEquals(peak, max, 0.05 * peak);
        // ... and far enough into the tails that the lowest contour closes inside it.
        double[] levels = Charts.contourLevels(grid, MixtureFigures.CONTOUR_LEVELS);
        assertEquals(MixtureFigures.CONTOUR_LEVELS, levels.length);
        assertTrue(levels[0] > min, "lowest level " + levels[0] + " above the grid's minimum " + min);
        assertTrue(levels[levels.length - 1] < max, "highest level below the peak");
        // What the caption says about them: from a thousandth of the highest density to 0.8 of it.
        assertEquals(1e-3 * max, levels[0], 1e-9 * max);
        assertEquals(0.8 * max, levels[levels.length - 1], 1e-9 * max);
        for (int i = 1; i < levels.length; i++) {
            assertTrue(levels[i] > levels[i - 1]);
        }
        // Each component's own mode lies above the top level's reach of the lowest one: both get rings.
        double low = Math.min(Math.exp(atMeans[0]), Math.exp(atMeans[1]));
        assertTrue(low > levels[levels.length / 2], "the smaller mode gets inner rings too");
    }

    @Test
    void binsFollowFreedmanDiaconisResolveTheNarrowestComponentAndRespectAGrid() {
        double[] x = new double[1000];
        RandomSource r = new RandomSource(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        // IQR of a standard normal is 1.349, so h ≈ 2·1.349/10 = 0.27 (Sturges: 11 bins over ~6.5, wider).
        double[] e = HistogramBins.edges(x, Double.POSITIVE_INFINITY).edges();
        double h = e[1] - e[0];
        assertTrue(h > 0.22 && h < 0.32, "width " + h);
        assertTrue(e[0] <= min(x) && e[e.length - 1] > max(x), "edges cover the data");
        // A component of sd 0.1 asks for bins no wider than 0.1.
        assertEquals(0.1, HistogramBins.edges(x, 0.1).edges()[1] - HistogramBins.edges(x, 0.1).edges()[0], 1e-12);
        // ... but never more than n/5 bins: 200 values over ~6 units allow 40 bins.
        double[] few = java.util.Arrays.copyOf(x, 200);
        assertTrue(HistogramBins.edges(few, 1e-3).edges().length - 1 <= 41);

        // Lengths to 0.1 (as float32, like iris): width a multiple of 0.1, edges halfway between grid values.
        double[] grid = new double[150];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (float) (1.0 + 0.1 * (i % 60));
        }
        assertEquals(0.1, HistogramBins.gridStep(sorted(grid)), 1e-6);
        HistogramBins.Bins b = HistogramBins.edges(grid, 0.17);
        double w = b.edges()[1] - b.edges()[0];
        assertEquals(0.2, w, 1e-6, b.description());
        assertEquals(0.95, b.edges()[0], 1e-6);
        for (double v : grid) {
            double pos = (v - b.edges()[0]) / 0.1;
            assertEquals(0.5, pos - Math.floor(pos), 1e-3, "value " + v + " halfway between edges");
        }
        assertTrue(b.description().contains("0.1"), b.description());
        assertEquals(0.0, HistogramBins.gridStep(sorted(x)), "continuous data have no grid");
        assertEquals(2, HistogramBins.edges(new double[] {2, 2, 2}, 1).edges().length);
        double[] edges = {Double.NEGATIVE_INFINITY, 0, 1, 2, Double.POSITIVE_INFINITY};
        assertArrayEquals(new double[] {2, 2, 1, 2}, HistogramBins.counts(new double[] {-5, -0.1, 0, 0.5, 1.5, 2, 9}, edges));
        assertArrayEquals(new double[] {-1, 0, 1, 2, 3}, HistogramBins.drawable(edges));
        assertThrows(IllegalArgumentException.class, () -> HistogramBins.checkEdges(new double[] {0, 1, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> HistogramBins.checkEdges(new double[] {0, Double.NaN, 2}));
    }

    private static double[] sorted(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s;
    }

    private static double min(double[] v) {
        return sorted(v)[0];
    }

    private static double max(double[] v) {
        return sorted(v)[v.length - 1];
    }

    @Test
    void componentCurvesAddUpToTheMixtureAndIntegrateToOne() {
        MixtureDensity1d c = MixtureDensity1d.of(ONE_D, -8, 8);
        double area = 0, step = 16.0 / (MixtureDensity1d.POINTS - 1);
        for (int i = 0; i < c.x().length; i++) {
            assertEquals(c.components()[0][i] + c.components()[1][i], c.mixture()[i], 1e-15);
            area += c.mixture()[i] * step;
        }
        assertEquals(1.0, area, 1e-3);
        double[] range = MixtureDensity1d.range(new double[] {-2, 3}, ONE_D);
        assertEquals(-4.5, range[0], 1e-12, "data min - half the span caps the 3-sd reach (-5)");
        assertEquals(4.5, range[1], 1e-12, "3 sd above the second mean");
    }

    @Test
    void traceCaptionSaysWhetherTheLikelihoodEverFell() {
        String up = TraceCaption.of(new double[] {-2, -1.5, -1.2, -1.2});
        assertTrue(up.contains("never decreased"), up);
        String down = TraceCaption.of(new double[] {-2, -1.5, -1.6, -1.2});
        assertTrue(down.contains("decreased 1 time(s)") && down.contains("iteration 3"), down);
        assertTrue(TraceCaption.nonDecreasing(new double[] {1, 1, 2}));
        assertFalse(TraceCaption.nonDecreasing(new double[] {1, 0.5}));
        assertThrows(IllegalArgumentException.class, () -> MixtureFigures.logLikelihoodTrace("t", new double[] {1, Double.NaN}));
    }
}
