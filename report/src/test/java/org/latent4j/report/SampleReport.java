package org.latent4j.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.latent4j.figures.Charts;
import org.latent4j.figures.Figure;
import org.latent4j.figures.ImageGrids;
import org.latent4j.figures.Series;

/**
 * A report shaped like the one a VAE training run writes, with real charts and image grids made from
 * made-up numbers: what the browser tests open, and what a reviewer looks at in their screenshots.
 */
final class SampleReport {
    static final String TITLE = "VAE on Fashion-MNIST";
    /** The figures in page order. */
    static final int IMAGES = 5;
    /** Index (page order) of the figure shown alone, at its natural size. */
    static final int SCATTER = 2;

    private SampleReport() {}

    static Figure scatter() {
        Random rnd = new Random(3);
        int n = 600;
        double[] x = new double[n];
        double[] y = new double[n];
        int[] cls = new int[n];
        for (int i = 0; i < n; i++) {
            cls[i] = i % 4;
            double angle = cls[i] * Math.PI / 2;
            x[i] = 2 * Math.cos(angle) + rnd.nextGaussian() * 0.7;
            y[i] = 2 * Math.sin(angle) + rnd.nextGaussian() * 0.7;
        }
        return Charts.scatterByClass("latent-space", "Test images in the latent space", "z1", "z2", x, y, cls,
                new String[] {"T-shirt/top", "Trouser", "Pullover", "Dress"});
    }

    static Report build() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", "vae");
        config.put("dataset", "fashion-mnist");
        config.put("architecture", new int[] {784, 400, 20});
        config.put("likelihood", "bernoulli");
        config.put("epochs", 3);
        config.put("batch size", 128);
        config.put("learning rate", 1e-3);
        config.put("seed", 42);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("test loss (−ELBO, nats)", 249.9812);
        metrics.put("test reconstruction", 224.5533);
        metrics.put("test KL", 25.4279);
        metrics.put("log p(x) (IWAE, k=5000)", -244.0871);
        metrics.put("active units", 14);

        double[] train = {281.2, 258.7, 252.9};
        double[] test = {262.4, 254.1, 249.98};
        List<List<String>> rows = new ArrayList<>();
        for (int e = 0; e < train.length; e++) {
            rows.add(List.of(Integer.toString(e + 1), Html.format(train[e]), Html.format(test[e]), Html.format(6.1 + 0.2 * e)));
        }
        Figure curves = Charts.lines("curves", "Loss per epoch", "epoch", "−ELBO (nats)", List.of(
                Series.line("train", null, train), Series.dashed("test", null, test)));
        String[] dims = new String[20];
        double[] kl = new double[20];
        for (int j = 0; j < 20; j++) {
            dims[j] = "z" + (j + 1);
            kl[j] = j < 14 ? 3.2 * Math.exp(-j / 6.0) : 0.01;
        }
        Figure bars = Charts.bars("kl-per-dimension", "KL per latent dimension", "latent dimension", "KL (nats)", dims, kl);

        return new Report(TITLE)
                .paragraph("A variational autoencoder (784-400-20, Bernoulli decoder) trained for 3 epochs on the "
                        + "60,000 training images; every number below is measured on the 10,000 test images.")
                .note("latent4j train vae --data fashion-mnist --epochs 3 --out runs/vae")
                .section("Configuration").keyValues("Options", config)
                .code("latent4j train vae --data fashion-mnist --epochs 3 --seed 42 --out runs/vae")
                .section("Metrics").keyValues("On the test set", metrics)
                .table("Per epoch", List.of("epoch", "train loss", "test loss", "seconds"), rows)
                .section("Training")
                .figures(List.of(curves, bars), List.of(
                        "Loss per epoch: training solid, test dashed. Both still falling means more epochs would help; "
                                + "a test curve rising while training falls would mean overfitting.",
                        "KL(q(z|x) ‖ p(z)) per latent dimension, averaged over the test set. Dimensions near zero "
                                + "are unused (posterior collapse): the model works with the others."), null)
                .section("Latent space")
                .figure(scatter(), "Means of q(z|x) for test images, first two latent dimensions, coloured by class. "
                        + "Classes that form separate clouds are told apart by the encoder without ever seeing labels.")
                .section("Samples and reconstructions")
                .figures(List.of(grid("samples", 0), grid("reconstructions", 1)), List.of(
                        "Decoded samples z ~ N(0, I) from the prior.",
                        "Test images (odd rows) and their reconstructions (even rows)."),
                        "Sharp, varied samples mean the decoder has learnt the data; blurry reconstructions are "
                                + "typical of a Bernoulli VAE and improve with more epochs.", true);
    }

    /** 16 blurry 28×28 blobs at 2× scale, like a grid of decoded samples. */
    private static Figure grid(String name, int seed) {
        Random rnd = new Random(seed);
        int n = 16;
        int s = 28;
        float[] px = new float[n * s * s];
        for (int k = 0; k < n; k++) {
            double cx = 9 + rnd.nextDouble() * 10;
            double cy = 9 + rnd.nextDouble() * 10;
            double rx = 4 + rnd.nextDouble() * 6;
            double ry = 4 + rnd.nextDouble() * 6;
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    double d = (x - cx) * (x - cx) / (rx * rx) + (y - cy) * (y - cy) / (ry * ry);
                    px[k * s * s + y * s + x] = (float) Math.exp(-d * d);
                }
            }
        }
        return ImageGrids.grid(name, px, n, s, s, 8, 2);
    }
}
