package org.latent4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import org.latent4j.cli.config.RunRecord;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.Progress;
import org.latent4j.cli.vae.TrainingDisplay;
import org.latent4j.cli.vae.VaeDemoCommand;
import org.latent4j.data.Catalogue;
import org.latent4j.data.DataSpec;
import org.latent4j.data.Fallback;
import org.latent4j.data.Splits;
import org.latent4j.models.training.TrainingListener;
import org.latent4j.report.Report;
import org.latent4j.report.mixture.MixtureDemo;
import org.latent4j.models.quality.ClassifierCache;
import org.latent4j.models.quality.ImageQuality;
import org.latent4j.report.quality.QualityDemo;
import org.latent4j.report.wgan.ImageWganDemo;
import org.latent4j.report.vae.ConvVaeDemo;
import org.latent4j.report.vae.VaeDemo;
import org.latent4j.report.wgan.WganDemo;
import org.latent4j.runtime.Threads;
import org.latent4j.runtime.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latent4j demo}: the main job. Reproduces the lecture notes' experiments and writes one report,
 * OUT/report.html: VAEs with a 2-D and a 20-D latent space on Fashion-MNIST side by side, then Gaussian
 * mixtures fitted by EM. Its subcommands are the older single examples.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The main job: reproduce the lecture notes' experiments in one report, OUT/report.html.",
                "VAEs with latent dimension 2 and 20 on Fashion-MNIST (the full set when it is installed, the shipped"
                        + " 5,000-image subset otherwise), compared by their samples, their ELBO and importance-weighted"
                        + " log-likelihood, latent spaces, traversals and training curves; a convolutional VAE beside the"
                        + " 20-D one (samples, reconstructions, likelihoods, speed); sample quality measured; Wasserstein"
                        + " GANs with the three Lipschitz constraints side by side on 2-D mixtures (ring8, grid25); then"
                        + " Gaussian mixtures fitted by EM to Pearson's crabs (1-D) and to iris petals (2-D), with density"
                        + " contours.",
                "Open the report in a browser; its figures are in OUT/figures, each trained VAE in OUT/vae-latent2,"
                        + " OUT/vae-latent20 and OUT/vae-latent20-conv (run folders 'latent4j plot' can draw).",
                "About two minutes on 2 cores with the full data; --quick takes seconds on the shipped subset."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j demo                         # then open runs/demo/report.html",
                "  latent4j demo --quick --out /tmp/demo # a fast, rougher run",
                "  latent4j demo --overwrite             # again, replacing runs/demo",
                "  latent4j demo crabs                   # Pearson's crabs, printed"},
        subcommands = {VaeDemoCommand.class, DemoCrabsCommand.class})
final class DemoCommand implements Callable<Integer> {
    /** Full demo: latent sizes compared, epochs, importance samples and test rows for the log-likelihood. */
    static final VaeDemo.Settings FULL = new VaeDemo.Settings(new int[] {2, 20}, 400, 30, 100, 10_000, 1);
    /** Quick demo: the same models, few epochs, a small K, on the shipped subset. */
    static final VaeDemo.Settings QUICK = new VaeDemo.Settings(new int[] {2, 20}, 400, 6, 20, 500, 1);
    /**
     * Full demo's convolutional VAE (latent 20): fewer epochs than the MLPs (an epoch costs several MLP epochs), and
     * both latent-20 models evaluated on the first 2,000 test images (K = 100 decodes a conv model 200,000 times).
     */
    static final ConvVaeDemo.Settings FULL_CONV = new ConvVaeDemo.Settings(20, 5, 100, 2_000, 1);
    /** Quick demo's convolutional VAE. */
    static final ConvVaeDemo.Settings QUICK_CONV = new ConvVaeDemo.Settings(20, 2, 20, 300, 1);
    /** The sample-quality section: 10,000 samples per sampler against the 10,000 test images, as `evaluate --quality`. */
    static final QualityDemo.Settings FULL_QUALITY = new QualityDemo.Settings(10_000, 10, ImageQuality.Settings.DEFAULT,
            null, 1);
    static final QualityDemo.Settings QUICK_QUALITY = new QualityDemo.Settings(500, 10, new ImageQuality.Settings(10, 200),
            null, 1);
    /**
     * The three Lipschitz constraints on ring8 and grid25 (six WGANs): narrower and shorter than 'train wgan''s
     * defaults (width 512, 3000 steps) to fit the demo's budget; every other setting is WganConfig's default.
     */
    static final WganDemo.Settings FULL_WGAN = new WganDemo.Settings(2000, 200, 128, 256, 1);
    static final WganDemo.Settings QUICK_WGAN = new WganDemo.Settings(40, 20, 32, 64, 1);

