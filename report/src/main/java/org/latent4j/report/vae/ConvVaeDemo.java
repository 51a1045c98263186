package org.latent4j.report.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.latent4j.data.Dataset;
import org.latent4j.figures.Figure;
import org.latent4j.figures.vae.ClassNames;
import org.latent4j.figures.vae.VaeFigure;
import org.latent4j.figures.vae.VaeFigures;
import org.latent4j.models.networks.ConvArchitecture;
import org.latent4j.models.networks.ImageShape;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeConfig;
import org.latent4j.models.vae.VaeEvaluation;
import org.latent4j.random.RandomSource;
import org.latent4j.report.Report;

/**
 * The convolutional part of {@code latent4j demo}: the reference ConvVAE (Conv 32-64, kernel 4, stride 2,
 * padding 1, and its mirror of transposed convolutions; {@link ConvArchitecture#reference}) trained on the
 * same images as the MLP VAE of the same latent size, both then evaluated on the same test images with the
 * same K, and shown side by side: samples, reconstructions, ELBO, importance-weighted log-likelihood, gap,
 * seconds per epoch and parameters.
 */
public final class ConvVaeDemo {
    private ConvVaeDemo() {}

    /**
     * What to run.
     *
     * @param latent            the latent dimension (the MLP model it is compared with has the same)
     * @param epochs            training epochs of the convolutional VAE
     * @param importanceSamples K of the importance-weighted log-likelihood of both models
     * @param evalRows          test examples both are evaluated on (all when larger than the test set)
     * @param seed              seed of initialization, shuffling, noise and figures
     */
    public record Settings(int latent, int epochs, int importanceSamples, int evalRows, long seed) {
        public Settings {
            if (latent < 1 || epochs < 1 || importanceSamples < 1 || evalRows < 1) {
                throw new IllegalArgumentException("ConvVaeDemo.Settings: latent, epochs, K and rows must be >= 1");
            }
        }
    }

    /**
     * The two models compared, each evaluated on the same rows.
     *
     * @param conv    the convolutional VAE (its evaluation on the comparison rows)
     * @param mlp     the MLP VAE of the same latent size, re-evaluated on the comparison rows
     */
    public record Result(Settings settings, Dataset train, Dataset test, VaeDemo.Model conv, VaeDemo.Model mlp) {}

    /**
     * Trains, evaluates and saves the convolutional VAE (run folder {@code out/vae-latent<L>-conv}) and
     * evaluates {@code mlp} on the same test rows with the same K and seed.
     */
    public static Result run(Dataset train, Dataset test, String dataSpec, Settings s, VaeDemo.Model mlp, Path out,
                             VaeDemo.Progress progress) throws IOException {
        if (!train.isImage()) {
            throw new IllegalArgumentException("the convolutional VAE needs images; " + train.name() + " are not images");
        }
        DataMatrix trainM = VaeDemo.matrix(train, train.rows());
        DataMatrix testM = VaeDemo.matrix(test, test.rows());
        DataMatrix evalM = VaeDemo.matrix(test, Math.min(s.evalRows(), test.rows()));
        TrainingConfig training = TrainingConfig.builder().epochs(s.epochs()).seed(s.seed()).build();
        ConvArchitecture arch = ConvArchitecture.reference(new ImageShape(train.channels(), train.height(), train.width()));
        VaeConfig config = VaeConfig.builder(train.cols()).latentDim(s.latent()).conv(arch).seed(s.seed()).build();
        Vae vae = Vae.create(config);
        progress.step(String.format(Locale.ROOT, "training the convolutional VAE (%s, latent %d) for %d epochs",
                arch.describe(), s.latent(), s.epochs()));
        TrainingHistory history = vae.fit(trainM, testM, training, progress.training("conv latent " + s.latent(), s.epochs()));
        double seconds = history.epochs().stream().mapToDouble(EpochResult::seconds).sum();
        progress.step(String.format(Locale.ROOT, "estimating the log-likelihood of the convolutional VAE on %d test images"
                + " with K=%d", evalM.rows(), s.importanceSamples()));
        long t0 = System.nanoTime();
        VaeEvaluation e = vae.evaluate(evalM, s.importanceSamples(), new RandomSource(s.seed()), progress.evaluation(evalM.rows()));
        double evalSeconds = (System.nanoTime() - t0) / 1e9;
        Path runDir = out.resolve("vae-latent" + s.latent() + "-conv");
        RunFolder.write(runDir, vae, history, e, training, train, test, dataSpec, s.seed());
        VaeDemo.Model conv = new VaeDemo.Model(s.latent(), vae, history, e, seconds, evalSeconds, runDir);

        progress.step(String.format(Locale.ROOT, "estimating the log-likelihood of the MLP VAE (latent %d) on the same %d"
                + " test images with K=%d", mlp.latent(), evalM.rows(), s.importanceSamples()));
        t0 = System.nanoTime();
        VaeEvaluation me = mlp.vae().evaluate(evalM, s.importanceSamples(), new RandomSource(s.seed()),
                progress.evaluation(evalM.rows()));
        VaeDemo.Model mlpSame = new VaeDemo.Model(mlp.latent(), mlp.vae(), mlp.history(), me, mlp.trainSeconds(),
                (System.nanoTime() - t0) / 1e9, mlp.runDir());
        return new Result(s, train, test, conv, mlpSame);
    }

