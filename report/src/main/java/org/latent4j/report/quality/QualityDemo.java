package org.latent4j.report.quality;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.latent4j.data.Dataset;
import org.latent4j.figures.Figure;
import org.latent4j.figures.ImageGrids;
import org.latent4j.figures.vae.VaeFigure;
import org.latent4j.models.quality.ClassifierCache;
import org.latent4j.models.quality.ClassifierConfig;
import org.latent4j.models.quality.ImageQuality;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.vae.LatentMixtureSampler;
import org.latent4j.models.vae.Vae;
import org.latent4j.random.RandomSource;
import org.latent4j.report.Report;
import org.latent4j.report.vae.FigureSections;
import org.latent4j.report.vae.VaeDemo;

/**
 * The sample-quality part of {@code latent4j demo}: the lecture notes say VAE samples are blurry; this section
 * puts numbers on it. latent4j's quality classifier (trained once on the training images and cached,
 * docs/quality.md) gives the features on which the samples of the MLP VAE (from its prior, and from the
 * ex-post Gaussian mixture of Ghosh et al. 2020) and of the convolutional VAE are compared with the test
 * images: Fréchet distance, kernel distance, 1-NN accuracy and class histogram, beside their sample grids;
 * other generators (the convolutional WGAN-GP) get rows of their own ({@link Generator}).
 */
public final class QualityDemo {
    private QualityDemo() {}

    /**
     * What to run.
     *
     * @param samples   samples per sampler, and test images they are compared with (at most the test set)
     * @param gmmK      components of the latent mixture
     * @param kid       the kernel distance's subsets
     * @param cacheRoot where the classifier is cached ({@link ClassifierCache#standardRoot()})
     * @param seed      seed of the samples and the subsets
     */
    public record Settings(int samples, int gmmK, ImageQuality.Settings kid, Path cacheRoot, long seed) {}

    /** One sampler's samples (the first 64 are drawn) and measures. */
    public record Row(String name, float[] firstSamples, ImageQuality quality) {}

    /** The classifier and the rows of the table; {@code notes} say how the models beyond the VAEs were trained. */
    public record Result(Settings settings, ClassifierCache.Trained classifier, List<Row> rows, int[] shape, int realCount,
                         double seconds, List<String> notes) {}

    /** A generative model's sampler for the table. */
    public interface Sampler {
        org.latent4j.tensor.Tensor sample(int n, RandomSource rng);
    }

    /**
     * Another model's row (a GAN's generator): its name in the table, its sampler, and a sentence for the
     * section's text saying how it was trained.
     */
    public record Generator(String name, Sampler sampler, String note) {}

    /**
     * Obtains the classifier and measures the MLP VAE's prior and mixture samplers and the convolutional VAE's
     * prior (conv may be null).
     */
    public static Result run(Dataset train, Dataset test, Vae mlp, Vae conv, Settings s, VaeDemo.Progress progress)
            throws IOException {
        return run(train, test, mlp, conv, List.of(), s, progress);
    }

    /** As {@link #run(Dataset, Dataset, Vae, Vae, Settings, VaeDemo.Progress)}, with the rows of other generators after the VAEs'. */
    public static Result run(Dataset train, Dataset test, Vae mlp, Vae conv, List<Generator> others, Settings s,
                             VaeDemo.Progress progress) throws IOException {
        long t0 = System.nanoTime();
        int[] image = train.imageShape();
        ClassifierConfig config = ClassifierConfig.forImages(image[0], image[1], image[2],
                Math.max(train.classCount(), test.classCount()));
        DataMatrix trainM = VaeDemo.matrix(train, train.rows());
        DataMatrix testM = VaeDemo.matrix(test, test.rows());
        progress.step(String.format(Locale.ROOT, "the quality classifier: %s", ClassifierCache.location(s.cacheRoot(), config,
                trainM, train.labels())));
        ClassifierCache.Trained c = ClassifierCache.obtain(s.cacheRoot(), config, trainM, train.labels(), testM,
                test.labels(), progress.training("quality classifier", config.epochs()));
        DataMatrix real = VaeDemo.matrix(test, Math.min(s.samples(), test.rows()));
        progress.step(String.format(Locale.ROOT, "fitting a mixture of %d Gaussians to the MLP VAE's encoder means", s.gmmK()));
        LatentMixtureSampler gmm = LatentMixtureSampler.fit(mlp, trainM, s.gmmK(), s.seed());
        List<Row> rows = new ArrayList<>();
        String mlpName = "MLP VAE, latent " + mlp.config().latentDim();
        rows.add(measure(mlpName + ", prior N(0, I)", (n, rng) -> mlp.sample(n, false, rng), c, real, s, progress));
        rows.add(measure(mlpName + ", mixture of " + s.gmmK() + " (ex-post)", (n, rng) -> gmm.sample(n, false, rng), c, real,
                s, progress));
        if (conv != null) {
            rows.add(measure("convolutional VAE, latent " + conv.config().latentDim() + ", prior N(0, I)",
                    (n, rng) -> conv.sample(n, false, rng), c, real, s, progress));
        }
        List<String> notes = new ArrayList<>();
        for (Generator g : others) {
            rows.add(measure(g.name(), g.sampler(), c, real, s, progress));
            notes.add(g.note());
        }
        int[] shape = {image[0] * image[1], image[2]};
        return new Result(s, c, rows, shape, real.rows(), (System.nanoTime() - t0) / 1e9, List.copyOf(notes));
    }

