package org.latent4j.report.wgan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latent4j.data.Mixtures2d;
import org.latent4j.data.Splits;
import org.latent4j.figures.Figure;
import org.latent4j.figures.vae.VaeFigure;
import org.latent4j.figures.wgan.WganFigures;
import org.latent4j.models.quality.ModeCoverage;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.Trainer;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.wgan.Lipschitz;
import org.latent4j.models.wgan.Wgan;
import org.latent4j.models.wgan.WganConfig;
import org.latent4j.models.wgan.WganObjective;
import org.latent4j.models.wgan.WganToyDefaults;
import org.latent4j.models.wgan.WganSnapshot;
import org.latent4j.report.Report;
import org.latent4j.report.vae.FigureSections;
import org.latent4j.report.vae.VaeDemo;

/**
 * The WGAN part of {@code latent4j demo}: the lecture notes' three ways of keeping the critic 1-Lipschitz
 * (weight clipping, Arjovsky et al. 2017; gradient penalty, Gulrajani et al. 2017; spectral normalization,
 * Miyato et al. 2018) side by side on the 2-D mixtures {@code ring8} and {@code grid25}: the generated points
 * over the real ones with the critic's contours after training, and the VEEGAN/PacGAN mode measures. Every
 * hyperparameter but the width, the steps and the batch is {@link WganConfig#defaults} and
 * {@link WganToyDefaults} (the rate, decayed linearly to 0 over the run), the defaults of
 * {@code latent4j train wgan} on 2-D data.
 */
public final class WganDemo {
    /** The data sets compared. */
    static final List<String> DATA = List.of("ring8", "grid25");

    private WganDemo() {}

    /**
     * What to run.
     *
     * @param steps    generator steps of each run
     * @param logEvery generator steps between two evaluations (the trainer's epoch)
     * @param width    width of the hidden layers of both networks
     * @param batch    batch of each critic and generator step
     * @param seed     seed of the data, the networks and the noise
     */
    public record Settings(int steps, int logEvery, int width, int batch, long seed) {
        public Settings {
            if (steps < 1 || logEvery < 1 || steps % logEvery != 0 || width < 1 || batch < 1) {
                throw new IllegalArgumentException("WganDemo.Settings: steps, log-every, width and batch must be >= 1 and "
                        + "the steps a multiple of log-every, got " + steps + ", " + logEvery + ", " + width + ", " + batch);
            }
        }
    }

    /**
     * One trained WGAN.
     *
     * @param data     ring8 or grid25
     * @param config   its configuration
     * @param last     its generated points and critic after training
     * @param real     held-out points to draw them over, [n, 2]
     * @param measures the held-out figures after the last step (wasserstein, modes, high_quality, reverse_kl, ...)
     * @param modes    the data's number of modes
     * @param seconds  wall-clock time of the training steps (evaluations excluded)
     */
    public record Run(String data, WganConfig config, WganSnapshot last, float[] real, Map<String, Double> measures,
                      int modes, double seconds) {}

    /** The settings and the runs, data set by data set, in the order clip, gp, sn. */
    public record Result(Settings settings, List<Run> runs) {
        public Result {
            runs = List.copyOf(runs);
        }
    }

    /** Trains the six WGANs. */
    public static Result run(Settings s, VaeDemo.Progress progress) {
        List<Run> runs = new ArrayList<>();
        for (String data : DATA) {
            for (Lipschitz l : Lipschitz.values()) {
                runs.add(train(data, l, s, progress));
            }
        }
        return new Result(s, runs);
    }

