package org.latent4j.report.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.latent4j.data.Dataset;
import org.latent4j.figures.Figure;
import org.latent4j.figures.vae.ClassNames;
import org.latent4j.figures.vae.LatentCodes;
import org.latent4j.figures.vae.VaeFigure;
import org.latent4j.figures.vae.VaeFigures;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.training.TrainingListener;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeConfig;
import org.latent4j.models.vae.VaeEvaluation;
import org.latent4j.random.RandomSource;
import org.latent4j.report.Report;

/**
 * The VAE part of {@code latent4j demo}: the notes' comparison of latent sizes. One VAE per latent
 * dimension (784-400-L, Bernoulli decoder, Adam, batch 128) is trained on the same data, evaluated on the
 * test set by its ELBO and its importance-weighted log-likelihood (Burda, Grosse and Salakhutdinov,
 * 2016), saved as a run folder that {@code latent4j plot} can draw, and shown side by side in the report.
 */
public final class VaeDemo {
    private VaeDemo() {}

    /**
     * What to run.
     *
     * @param latents           the latent dimensions to compare, e.g. {2, 20}
     * @param hidden            the hidden width of encoder and decoder
     * @param epochs            training epochs of each model
     * @param importanceSamples K of the importance-weighted log-likelihood
     * @param evalRows          test examples the log-likelihood is estimated on (all when larger than the test set)
     * @param seed              seed of initialization, shuffling, noise and figures
     */
    public record Settings(int[] latents, int hidden, int epochs, int importanceSamples, int evalRows, long seed) {
        public Settings {
            latents = latents.clone();
            if (latents.length == 0 || epochs < 1 || importanceSamples < 1 || evalRows < 1 || hidden < 1) {
                throw new IllegalArgumentException("VaeDemo.Settings: need latents, and epochs, K, rows and hidden width >= 1");
            }
        }
    }

    /** Reports progress; the command line turns it into progress lines or bars. */
    public interface Progress {
        /** A step begins, e.g. "training the VAE with latent dimension 2". */
        void step(String what);

        /** The listener that follows the training of one model (epochs and batches). */
        TrainingListener training(String model, int epochs);

        /** Follows the log-likelihood estimate over {@code rows} examples: called with the examples done so far. */
        default IntConsumer evaluation(int rows) {
            return done -> { };
        }
    }

    /**
     * One trained model.
     *
     * @param latent       its latent dimension
     * @param vae          the model
     * @param history      its epochs
     * @param evaluation   ELBO, importance-weighted log-likelihood and gap on the test set
     * @param trainSeconds wall-clock time of the training steps (per-epoch evaluation excluded)
     * @param evalSeconds  wall-clock time of the importance-weighted evaluation
     * @param runDir       the run folder it was saved in
     */
    public record Model(int latent, Vae vae, TrainingHistory history, VaeEvaluation evaluation, double trainSeconds,
                        double evalSeconds, Path runDir) {}

    /** What {@link #run} did: the settings, the data and the models in the order of the settings' latents. */
    public record Result(Settings settings, Dataset train, Dataset test, String dataSpec, List<Model> models) {
        public Result {
            models = List.copyOf(models);
        }

        /** The model with this latent dimension. */
        public Model model(int latent) {
            return models.stream().filter(m -> m.latent() == latent).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no model with latent dimension " + latent));
        }
    }

    /**
     * Trains, evaluates and saves one VAE per latent dimension; each goes to {@code out/vae-latent<L>} as a
     * run folder (model/, metrics.jsonl, summary.json) like {@code latent4j train vae} writes.
     */
    public static Result run(Dataset train, Dataset test, String dataSpec, Settings s, Path out, Progress progress)
            throws IOException {
        DataMatrix trainM = matrix(train, train.rows());
        DataMatrix testM = matrix(test, test.rows());
        DataMatrix evalM = matrix(test, Math.min(s.evalRows(), test.rows()));
        TrainingConfig training = TrainingConfig.builder().epochs(s.epochs()).seed(s.seed()).build();
        List<Model> models = new ArrayList<>();
        for (int latent : s.latents()) {
            String name = "the VAE with latent dimension " + latent;
            VaeConfig config = VaeConfig.builder(train.cols()).latentDim(latent).hidden(s.hidden()).seed(s.seed()).build();
            Vae vae = Vae.create(config);
            progress.step("training " + name + String.format(Locale.ROOT, " (%d-%d-%d) for %d epochs",
                    train.cols(), s.hidden(), latent, s.epochs()));
            TrainingHistory history = vae.fit(trainM, testM, training, progress.training("latent " + latent, s.epochs()));
            double seconds = history.epochs().stream().mapToDouble(EpochResult::seconds).sum();
            progress.step(String.format(Locale.ROOT, "estimating the log-likelihood of %s on %d test images with K=%d",
                    name, evalM.rows(), s.importanceSamples()));
            long t0 = System.nanoTime();
            VaeEvaluation e = vae.evaluate(evalM, s.importanceSamples(), new RandomSource(s.seed()),
                    progress.evaluation(evalM.rows()));
            double evalSeconds = (System.nanoTime() - t0) / 1e9;
            Path runDir = out.resolve("vae-latent" + latent);
            RunFolder.write(runDir, vae, history, e, training, train, test, dataSpec, s.seed());
            models.add(new Model(latent, vae, history, e, seconds, evalSeconds, runDir));
        }
        return new Result(s, train, test, dataSpec, models);
    }