    private static Row measure(String name, Sampler sampler, ClassifierCache.Trained c, DataMatrix real, Settings s,
                               VaeDemo.Progress progress) {
        progress.step("measuring the samples of the " + name);
        RandomSource rng = new RandomSource(s.seed());
        org.latent4j.tensor.Tensor x = sampler.sample(s.samples(), rng.split());
        DataMatrix samples = new DataMatrix(name, x.data(), s.samples(), x.dim(1));
        ImageQuality q = ImageQuality.measure(c.classifier(), real, samples, s.kid(), rng.split());
        float[] first = java.util.Arrays.copyOf(x.data(), 64 * x.dim(1));
        return new Row(name, first, q);
    }

    /** Adds the section to the report, writing its PNG files to {@code figuresDir}. */
    public static void addTo(Report report, Result r, Path figuresDir) throws IOException {
        report.section("Are VAE samples blurry? Sample quality, measured");
        report.paragraph(String.format(Locale.ROOT, "The lecture notes end on the claim that VAE samples are blurry compared "
                        + "with GANs'. Looking is not measuring, so here the samples of each model are compared with %,d test "
                        + "images on the 128 penultimate features of a small convolutional classifier latent4j trained on the "
                        + "training images (test accuracy %.1f %%; trained once and cached, docs/quality.md). Its features "
                        + "stand in for the Inception network of the published FID and KID, so the numbers compare the models "
                        + "on this page with each other, not with published figures. The mixture sampler changes no weight of "
                        + "the VAE: it draws z from a mixture of Gaussians fitted by EM to where the encoder puts the training "
                        + "images, instead of from N(0, I) (Ghosh et al. 2020).%s", r.realCount(),
                100 * r.classifier().testAccuracy(), r.notes().isEmpty() ? " The Wasserstein GAN's row is not in this run."
                        : " " + String.join(" ", r.notes())));
        List<Figure> panels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int i = 0;
        for (Row row : r.rows()) {
            panels.add(ImageGrids.grid("quality-samples-" + i++, row.firstSamples(), 64, r.shape()[0], r.shape()[1], 8, 2));
            names.add(row.name());
        }
        FigureSections.add(report, new VaeFigure("Samples of each sampler", panels, names, "64 samples of each sampler (the "
                + "decoder's mean E[x|z] for the VAEs, G(z) for a GAN), the first of the samples measured below.", true), figuresDir);
        List<List<String>> cells = new ArrayList<>();
        for (Row row : r.rows()) {
            ImageQuality q = row.quality();
            cells.add(List.of(row.name(), f(q.frechet(), 2), f(q.kernel().mean(), 3) + " ± " + f(q.kernel().std(), 3),
                    f(q.nearest().accuracy(), 3), f(q.histogram().klToUniform(), 3)));
        }
        report.table(String.format(Locale.ROOT, "Sample quality against %,d test images, %,d samples each (lower is better "
                        + "for every column; 1-NN accuracy is ideally 0.5): the Fréchet distance between the feature "
                        + "Gaussians, the kernel distance (unbiased MMD² with the cubic kernel, mean ± standard deviation over "
                        + "%d subsets of %,d), the leave-one-out 1-nearest-neighbour accuracy of telling samples from test "
                        + "images, and the KL divergence of the samples' class histogram to the uniform one.", r.realCount(),
                r.settings().samples(), r.settings().kid().kidSubsets(), r.settings().kid().kidSubsetSize()),
                List.of("sampler", "Fréchet distance (classifier features)", "kernel distance", "1-NN accuracy",
                        "class KL to uniform"), cells);
    }

    private static String f(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