    /**
     * The quality section's convolutional WGAN-GP: far fewer generator steps than docs/wgan.md's run (whose samples
     * are better), sized to take at most about 150 s of the full demo on 2 quiet cores.
     */
    static final ImageWganDemo.Settings FULL_IMAGE_WGAN = new ImageWganDemo.Settings(500, 32, 64, 64, 1);
    /** Quick demo's WGAN: a few steps of tiny networks, seconds. */
    static final ImageWganDemo.Settings QUICK_IMAGE_WGAN = new ImageWganDemo.Settings(10, 4, 8, 50, 1);

    @Option(names = "--out", defaultValue = "runs/demo", paramLabel = "DIR", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "A fast run on the shipped subset: few epochs, a small K (tests and CI use it).")
    boolean quick;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the models, the sampling and the figures (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--overwrite", description = OutputFolder.OVERWRITE)
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Console log = Console.of(spec);
        OutputFolder folder = OutputFolder.open(spec, "--out", out, OutputLayout.DEMO, overwrite,
                "--overwrite to replace its outputs");
        return folder.run(spec, () -> demo(log, folder));
    }

    private int demo(Console log, OutputFolder folder) throws IOException {
        long t0 = System.nanoTime();
        String dataSpec = quick ? "fashion-mnist-small" : "fashion-mnist";
        Splits splits = DataSpec.parse(dataSpec, Fallback.SUBSET).load(Catalogue.standard());
        VaeDemo.Settings base = quick ? QUICK : FULL;
        VaeDemo.Settings settings = new VaeDemo.Settings(base.latents(), base.hidden(), base.epochs(),
                base.importanceSamples(), base.evalRows(), seed);
        line(log, "latent4j demo%s: %,d training and %,d test images of %s, %d threads; writing %s",
                quick ? " --quick" : "", splits.train().rows(), splits.test().rows(), splits.train().name(),
                Threads.count(), out);
        RunRecord.write(spec, out);
        VaeDemo.Progress progress = progress(log);
        VaeDemo.Result vae = VaeDemo.run(splits.train(), splits.test(), dataSpec, settings, out, progress);
        ConvVaeDemo.Settings c = quick ? QUICK_CONV : FULL_CONV;
        ConvVaeDemo.Settings convSettings = new ConvVaeDemo.Settings(c.latent(), c.epochs(), c.importanceSamples(),
                c.evalRows(), seed);
        ConvVaeDemo.Result conv = ConvVaeDemo.run(splits.train(), splits.test(), dataSpec, convSettings,
                vae.model(convSettings.latent()), out, progress);
        for (VaeDemo.Model model : vae.models()) {
            folder.markInner(out.relativize(model.runDir()).toString(), OutputLayout.VAE_RUN);
        }
        folder.markInner(out.relativize(conv.conv().runDir()).toString(), OutputLayout.VAE_RUN);
        ImageWganDemo.Settings iw = quick ? QUICK_IMAGE_WGAN : FULL_IMAGE_WGAN;
        ImageWganDemo.Result imageWgan = ImageWganDemo.run(splits.train(), splits.test(), new ImageWganDemo.Settings(
                iw.steps(), iw.channels(), iw.latent(), iw.batch(), seed), progress);
        QualityDemo.Settings q = quick ? QUICK_QUALITY : FULL_QUALITY;
        // the cache root is read now, not when the class was loaded: LATENT4J_CACHE or latent4j.cache may name another
        QualityDemo.Result quality = QualityDemo.run(splits.train(), splits.test(), vae.model(convSettings.latent()).vae(),
                conv.conv().vae(), List.of(wganRow(imageWgan)), new QualityDemo.Settings(q.samples(), q.gmmK(), q.kid(), ClassifierCache.standardRoot(),
                        seed), progress);
        double vaeSeconds = (System.nanoTime() - t0) / 1e9;
        WganDemo.Settings w = quick ? QUICK_WGAN : FULL_WGAN;
        WganDemo.Result wgan = WganDemo.run(new WganDemo.Settings(w.steps(), w.logEvery(), w.width(), w.batch(), seed),
                progress);
        double wganSeconds = (System.nanoTime() - t0) / 1e9 - vaeSeconds;

        line(log, "drawing the figures");
        Path figures = out.resolve("figures");
        Report report = new Report("latent4j demo: variational autoencoders and Gaussian mixtures");
        report.paragraph(intro(vae, quick));
        VaeDemo.addTo(report, vae, figures);
        ConvVaeDemo.addTo(report, conv, figures);
        QualityDemo.addTo(report, quality, figures);
        WganDemo.addTo(report, wgan, figures);
        line(log, "fitting Gaussian mixtures by EM: Pearson's crabs and a 2-D mixture");
        MixtureDemo.addTo(report, figures, quick, seed);
        double seconds = (System.nanoTime() - t0) / 1e9;
        line(log, "writing the report");
        report.section("How this page was made");
        report.keyValues("This run", about(vae, conv, vaeSeconds, wganSeconds, seconds, settings));
        Path page = report.write(out.resolve("report.html"));
        line(log, "done in %.0f s: open %s", (System.nanoTime() - t0) / 1e9, page.toAbsolutePath());
        line(log, "%s", exploreHint(vae, conv));
        return 0;
    }

