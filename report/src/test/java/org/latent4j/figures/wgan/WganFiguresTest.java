package org.latent4j.figures.wgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.latent4j.figures.Figure;
import org.latent4j.figures.ImageGrids;
import org.latent4j.figures.vae.VaeFigure;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.wgan.WganSnapshot;

/** The WGAN figures on snapshots and histories whose content is known. */
class WganFiguresTest {
    static final Color BLUE = new Color(0x0072B2), VERMILLION = new Color(0xD55E00);

    static BufferedImage decode(Figure f) throws IOException {
        String preview = System.getProperty("figures.preview");
        if (preview != null && !preview.isBlank()) {
            f.write(Path.of(preview));
        }
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(f.png()));
        assertNotNull(img, f.name());
        assertEquals(f.width(), img.getWidth(), f.name());
        assertEquals(f.height(), img.getHeight(), f.name());
        return img;
    }

    /** Pixels within {@code d} of colour c, in the left {@code share} of the image (the plot, not the legend). */
    static int near(BufferedImage img, Color c, double d, double share) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth() * share; x++) {
                int rgb = img.getRGB(x, y);
                double dr = ((rgb >> 16) & 0xFF) - c.getRed(), dg = ((rgb >> 8) & 0xFF) - c.getGreen(), db = (rgb & 0xFF) - c.getBlue();
                if (Math.sqrt(dr * dr + dg * dg + db * db) <= d) {
                    n++;
                }
            }
        }
        return n;
    }

    /** 200 real points on the ring of 8, generated points at the origin or spread, and a critic D(x, y) = x. */
    static WganSnapshot snapshot(int epoch, boolean spread) {
        int n = 100;
        float[] g = new float[2 * n];
        for (int i = 0; i < n; i++) {
            g[2 * i] = spread ? (float) Math.cos(i) : 0.02f * (i % 5);
            g[2 * i + 1] = spread ? (float) Math.sin(i) : 0.02f * (i % 7);
        }
        int k = 16;
        float[] v = new float[k * k];
        for (int iy = 0; iy < k; iy++) {
            for (int ix = 0; ix < k; ix++) {
                v[iy * k + ix] = -1.5f + 3f * ix / (k - 1);
            }
        }
        return new WganSnapshot(epoch, 10L * epoch, g, n, 2, new WganSnapshot.CriticGrid(-1.5, 1.5, -1.5, 1.5, k, k, v));
    }

    static float[] ring() {
        float[] r = new float[400];
        for (int i = 0; i < 200; i++) {
            r[2 * i] = (float) Math.cos(2 * Math.PI * (i % 8) / 8);
            r[2 * i + 1] = (float) Math.sin(2 * Math.PI * (i % 8) / 8);
        }
        return r;
    }

    @Test
    void pointsAndCriticShowsBothKindsOfPointsAndTheContourLines() throws IOException {
        BufferedImage img = decode(WganFigures.pointsAndCritic("p", "After 10 generator steps", snapshot(1, false), ring()));
        assertTrue(near(img, BLUE, 60, 0.7) > 50, "real points in the plot");
        assertTrue(near(img, VERMILLION, 60, 0.7) > 50, "generated points in the plot");
        int greys = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth() * 0.7; x++) {
                int rgb = img.getRGB(x, y), r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
                greys += r == g && g == b && r > 0x30 && r < 0xB0 ? 1 : 0;
            }
        }
        // nine vertical contour lines of D(x, y) = x across the plot's height, against none for a flat critic
        WganSnapshot flat = new WganSnapshot(1, 10, snapshot(1, false).generated(), 100, 2,
                new WganSnapshot.CriticGrid(-1.5, 1.5, -1.5, 1.5, 2, 2, new float[] {1, 1, 1, 1}));
        BufferedImage none = decode(WganFigures.pointsAndCritic("q", "flat", flat, ring()));
        int flatGreys = 0;
        for (int y = 0; y < none.getHeight(); y++) {
            for (int x = 0; x < none.getWidth() * 0.7; x++) {
                int rgb = none.getRGB(x, y), r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
                flatGreys += r == g && g == b && r > 0x30 && r < 0xB0 ? 1 : 0;
            }
        }
        assertTrue(greys > flatGreys + 9 * 200, greys + " grey pixels with contours, " + flatGreys + " without");
        assertEquals(0, WganFigures.criticLevels(1, 1).length);
        double[] levels = WganFigures.criticLevels(0, 10);
        assertEquals(WganFigures.CRITIC_LEVELS, levels.length);
        assertEquals(1, levels[0], 1e-12);
        assertEquals(9, levels[8], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> WganFigures.pointsAndCritic("x", "t",
                new WganSnapshot(1, 1, new float[4], 2, 2, null), ring()));
        assertThrows(IllegalArgumentException.class, () -> WganFigures.pointsAndCritic("x", "t", snapshot(1, true),
                new float[3]));
    }

    @Test
    void momentsAreTheFirstTheLastAndEvenlyBetween() {
        List<WganSnapshot> all = new ArrayList<>();
        for (int e = 1; e <= 11; e++) {
            all.add(snapshot(e, true));
        }
        List<WganSnapshot> six = WganFigures.moments(all, 6);
        assertEquals(List.of(1, 3, 5, 7, 9, 11), six.stream().map(WganSnapshot::epoch).toList());
        assertEquals(3, WganFigures.moments(all.subList(0, 3), 6).size());
        assertSame(all.get(10), WganFigures.moments(all, 1).get(0));
    }

    static List<EpochResult> history(boolean mixture) {
        List<EpochResult> h = new ArrayList<>();
        double[] modes = {2, 5, 8, 7, 8, 8};
        for (int e = 1; e <= modes.length; e++) {
            Map<String, Double> test = new LinkedHashMap<>();
            test.put("loss", -1.0 / e);
            test.put("wasserstein", 1.0 / e);
            test.put("grad_norm_mean", 0.5 + 0.1 * e);
            test.put("grad_norm_max", 1.5);
            if (mixture) {
                test.put("modes", modes[e - 1]);
                test.put("high_quality", 10.0 * e);
                test.put("reverse_kl", 1.0 / (e * e));
            }
            h.add(new EpochResult(e, 1, -1.0 / e, Map.of("wasserstein", 1.2 / e), test, 1e-4));
        }
        return h;
    }

    @Test
    void theCurvesSayWhatTheRunDid() throws IOException {
        List<VaeFigure> curves = WganCurves.all(history(true), 100, 8, "training-");
        assertEquals(List.of("training-wasserstein", "training-grad-norm", "training-modes", "training-high-quality",
                "training-reverse-kl"), curves.stream().map(f -> f.figure().name()).toList());
        for (VaeFigure f : curves) {
            decode(f.figure());
        }
        String modes = curves.get(2).caption();
        assertTrue(modes.contains("All 8 modes are captured from step 500 to the end"), modes);
        assertTrue(modes.contains("from 2 after 100 steps to 8 after 600"), modes);
        String quality = curves.get(3).caption();
        assertTrue(quality.contains("the best value, 60, came after 600 steps"), quality);
        String kl = curves.get(4).caption();
        assertTrue(kl.contains("the best value, 0.0278, came after 600 steps"), kl);
        String w = curves.get(0).caption();
        assertTrue(w.contains("went from 1 after 100 steps to 0.1667 after 600"), w);
        assertTrue(curves.get(1).caption().contains("mean 1.100, largest 1.500"), curves.get(1).caption());

        List<VaeFigure> images = WganCurves.all(history(false), 50, 0, "");
        assertEquals(List.of("wasserstein", "grad-norm"), images.stream().map(f -> f.figure().name()).toList());
        assertThrows(IllegalArgumentException.class, () -> WganCurves.all(List.of(), 1, 0, ""));
    }

    @Test
    void smallMultiplesHaveAPanelPerMomentWithItsMeasures() throws IOException {
        List<WganSnapshot> all = new ArrayList<>();
        for (int e = 1; e <= 6; e++) {
            all.add(snapshot(e, e > 3));
        }
        VaeFigure f = WganFigures.pointsOverTraining(all, ring(), history(true), 8, "");
        assertEquals(6, f.panels().size());
        assertEquals("points-step-10", f.panels().get(0).name());
        assertEquals("step 30: 8 of 8 modes, 30.0 % high quality", f.panelCaptions().get(2));
        assertTrue(f.caption().contains("8 of the 8 modes are captured and 60.0 %"), f.caption());
        for (Figure p : f.panels()) {
            decode(p);
        }
    }

    @Test
    void imageRunsShowARowOfTheSameCodesPerMoment() throws IOException {
        List<WganSnapshot> all = new ArrayList<>();
        for (int e = 1; e <= 9; e++) {
            float[] px = new float[10 * 4 * 3];
            java.util.Arrays.fill(px, e / 9f);
            all.add(new WganSnapshot(e, 100L * e, px, 10, 12, null));
        }
        VaeFigure f = WganFigures.samplesOverTraining(all, 4, 3, 8, "");
        assertTrue(f.pixelated());
        BufferedImage img = decode(f.figure());
        // six rows of 8 tiles of 4 × 3 pixels drawn 2 × 2, right of the labels
        int tileH = 4 * 2 + ImageGrids.GAP;
        assertEquals(6 * tileH + ImageGrids.GAP, img.getHeight());
        assertTrue(f.caption().contains("the same 8 codes z"), f.caption());
        assertThrows(IllegalArgumentException.class, () -> WganFigures.samplesOverTraining(all, 5, 3, 8, ""));
    }
}