    /** The first {@code rows} rows of a data set as a model's input matrix (no copy when they are all of it). */
    public static DataMatrix matrix(Dataset d, int rows) {
        Dataset part = rows < d.rows() ? d.first(rows) : d;
        return new DataMatrix(part.name(), part.x(), part.rows(), part.cols());
    }

    /**
     * Adds the VAE sections to the demo's report, writing their PNG files to {@code figuresDir}: samples
     * side by side, the ELBO beside the log-likelihood, reconstructions, the 2-D latent space, the
     * manifold, traversals, training curves and the KL per dimension.
     */
    public static void addTo(Report report, Result r, Path figuresDir) throws IOException {
        Settings s = r.settings();
        Dataset test = r.test();
        DataMatrix testM = matrix(test, Math.min(VaeRunReport.MAX_ROWS, test.rows()));
        // colour: the channels one under the other, each in grey
        int[] shape = test.isImage() ? new int[] {test.channels() * test.height(), test.width()} : null;
        if (shape == null) {
            throw new IllegalArgumentException("the VAE demo draws images; " + test.name() + " are not images");
        }
        int[] labels = testM.rows() < test.rows() ? java.util.Arrays.copyOf(test.labels(), testM.rows()) : test.labels();
        VaeFigures.Data data = new VaeFigures.Data(testM, labels, ClassNames.of(test), shape);
        Map<Integer, LatentCodes> codes = new LinkedHashMap<>();
        for (Model m : r.models()) {
            codes.put(m.latent(), LatentCodes.of(m.vae(), testM));
        }

        report.section("Variational autoencoders: a 2-D and a 20-D latent space");
        report.paragraph(String.format(Locale.ROOT, "%s VAEs with the same encoder and decoder (one hidden layer of %d ReLU "
                        + "units, a Bernoulli decoder) and latent dimensions %s, each trained for %d epochs with Adam "
                        + "(learning rate 0.001, batches of 128) on %,d training images of %s, and evaluated on its %,d test "
                        + "images. A small latent space forces the model to squeeze each image into a few numbers, which "
                        + "makes it easy to draw but costs detail.", count(r.models().size()), s.hidden(), latentList(r), s.epochs(),
                r.train().rows(), r.train().name(), test.rows()));

        List<Figure> samples = new ArrayList<>();
        List<String> labelsOf = new ArrayList<>();
        for (Model m : r.models()) {
            samples.add(VaeFigures.samples("samples-latent" + m.latent(), m.vae(), shape, s.seed()).figure());
            labelsOf.add("latent dimension " + m.latent());
        }
        add(report, figuresDir, new VaeFigure("Samples from each model", samples, labelsOf, String.format(Locale.ROOT,
                "%d images from each model, the decoder's mean for z drawn from the prior N(0, I) (the same seed for both). "
                        + "With 2 latent dimensions every sample is a smooth, blurred prototype (a shirt, a shoe, a bag) or a "
                        + "ghostly blend of two of them; with 20 the samples carry texture, stripes and shading, though some "
                        + "mix shapes. The 2-D model is visibly worse, as in the notes' figure of digits generated with "
                        + "different latent sizes.", VaeFigures.SAMPLES), true));

        report.subsection("How good is each model? The ELBO and the log-likelihood");
        report.table(String.format(Locale.ROOT, "Test-set figures in nats per image (%,d test images, K = %d importance "
                        + "samples). Higher is better for the ELBO and the log-likelihood.", r.models().get(0).evaluation().examples(),
                s.importanceSamples()), List.of("latent dimension", "ELBO", "log-likelihood (IWAE)", "gap", "reconstruction",
                "KL", "active units", "training", "evaluation"), evaluationRows(r));
        report.paragraph("The ELBO is the bound the model was trained on; the importance-weighted estimate "
                + "log (1/K) Σ_k p(x, z_k)/q(z_k|x) with K samples from the encoder is a tighter estimate of the "
                + "log-likelihood log p(x) itself. Their difference, the gap, estimates KL(q(z|x) ‖ p(z|x)): how far the "
                + "encoder's Gaussian is from the true posterior. The larger latent space reaches a higher likelihood; "
                + "the reconstruction term shows where it comes from, the KL term what it costs.");

        List<Vae> vaes = r.models().stream().map(Model::vae).toList();
        List<String> names = r.models().stream().map(m -> "latent " + m.latent()).toList();
        add(report, figuresDir, VaeFigures.reconstructions("reconstructions", vaes, names, data).withCaption("Reconstructions",
                "Test images (rows 'original', two of each class) each followed by their reconstructions by the two models, "
                        + "E[x | z = μ(x)] (rows 'latent 2' and 'latent 20'). The 2-D code keeps the kind of garment and its "
                        + "rough shape and brightness; the 20-D code keeps more of each image's own outline and shading."));

        Model two = r.models().stream().filter(m -> m.latent() == 2).findFirst().orElse(null);
        if (two != null) {
            VaeFigure space = VaeFigures.latentSpace(codes.get(2), data);
            add(report, figuresDir, space.renamed("latent2-").withCaption("The 2-D latent space of the test set", space.caption()));
            VaeFigure manifold = VaeFigures.manifold(two.vae(), shape, VaeFigures.MANIFOLD_SIDE);
            add(report, figuresDir, manifold.renamed("latent2-").withCaption("The manifold learned by the 2-D model",
                    manifold.caption() + " Compare with the latent space above: each class occupies the region of the "
                            + "grid where its test images were encoded."));
        }
        for (Model m : r.models()) {
            if (m.latent() == 2) {
                continue;
            }
            VaeFigure f = VaeFigures.latentSpace(codes.get(m.latent()), data);
            add(report, figuresDir, f.renamed("latent" + m.latent() + "-")
                    .withCaption("The " + m.latent() + "-D latent space, projected to 2-D", f.caption()));
        }
        for (Model m : r.models()) {
            VaeFigure f = VaeFigures.traversal(m.vae(), codes.get(m.latent()), shape);
            add(report, figuresDir, f.renamed("latent" + m.latent() + "-")
                    .withCaption("Latent traversal of the " + m.latent() + "-D model", f.caption()));
        }
        Map<String, List<EpochResult>> histories = new LinkedHashMap<>();
        for (Model m : r.models()) {
            histories.put("latent " + m.latent(), m.history().epochs());
        }
        add(report, figuresDir, VaeFigures.trainingCurves("training", histories));
        List<Figure> kl = new ArrayList<>();
        for (Model m : r.models()) {
            kl.add(VaeFigures.klPerDimension(codes.get(m.latent())).renamed("latent" + m.latent() + "-").figure());
        }
        add(report, figuresDir, new VaeFigure("KL per latent dimension", kl, labelsOf, klCaption(r, codes)));
    }