    /** The WGAN-GP's row of the quality table and the sentence that says how it was trained. */
    static QualityDemo.Generator wganRow(ImageWganDemo.Result w) {
        return new QualityDemo.Generator(w.name(), w.model()::sample, String.format(java.util.Locale.ROOT,
                "The WGAN-GP row is latent4j's DCGAN-style convolutional Wasserstein GAN with gradient penalty (λ = 10, "
                        + "5 critic steps per generator step, Adam 2e-4 decayed linearly to 0, batch %d; docs/wgan.md), trained here for only %d "
                        + "generator steps (%.0f s) to keep the demo short; docs/wgan.md reports a longer run, whose samples "
                        + "are better.", w.settings().batch(), w.steps(), w.seconds()));
    }

    /** The commands that open each trained model in the explorer's page (latent4j explore). */
    static String exploreHint(VaeDemo.Result vae, ConvVaeDemo.Result conv) {
        StringBuilder sb = new StringBuilder("explore the models in the browser (Ctrl-C stops):");
        for (VaeDemo.Model model : vae.models()) {
            sb.append("\n  latent4j explore ").append(model.runDir()).append(" --open");
        }
        sb.append("\n  latent4j explore ").append(conv.conv().runDir()).append(" --open");
        return sb.toString();
    }

    private String intro(VaeDemo.Result r, boolean quick) {
        boolean subset = r.train().source().contains("shipped subset");
        return String.format(Locale.ROOT, "This page reproduces the experiments of the lecture notes on latent-variable "
                        + "models with latent4j, on the CPU. Variational autoencoders with a 2-dimensional and a "
                        + "20-dimensional latent space are trained on %s: %,d training and %,d test images of clothes, "
                        + "28 × 28 grey levels in 10 classes, and a convolutional VAE is set beside the 20-dimensional one. "
                        + "%s Sample quality is measured, and Wasserstein GANs with the notes' three ways of keeping their critic "
                        + "1-Lipschitz are set side by side on two-dimensional mixtures. Then Gaussian mixtures are fitted by "
                        + "EM: to Pearson's "
                        + "crabs, one-dimensional data with two overlapping components, and to two-dimensional data, drawn "
                        + "with the density's contours. Every figure has a caption that says what it shows and how to "
                        + "read it; the last section says how long each step took.",
                subset ? "the subset of Fashion-MNIST shipped with latent4j" : "Fashion-MNIST", r.train().rows(),
                r.test().rows(),
                quick ? "This is the quick run (--quick): few epochs on the small subset, so the models are rough; "
                        + "run 'latent4j demo' without --quick for the full experiment."
                        : subset ? "The full Fashion-MNIST was not found (install the Debian package dataset-fashion-mnist "
                        + "for it), so the models are trained on the shipped subset." : "");
    }

