package org.latent4j.figures.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latent4j.data.Catalogue;
import org.latent4j.data.Dataset;
import org.latent4j.data.Split;
import org.latent4j.figures.Figure;
import org.latent4j.figures.ImageGrids;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeConfig;

/** The VAE figures of two tiny VAEs (latent 2 and 10) trained for one epoch on a slice of the shipped subset. */
class VaeFiguresTest {
    static final int TILE = 28 * 2 + ImageGrids.GAP;
    static Dataset test;
    static VaeFigures.Data data;
    static Vae two;
    static Vae ten;
    static TrainingHistory history;

    @BeforeAll
    static void train() throws IOException {
        Dataset train = Catalogue.standard().load("fashion-mnist-small", Split.TRAIN).first(300);
        test = Catalogue.standard().load("fashion-mnist-small", Split.TEST).first(200);
        DataMatrix trainM = new DataMatrix("train", train.x(), train.rows(), train.cols());
        DataMatrix testM = new DataMatrix("test", test.x(), test.rows(), test.cols());
        data = new VaeFigures.Data(testM, test.labels(), ClassNames.of(test), new int[] {28, 28});
        TrainingConfig one = TrainingConfig.builder().epochs(2).batchSize(50).learningRate(3e-3).build();
        two = Vae.create(VaeConfig.builder(784).latentDim(2).hidden(32).seed(5).build());
        history = two.fit(trainM, testM, one);
        ten = Vae.create(VaeConfig.builder(784).latentDim(10).hidden(32).seed(6).build());
        ten.fit(trainM, testM, one);
    }

