package org.latent4j.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Charts at the sizes real runs produce: 10,000 points, long training runs, many bars, gaps. */
class ChartsStressTest {

    @Test
    void tenThousandPointsInTenOverlappingClasses() {
        int n = 10_000, k = 10;
        Random rnd = new Random(1);
        double[] x = new double[n], y = new double[n];
        int[] cls = new int[n];
        for (int i = 0; i < n; i++) {
            cls[i] = rnd.nextInt(k);
            x[i] = 1.2 * Math.cos(cls[i]) + rnd.nextGaussian();
            y[i] = 1.2 * Math.sin(cls[i]) + rnd.nextGaussian();
        }
        String[] names = new String[k];
        for (int c = 0; c < k; c++) {
            names[c] = "class " + c;
        }
        BufferedImage img = PngAssert.decode(Charts.scatterByClass("scatter-10k", "10,000 points", "z1", "z2", x, y, cls, names));
        assertEquals(Charts.WIDTH, img.getWidth());
    }

    @Test
    void longRunsGapsAndTinyValues() {
        int epochs = 100;
        double[] train = new double[epochs], test = new double[epochs];
        for (int i = 0; i < epochs; i++) {
            train[i] = 1e-4 * (1 + Math.exp(-i / 10.0));
            test[i] = i % 10 == 9 ? 1.1e-4 * (1 + Math.exp(-i / 12.0)) : Double.NaN;
        }
        test[40] = Double.NaN;
        PngAssert.decode(Charts.lines("long-run", "100 epochs, test every 10th", "epoch", "loss",
                List.of(Series.line("train", null, train), Series.lineMarkers("test", null, test))));
        double[] it = new double[500], ll = new double[500];
        for (int i = 0; i < it.length; i++) {
            it[i] = (i + 1) * 20;
            ll[i] = -1.2e6 + 3e5 * (1 - Math.exp(-i / 50.0));
        }
        PngAssert.decode(Charts.lines("iterations", "Large x and y", "iteration", "log-likelihood",
                List.of(Series.line("log-likelihood", it, ll))));
        double[] gap = {1, 2, Double.NaN, 4, 5};
        PngAssert.decode(Charts.lines("gap", "A gap", "x", "y", List.of(Series.line("with gap", null, gap),
                Series.dashed("shifted", new double[] {1.5, 2.5, 3.5, 4.5, 5.5}, new double[] {2, 3, 4, 5, 6}))));
    }

    @Test
    void aLegendTooLongForOneRowGoesRightOfThePlot() {
        java.util.List<Series> series = new java.util.ArrayList<>();
        for (int r = 0; r < 4; r++) {
            double[] y = new double[30];
            for (int i = 0; i < y.length; i++) {
                y[i] = (r + 1) * Math.exp(-i / 8.0) + 1;
            }
            series.add(Series.line("beta = " + (r + 1) + ", latent 20, train", null, y));
        }
        BufferedImage img = PngAssert.decode(Charts.lines("long-legend", "Four long labels", "epoch", "loss", series));
        // The last label's colour appears right of the plot, in the legend column (the plot ends before 2/3 of the width).
        java.awt.Color last = Palette.colors(4)[3];
        int right = 0;
        // Rows above the axis title only: a legend below the plot would not count.
        for (int y = 0; y < img.getHeight() - 70; y++) {
            for (int x = img.getWidth() * 2 / 3 + 10; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                // Anti-aliased 2 px line: near the colour rather than equal to it.
                int dr = ((rgb >> 16) & 0xFF) - last.getRed(), dg = ((rgb >> 8) & 0xFF) - last.getGreen(),
                        db = (rgb & 0xFF) - last.getBlue();
                if (dr * dr + dg * dg + db * db <= 30 * 30) {
                    right++;
                }
            }
        }
        assertTrue(right > 10, "legend sample of the last series at the right: " + right);
    }

    @Test
    void manyBarsWithNegativeValuesAndLongNames() {
        String[] cats = new String[64];
        double[] v = new double[64];
        for (int j = 0; j < 64; j++) {
            cats[j] = "z" + (j + 1);
            v[j] = Math.sin(j / 5.0);
        }
        PngAssert.decode(Charts.bars("bars-64", "64 latent dimensions", "dimension", "value", cats, v));
        String[] names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
            "Ankle boot"};
        double[] acc = {0.81, 0.97, 0.78, 0.88, 0.8, 0.95, 0.58, 0.94, 0.97, 0.95};
        BufferedImage img = PngAssert.decode(Charts.bars("bars-names", "Accuracy per class", "class", "accuracy", names, acc));
        assertTrue(img.getHeight() == Charts.HEIGHT);
    }
}
