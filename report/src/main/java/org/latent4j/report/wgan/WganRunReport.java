package org.latent4j.report.wgan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.latent4j.data.DataSpec;
import org.latent4j.data.Mixtures2d;
import org.latent4j.figures.vae.VaeFigure;
import org.latent4j.figures.wgan.WganCurves;
import org.latent4j.figures.wgan.WganFigures;
import org.latent4j.io.Json;
import org.latent4j.models.wgan.WganConfig;
import org.latent4j.report.Report;
import org.latent4j.report.vae.FigureSections;
import org.latent4j.report.vae.VaeRunReport;

/**
 * The figures and the report of a {@code latent4j train wgan} run folder: {@code DIR/figures/*.png} and
 * {@code DIR/report.html}, one self-contained page with the run's configuration, its final figures, the
 * generated points and the critic over training (2-D data) or sample grids over training (images), drawn from
 * the run's snapshots, and the curves of metrics.jsonl. {@code train wgan} and {@code latent4j plot DIR} call
 * {@link #plot(Path)}; nothing is trained or sampled again, so drawing takes a second.
 */
public final class WganRunReport {
    /** Samples per row of an image run's grid. */
    static final int PER_ROW = 8;

    private WganRunReport() {}

    /** Reads the run folder and writes the figures and the report; returns the report's path. */
    public static Path plot(Path runDir) throws IOException {
        WganRunFolder run = WganRunFolder.read(runDir);
        List<VaeFigure> figures = figures(run);
        Report report = new Report("WGAN run " + run.dir().toAbsolutePath().normalize().getFileName());
        report.paragraph(intro(run));
        report.section("Configuration");
        report.keyValues("Model (model/config.json)", VaeRunReport.flatten(run.config().toJson()));
        JsonNode training = run.metadata().get("training");
        if (training instanceof ObjectNode t) {
            report.keyValues("Training", VaeRunReport.flatten(t));
        }
        if (run.options() != null) {
            report.paragraph("The command's options as recorded in run.json ('latent4j train wgan --config "
                    + run.dir().resolve(WganRunFolder.RUN) + "' repeats the run):");
            report.code(Json.writePretty(run.options()));
        }
        report.section("Metrics");
        report.keyValues("Final figures (summary.json: the last logging period's; test_* on held-out data and fresh samples)",
                VaeRunReport.flatten(run.summary()));
        report.section("Figures");
        if (run.snapshots().isEmpty()) {
            report.note("This run folder holds no snapshots (snapshots/), so only the curves are drawn.");
        }
        FigureSections.addAll(report, figures, run.dir().resolve(VaeRunReport.FIGURES));
        return report.write(run.dir().resolve(VaeRunReport.REPORT));
    }

    /** The run's figures: the snapshots' figure when there is one, then the curves. */
    static List<VaeFigure> figures(WganRunFolder run) {
        List<VaeFigure> out = new ArrayList<>();
        int modes = modes(run.metadata());
        if (!run.snapshots().isEmpty()) {
            int[] shape = run.imageShape();
            if (run.snapshots().get(0).critic() != null && run.real() != null) {
                out.add(WganFigures.pointsOverTraining(run.snapshots(), run.real(), run.history(), modes, ""));
            } else if (shape != null) {
                out.add(WganFigures.samplesOverTraining(run.snapshots(), shape[0], shape[1], PER_ROW, ""));
            }
        }
        out.addAll(WganCurves.all(run.history(), run.stepsPerLine(), modes, "training-"));
        return out;
    }

    /** The number of modes of the run's data when it is a known 2-D mixture (ring8, grid25), else 0. */
    static int modes(ObjectNode metadata) {
        String spec = metadata.path("data_spec").asText("");
        try {
            if (DataSpec.parse(spec, org.latent4j.data.Fallback.NONE) instanceof DataSpec.Toy2d t
                    && Mixtures2d.means(t.name()) != null) {
                return Mixtures2d.means(t.name()).length;
            }
        } catch (IllegalArgumentException e) {
            // not a spec this latent4j reads: no mode count, the curves are drawn without it
        }
        return 0;
    }

    private static String intro(WganRunFolder run) {
        WganConfig c = run.config();
        ObjectNode meta = run.metadata();
        long steps = run.summary().path("generator_steps").asLong((long) run.history().size() * run.stepsPerLine());
        return String.format(Locale.ROOT, "A Wasserstein GAN trained for %,d generator steps on %s (%s): a generator "
                        + "from z ~ N(0, I) in %d dimensions and a critic, both MLPs of %d hidden ReLU layers of width %d, "
                        + "%d critic steps per generator step, the critic kept 1-Lipschitz by %s. metrics.jsonl has a line "
                        + "every %,d generator steps, and the figures below are drawn from it and from %d snapshot%s of the "
                        + "generator (and the critic) taken during training. Run 'latent4j plot %s' to draw them again.",
                steps, meta.path("dataset").asText("?"), meta.path("data_source").asText("?"), c.latentDim(), c.hidden(),
                c.width(), c.criticSteps(), constraint(c), run.stepsPerLine(), run.snapshots().size(),
                run.snapshots().size() == 1 ? "" : "s", run.dir());
    }

    /** The constraint in words, with its parameter. */
    static String constraint(WganConfig c) {
        return switch (c.lipschitz()) {
            case CLIP -> String.format(Locale.ROOT, "clipping every weight to [−%s, %s] (Arjovsky et al. 2017)",
                    plain(c.clipValue()), plain(c.clipValue()));
            case GP -> String.format(Locale.ROOT, "a gradient penalty with λ = %s (Gulrajani et al. 2017)",
                    plain(c.gpWeight()));
            case SN -> "spectral normalization of every weight (Miyato et al. 2018)";
        };
    }

    /** A parameter as written (0.01, 10), without trailing zeros or scientific notation. */
    static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