    static Run train(String data, Lipschitz l, Settings s, VaeDemo.Progress progress) {
        WganConfig config = WganConfig.defaults(2, l).withWidth(s.width());
        // one pass over the training points is one logging period, as 'train wgan' draws them
        Splits splits = Mixtures2d.load(data, Math.multiplyExact(Math.multiplyExact(s.batch(), config.criticSteps()),
                s.logEvery()), s.seed());
        DataMatrix train = VaeDemo.matrix(splits.train(), splits.train().rows());
        DataMatrix test = VaeDemo.matrix(splits.test(), splits.test().rows());
        double rate = WganToyDefaults.learningRate(l);
        int epochs = s.steps() / s.logEvery();
        TrainingConfig training = TrainingConfig.builder().epochs(epochs).batchSize(s.batch())
                .optimizer(WganObjective.optimizerName(l)).learningRate(rate).schedule(WganToyDefaults.SCHEDULE)
                .seed(s.seed()).build();
        Wgan model = Wgan.create(config, s.seed());
        ModeCoverage coverage = new ModeCoverage(Mixtures2d.means(data), Mixtures2d.std(data));
        WganObjective objective = new WganObjective(model, rate, coverage);
        String name = String.format(Locale.ROOT, "WGAN %s on %s", l.cliName(), data);
        progress.step(String.format(Locale.ROOT, "training a %s (width %d, %d generator steps)", name, s.width(), s.steps()));
        TrainingHistory h = new Trainer(training).listener(progress.training(name, epochs)).fit(objective, train, test);
        double seconds = h.epochs().stream().mapToDouble(EpochResult::seconds).sum();
        WganSnapshot last = WganSnapshot.Probe.points2d(config, train, s.seed()).take(model, epochs, s.steps());
        float[] real = java.util.Arrays.copyOf(test.x(), 2 * Math.min(test.rows(), WganSnapshot.Probe.POINTS));
        return new Run(data, config, last, real, h.last().test(), coverage.modes(), seconds);
    }