    private static String count(int n) {
        return n == 2 ? "Two" : n == 3 ? "Three" : String.valueOf(n);
    }

    private static void add(Report report, Path figuresDir, VaeFigure f) throws IOException {
        FigureSections.add(report, f, figuresDir);
    }

    private static String latentList(Result r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.models().size(); i++) {
            sb.append(i == 0 ? "" : i == r.models().size() - 1 ? " and " : ", ").append(r.models().get(i).latent());
        }
        return sb.toString();
    }

    private static List<List<String>> evaluationRows(Result r) {
        List<List<String>> rows = new ArrayList<>();
        for (Model m : r.models()) {
            VaeEvaluation e = m.evaluation();
            rows.add(List.of(String.valueOf(m.latent()), f2(e.elbo()), f2(e.logLikelihood()), f2(e.gap()),
                    f2(e.reconstruction()), f2(e.kl()), e.activeUnits() + " of " + m.latent(),
                    String.format(Locale.ROOT, "%.1f s", m.trainSeconds()), String.format(Locale.ROOT, "%.1f s", m.evalSeconds())));
        }
        return rows;
    }

    private static String klCaption(Result r, Map<Integer, LatentCodes> codes) {
        StringBuilder sb = new StringBuilder("The mean KL(q(z_j|x) ‖ N(0, 1)) of each latent dimension over the test set: "
                + "the information, in nats, that each dimension carries about an image.");
        for (Model m : r.models()) {
            LatentCodes c = codes.get(m.latent());
            sb.append(String.format(Locale.ROOT, " Latent %d: %.1f nats in total, %d of %d dimensions active.", m.latent(),
                    c.totalKl(), c.activeUnits(), m.latent()));
        }
        sb.append(" A bar near 0 is a dimension the model leaves unused, collapsed onto the prior.");
        return sb.toString();
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