    /** Adds the section to the report, writing its PNG files to {@code figuresDir}. */
    public static void addTo(Report report, Result r, Path figuresDir) throws IOException {
        Settings s = r.settings();
        Dataset test = r.test();
        int[] shape = {test.channels() * test.height(), test.width()};
        DataMatrix testM = VaeDemo.matrix(test, Math.min(VaeRunReport.MAX_ROWS, test.rows()));
        int[] labels = testM.rows() < test.rows() ? java.util.Arrays.copyOf(test.labels(), testM.rows()) : test.labels();
        VaeFigures.Data data = new VaeFigures.Data(testM, labels, ClassNames.of(test), shape);
        VaeDemo.Model conv = r.conv();
        VaeDemo.Model mlp = r.mlp();
        ConvArchitecture arch = conv.vae().config().conv();

        report.section("A convolutional VAE beside the MLP one");
        report.paragraph(String.format(Locale.ROOT, "The same latent dimension (%d), likelihood (Bernoulli), optimizer (Adam, "
                        + "learning rate 0.001, batches of 128) and data, but an encoder and a decoder that see the image as an "
                        + "image: two convolutions (%d and %d channels, 4 × 4 kernels, stride 2) shrink it to 7 × 7 feature maps "
                        + "before the linear heads for μ and log σ², and the decoder mirrors them with transposed convolutions — "
                        + "the ConvVAE of the PyTorch reference (bench/torch_vae.py --arch conv), %,d parameters against the "
                        + "MLP's %,d. It was trained for %d epochs, the MLP for %d.", s.latent(), arch.channels()[0],
                arch.channels()[arch.channels().length - 1], conv.vae().parameterCount(), mlp.vae().parameterCount(),
                conv.history().epochs().size(), mlp.history().epochs().size()));

        List<Figure> samples = List.of(
                VaeFigures.samples("samples-mlp-latent" + mlp.latent(), mlp.vae(), shape, s.seed()).figure(),
                VaeFigures.samples("samples-conv-latent" + conv.latent(), conv.vae(), shape, s.seed()).figure());
        List<String> names = List.of("MLP, latent " + mlp.latent(), "convolutional, latent " + conv.latent());
        FigureSections.add(report, new VaeFigure("Samples: MLP and convolutional", samples, names, String.format(Locale.ROOT,
                "%d images from each model, the decoder's mean for the same z drawn from the prior N(0, I). The transposed "
                        + "convolutions build each image from local patterns shared across its positions, so edges tend to be "
                        + "crisper; both remain blurred where the code leaves the image uncertain.", VaeFigures.SAMPLES), true),
                figuresDir);

        report.table(String.format(Locale.ROOT, "Test-set figures in nats per image, both models on the same %,d test images "
                        + "with K = %d importance samples (higher is better for the ELBO and the log-likelihood); seconds per "
                        + "epoch are training steps only, on this machine.", conv.evaluation().examples(), s.importanceSamples()),
                List.of("model", "parameters", "epochs", "ELBO", "log-likelihood (IWAE)", "gap", "seconds per epoch"),
                List.of(row("MLP 784-400-" + mlp.latent(), mlp), row("convolutional (" + arch.describe() + ")", conv)));

        List<Vae> vaes = List.of(mlp.vae(), conv.vae());
        FigureSections.add(report, VaeFigures.reconstructions("conv-reconstructions", vaes,
                List.of("MLP", "conv"), data).withCaption("Reconstructions: MLP and convolutional",
                "Test images (rows 'original', two of each class) each followed by their reconstructions E[x | z = μ(x)] by "
                        + "the MLP VAE (row 'MLP') and the convolutional one (row 'conv'), both with a " + conv.latent()
                        + "-dimensional code."), figuresDir);
    }

    private static List<String> row(String name, VaeDemo.Model m) {
        VaeEvaluation e = m.evaluation();
        return List.of(name, String.format(Locale.ROOT, "%,d", m.vae().parameterCount()),
                String.valueOf(m.history().epochs().size()), f2(e.elbo()), f2(e.logLikelihood()), f2(e.gap()),
                String.format(Locale.ROOT, "%.1f", m.trainSeconds() / Math.max(1, m.history().epochs().size())));
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