    private java.util.Map<String, Object> about(VaeDemo.Result r, ConvVaeDemo.Result conv, double vaeSeconds,
                                                double wganSeconds, double seconds, VaeDemo.Settings s) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("command", "latent4j demo" + (quick ? " --quick" : "") + " --out " + out + " --seed " + seed);
        m.put("latent4j version", Version.get());
        m.put("threads", Threads.count());
        m.put("data", r.train().name() + " and " + r.test().name() + " (" + r.train().source() + ")");
        for (VaeDemo.Model model : r.models()) {
            m.put("VAE latent " + model.latent(), String.format(Locale.ROOT, "%d epochs in %.1f s, log-likelihood in %.1f s; "
                    + "run folder %s (latent4j plot draws its own report)", model.history().epochs().size(), model.trainSeconds(), model.evalSeconds(), model.runDir()));
        }
        VaeDemo.Model cm = conv.conv();
        m.put("convolutional VAE latent " + cm.latent(), String.format(Locale.ROOT, "%d epochs in %.1f s, log-likelihood in"
                + " %.1f s; run folder %s", cm.history().epochs().size(), cm.trainSeconds(), cm.evalSeconds(), cm.runDir()));
        m.put("log-likelihood estimate", String.format(Locale.ROOT, "K = %d importance samples on %,d test images (MLP"
                + " comparison); K = %d on %,d test images (convolutional comparison)", s.importanceSamples(),
                r.models().get(0).evaluation().examples(), conv.settings().importanceSamples(), cm.evaluation().examples()));
        m.put("VAE part (training, evaluation, saving)", String.format(Locale.ROOT, "%.1f s", vaeSeconds));
        m.put("WGANs (six runs of 2-D data, with their evaluations)", String.format(Locale.ROOT, "%.1f s", wganSeconds));
        m.put("figures and mixtures", String.format(Locale.ROOT, "%.1f s", seconds - vaeSeconds - wganSeconds));
        m.put("total time until this page was written", String.format(Locale.ROOT, "%.1f s", seconds));
        return m;
    }

    /** Progress: a line per step, a bar over each epoch's batches and a table row per epoch, a bar over the evaluation. */
    private static VaeDemo.Progress progress(Console log) {
        return new VaeDemo.Progress() {
            private Progress bar = Progress.hidden();

            @Override
            public void step(String what) {
                bar.close();
                log.info("%s", what);
            }

            @Override
            public TrainingListener training(String model, int epochs) {
                return new TrainingDisplay(log);
            }

            @Override
            public IntConsumer evaluation(int rows) {
                bar.close();
                bar = log.progress("log-likelihood", rows);
                Progress current = bar;
                return done -> {
                    current.advanceTo(done);
                    if (done >= rows) {
                        current.close();
                    }
                };
            }
        };
    }

    private static void line(Console log, String format, Object... args) {
        log.info(format, args);
    }
}