    /** Adds the section to the report, writing its PNG files to {@code figuresDir}. */
    public static void addTo(Report report, Result r, Path figuresDir) throws IOException {
        Settings s = r.settings();
        Run first = r.runs().get(0);
        WganConfig gp = WganConfig.defaults(2, Lipschitz.GP);
        WganConfig sn = WganConfig.defaults(2, Lipschitz.SN);
        report.section("Wasserstein GANs: three ways to keep the critic 1-Lipschitz");
        report.paragraph(String.format(Locale.ROOT, "The notes end on the Wasserstein GAN: a generator G(z) and a critic D "
                        + "trained on E_data[D(x)] − E_z[D(G(z))], with D kept 1-Lipschitz \"by weight clipping, gradient "
                        + "penalties, or spectral normalization of the weights\". Here are all three on two mixtures of "
                        + "Gaussians whose truth is known: ring8 (8 modes on the unit circle, σ = 0.01) and grid25 (25 "
                        + "modes on a 5 × 5 grid, σ = 0.05). Each WGAN has MLPs of %d hidden ReLU layers of width %d, "
                        + "takes %,d generator steps of batch %d with %d critic steps each, and otherwise the defaults of "
                        + "'latent4j train wgan' on 2-D data (clipping to ±%s with RMSprop at %s; the penalty with λ = %s and "
                        + "Adam at %s, β = (%s, %s); spectral normalization with Adam at %s, β = (%s, %s); every rate decayed linearly to 0 "
                        + "over the run). That is narrower networks and fewer "
                        + "steps than the command's defaults (width %d, the WGAN-GP paper's networks), so that the six runs "
                        + "fit in the demo's time (docs/wgan.md says how the full-size runs fare).",
                first.config().hidden(), s.width(), s.steps(), s.batch(), first.config().criticSteps(),
                WganRunReport.plain(gp.clipValue()), WganRunReport.plain(WganToyDefaults.learningRate(Lipschitz.CLIP)),
                WganRunReport.plain(gp.gpWeight()), WganRunReport.plain(WganToyDefaults.learningRate(Lipschitz.GP)),
                WganRunReport.plain(gp.beta1()), WganRunReport.plain(gp.beta2()),
                WganRunReport.plain(WganToyDefaults.learningRate(Lipschitz.SN)), WganRunReport.plain(sn.beta1()),
                WganRunReport.plain(sn.beta2()), gp.width()));
        for (String data : DATA) {
            List<Run> runs = r.runs().stream().filter(x -> x.data().equals(data)).toList();
            List<Figure> panels = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            for (Run run : runs) {
                String l = run.config().lipschitz().cliName();
                panels.add(WganFigures.pointsAndCritic("wgan-" + data + "-" + l, String.format(Locale.ROOT,
                        "%s, %s", data, label(run.config().lipschitz())), run.last(), run.real()));
                captions.add(String.format(Locale.ROOT, "%s: %d of %d modes, %.1f %% high quality", label(run.config().lipschitz()),
                        Math.round(run.measures().getOrDefault("modes", Double.NaN)), run.modes(),
                        run.measures().getOrDefault("high_quality", Double.NaN)));
            }
            FigureSections.add(report, new VaeFigure("The three constraints on " + data, panels, captions,
                    String.format(Locale.ROOT, "After %,d generator steps: %,d held-out points of %s (blue) and 1,000 "
                                    + "generated points (vermillion), with contour lines of each critic D(x) at levels evenly "
                                    + "spaced between its lowest and highest value on the grid (darker is higher). %s",
                            s.steps(), runs.get(0).real().length / 2, data, verdict(runs))), figuresDir);
        }
        List<List<String>> cells = new ArrayList<>();
        for (Run run : r.runs()) {
            Map<String, Double> m = run.measures();
            cells.add(List.of(run.data(), label(run.config().lipschitz()),
                    String.format(Locale.ROOT, "%d / %d", Math.round(m.getOrDefault("modes", Double.NaN)), run.modes()),
                    String.format(Locale.ROOT, "%.1f %%", m.getOrDefault("high_quality", Double.NaN)),
                    String.format(Locale.ROOT, "%.3f", m.getOrDefault("reverse_kl", Double.NaN)),
                    String.format(Locale.ROOT, "%.3f", m.getOrDefault("wasserstein", Double.NaN)),
                    String.format(Locale.ROOT, "%.1f", run.seconds())));
        }
        report.table(String.format(Locale.ROOT, "The VEEGAN/PacGAN measures on %,d fresh samples of each generator after "
                        + "%,d steps: modes captured (a mode counts when a sample lies within 3σ of it), the share of such "
                        + "high-quality samples, and the reverse KL of their histogram over the modes to the uniform one "
                        + "(0: every mode gets its share); the critic's Wasserstein estimate on the held-out points; the "
                        + "seconds of the training steps. For comparison, the VEEGAN and PacGAN papers report a standard GAN "
                        + "at 6.3 of 8 and 17.3 of 25 modes (98 %% and 95 %% high quality).", ModeCoverage.SAMPLES,
                s.steps()),
                List.of("data", "constraint", "modes", "high quality", "reverse KL", "Wasserstein estimate", "seconds"), cells);
    }

    private static String label(Lipschitz l) {
        return switch (l) {
            case CLIP -> "weight clipping";
            case GP -> "gradient penalty";
            case SN -> "spectral normalization";
        };
    }

    /** What the panels show, in numbers: the constraint with the most modes (then the highest high-quality share). */
    static String verdict(List<Run> runs) {
        Run best = runs.get(0);
        for (Run run : runs) {
            double m = run.measures().getOrDefault("modes", 0.0), b = best.measures().getOrDefault("modes", 0.0);
            if (m > b || (m == b && run.measures().getOrDefault("high_quality", 0.0)
                    > best.measures().getOrDefault("high_quality", 0.0))) {
                best = run;
            }
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Here %s does best, with %d of %d modes and %.1f %% "
                        + "of its samples near a mode", label(best.config().lipschitz()),
                Math.round(best.measures().getOrDefault("modes", Double.NaN)), best.modes(),
                best.measures().getOrDefault("high_quality", Double.NaN)));
        for (Run run : runs) {
            if (run != best) {
                sb.append(String.format(Locale.ROOT, "; %s %d and %.1f %%", label(run.config().lipschitz()),
                        Math.round(run.measures().getOrDefault("modes", Double.NaN)),
                        run.measures().getOrDefault("high_quality", Double.NaN)));
            }
        }
        return sb.append('.').toString();
    }
}
