package org.latent4j.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashedPathTest {

    /** The dashes as [start x, end x] pairs, from a cut of a horizontal line. */
    private static List<double[]> pieces(double[][] cut) {
        List<double[]> out = new ArrayList<>();
        double start = Double.NaN, last = Double.NaN;
        for (int i = 0; i < cut[0].length; i++) {
            if (Double.isNaN(cut[1][i])) {
                if (!Double.isNaN(start)) {
                    out.add(new double[] {start, last});
                }
                start = Double.NaN;
            } else {
                if (Double.isNaN(start)) {
                    start = cut[0][i];
                }
                last = cut[0][i];
            }
        }
        if (!Double.isNaN(start)) {
            out.add(new double[] {start, last});
        }
        return out;
    }

    @Test
    void aDenselySampledLineGetsTheSameDashesAsTwoPoints() {
        // 110 px long, 2 data units per pixel: dashes of 7 px every 11 px, whatever the sampling.
        double[][] coarse = DashedPath.cut(new double[] {0, 220}, new double[] {5, 5}, 0.5, 1, 7, 4);
        int n = 441;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.5;
            y[i] = 5;
        }
        double[][] dense = DashedPath.cut(x, y, 0.5, 1, 7, 4);
        for (double[][] cut : new double[][][] {coarse, dense}) {
            List<double[]> p = pieces(cut);
            assertEquals(10, p.size());
            for (int k = 0; k < p.size(); k++) {
                assertEquals(22.0 * k, p.get(k)[0], 1e-9, "dash " + k + " starts every 11 px");
                assertEquals(Math.min(22.0 * k + 14, 220), p.get(k)[1], 1e-9, "dash " + k + " is 7 px long");
            }
            for (int i = 0; i < cut[0].length; i++) {
                assertTrue(Double.isFinite(cut[0][i]), "x stays finite so the axes ignore the breaks");
            }
        }
    }

    @Test
    void aGapInTheInputRestartsThePattern() {
        double[][] cut = DashedPath.cut(new double[] {0, 3, 10, 30}, new double[] {0, 0, Double.NaN, 0}, 1, 1, 7, 4);
        List<double[]> p = pieces(cut);
        // 0..3 is one short dash; the point at 30 starts a new line alone (nothing to connect to).
        assertEquals(0.0, p.get(0)[0]);
        assertEquals(3.0, p.get(0)[1]);
        assertEquals(30.0, p.get(p.size() - 1)[0]);
    }
}