    static BufferedImage decode(Figure f) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(f.png()));
        assertNotNull(img, f.name());
        assertEquals(f.width(), img.getWidth(), f.name());
        assertEquals(f.height(), img.getHeight(), f.name());
        String preview = System.getProperty("figures.preview");
        if (preview != null && !preview.isBlank()) {
            f.write(Path.of(preview));
        }
        return img;
    }

    @Test
    void everyFigureOfA2dModelWithItsCaption() throws IOException {
        List<VaeFigure> all = VaeFigures.all(two, data, history.epochs(), 1);
        assertEquals(List.of("Samples from the prior", "Reconstructions", "Latent space", "Learned manifold",
                "Latent traversal", "Training curves", "KL per latent dimension"), all.stream().map(VaeFigure::heading).toList());
        for (VaeFigure f : all) {
            assertTrue(f.caption().length() > 80, f.heading() + ": " + f.caption());
            for (Figure p : f.panels()) {
                decode(p);
            }
        }
        // 64 samples, 8 per row, 28x28 at scale 2
        Figure samples = all.get(0).figure();
        assertEquals(8 * TILE + ImageGrids.GAP, samples.width());
        assertEquals(8 * TILE + ImageGrids.GAP, samples.height());
        // originals above reconstructions: 4 rows of 10
        assertEquals(4 * TILE + ImageGrids.GAP, all.get(1).figure().height());
        // the manifold: n x n tiles at scale 1
        int side = VaeFigures.MANIFOLD_SIDE;
        Figure manifold = all.get(3).figure();
        assertEquals(side * (28 + ImageGrids.GAP) + ImageGrids.GAP, manifold.width());
        assertEquals(side * (28 + ImageGrids.GAP) + ImageGrids.GAP, manifold.height());
        // the traversal: one row per latent dimension
        assertEquals(2 * TILE + ImageGrids.GAP, all.get(4).figure().height());
        // the training curves: loss, reconstruction and KL panels
        assertEquals(List.of("training-loss", "training-recon", "training-kl"),
                all.get(5).panels().stream().map(Figure::name).toList());
        assertEquals(List.of("samples", "reconstructions", "latent-space", "manifold", "traversal", "kl-per-dimension"),
                List.of(all.get(0), all.get(1), all.get(2), all.get(3), all.get(4), all.get(6)).stream()
                        .map(f -> f.figure().name()).toList());
    }

    @Test
    void manifoldTilesFollowTheInverseCdfGrid() throws IOException {
        Figure m = VaeFigures.manifold(two, new int[] {28, 28}, 5).figure();
        BufferedImage img = decode(m);
        assertEquals(5 * 30 + 2, img.getWidth());
        // the bottom-left tile decodes z = (Φ⁻¹(0.1), Φ⁻¹(0.1)): compare its pixels with the decoder's mean
        double q = org.latent4j.models.gaussian.Normal.quantile(0.1);
        float[] expected = two.decode(org.latent4j.tensor.Tensor.of(new float[] {(float) q, (float) q}, 1, 2)).data();
        int x0 = ImageGrids.GAP, y0 = ImageGrids.GAP + 4 * 30;
        for (int i = 0; i < 28; i += 5) {
            for (int j = 0; j < 28; j += 5) {
                int grey = img.getRaster().getSample(x0 + j, y0 + i, 0);
                assertEquals(expected[i * 28 + j] * 255, grey, 1.01, "pixel " + i + "," + j);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> VaeFigures.manifold(ten, new int[] {28, 28}, 5));
    }

    @Test
    void aLargerLatentSpaceIsProjectedAndItsMostInformativeDimensionsTraversed() throws IOException {
        List<VaeFigure> all = VaeFigures.all(ten, data, List.of(), 1);
        // no manifold for a 10-D latent, no training curves without a history
        assertEquals(List.of("Samples from the prior", "Reconstructions", "Latent space", "Latent traversal",
                "KL per latent dimension"), all.stream().map(VaeFigure::heading).toList());
        LatentCodes codes = LatentCodes.of(ten, data.test());
        LatentSpace.Scatter s = LatentSpace.scatter(codes, data, VaeFigures.SCATTER_POINTS);
        assertTrue(s.xLabel().matches("PC 1 \\(\\d+% of variance\\)"), s.xLabel());
        assertTrue(s.yLabel().matches("PC 2 \\(\\d+% of variance\\)"), s.yLabel());
        // one legend entry per class present in the test slice
        long present = Arrays.stream(test.labels()).distinct().count();
        assertEquals(present, s.legend().size());
        assertTrue(s.legend().contains("Ankle boot") || s.legend().contains("T-shirt/top"), s.legend().toString());
        // traversal: the 8 dimensions with the largest KL, one row each, named in the caption
        VaeFigure t = all.get(3);
        assertEquals(VaeFigures.TRAVERSAL_DIMS * TILE + ImageGrids.GAP, t.figure().height());
        assertTrue(t.caption().contains("the 8 of the 10 latent dimensions with the largest KL"), t.caption());
        int[] order = codes.byKl();
        for (int r = 1; r < order.length; r++) {
            assertTrue(codes.klPerDim()[order[r - 1]] >= codes.klPerDim()[order[r]]);
        }
        decode(t.figure());
    }

    @Test
    void figuresAreDeterministicGivenTheSeed() {
        byte[] a = VaeFigures.samples("s", two, new int[] {28, 28}, 7).figure().png();
        byte[] b = VaeFigures.samples("s", two, new int[] {28, 28}, 7).figure().png();
        byte[] c = VaeFigures.samples("s", two, new int[] {28, 28}, 8).figure().png();
        assertArrayEquals(a, b);
        assertTrue(!Arrays.equals(a, c));
    }

    @Test
    void latentCodesMatchTheClosedFormKl() {
        LatentCodes codes = LatentCodes.of(two, data.test());
        var q = two.encode(data.test().slice(0, data.test().rows()));
        double total = 0;
        for (int i = 0; i < q.mu().data().length; i++) {
            double m = q.mu().data()[i], lv = q.logVar().data()[i];
            total += 0.5 * (m * m + Math.exp(lv) - 1 - lv);
        }
        assertEquals(total / data.test().rows(), codes.totalKl(), 1e-6 * Math.abs(total));
        assertEquals(2, codes.latent());
        assertTrue(IntStream.of(codes.byKl()).sorted().boxed().toList().equals(List.of(0, 1)));
    }

    @Test
    void trainingCurvesOfSeveralRunsShareThreePanels() throws IOException {
        VaeFigure f = VaeFigures.trainingCurves("both", Map.of("latent 2", history.epochs()));
        assertEquals(3, f.panels().size());
        for (Figure p : f.panels()) {
            decode(p);
        }
        assertThrows(IllegalArgumentException.class, () -> VaeFigures.trainingCurves("none", Map.of("x", List.of())));
    }

    @Test
    void classNamesOfTheCatalogue() {
        String[] names = ClassNames.of(test);
        assertEquals("T-shirt/top", names[0]);
        assertEquals("Ankle boot", names[9]);
        Dataset unlabelled = Dataset.builder("csv/train", new float[] {1, 2}, 2, 1).build();
        assertEquals(null, ClassNames.of(unlabelled));
        Dataset digits = Dataset.builder("mnist/test", new float[] {1, 2}, 2, 1).labels(new int[] {0, 3}).build();
        assertEquals("digit 3", ClassNames.of(digits)[3]);
    }
}
