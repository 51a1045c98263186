package org.latent4j.report.mixture;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latent4j.figures.mixture.MixtureFigures;
import org.latent4j.figures.mixture.MixtureFigures.Captioned;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.models.pca.Pca;
import org.latent4j.report.Report;

/**
 * Figures and the HTML report of a {@code latent4j train gmm} output folder: the mean log-likelihood per EM
 * iteration always; the histogram with the fitted components for 1-D data, density contours over the
 * points for 2-D data, the points on their first two principal components for more; BIC by k when k was
 * chosen from a range. The data are reloaded with the run's data spec and projected with its saved PCA.
 */
public final class MixtureRunReport {
    static final String FIGURES = "figures";
    static final String REPORT = "report.html";
    /** Components listed with their parameters; more would make a table nobody reads. */
    private static final int MAX_TABLE_COMPONENTS = 20;
    private static final int MAX_TABLE_DIMS = 4;
    /** Labels are compared with the components when there are 2 to this many classes. */
    private static final int MAX_CLASSES = 20;

    private MixtureRunReport() {}

    /** Regenerates DIR/figures/*.png and DIR/report.html of a `train gmm` run folder (model/, metrics.jsonl, summary.json). */
    public static void plot(Path runDir) throws IOException {
        MixtureRun run = MixtureRun.read(runDir);
        draw(runDir, run, RunData.load(run.dataSpec()));
    }

    /**
     * {@link #plot(Path)} with the run's training data already in hand (as {@code train gmm} has them), so
     * they are not read a second time.
     */
    public static void plot(Path runDir, RunData data) throws IOException {
        draw(runDir, MixtureRun.read(runDir), data);
    }

    private static void draw(Path runDir, MixtureRun run, RunData data) throws IOException {
        int inputs = run.model().inputColumns();
        if (data.cols() != inputs) {
            throw new IllegalArgumentException(data.source() + " now has " + data.cols() + " columns but the model in "
                    + runDir.resolve(MixtureRun.MODEL) + " was trained on " + inputs + "; was the data file changed?");
        }
        double[] x = run.model().prepare(data.x());
        MixtureParameters p = run.model().mixture().parameters();
        String[] axes = axisNames(run.model().pca(), data.columnNames(), p.d());
        List<Captioned> figures = annotate(figures(run, x, p, axes, data), run);
        Path dir = runDir.resolve(FIGURES);
        Files.createDirectories(dir);
        for (Captioned c : figures) {
            c.figure().write(dir);
        }
        page(run, data, p, axes, figures).write(runDir.resolve(REPORT));
    }

    private static List<Captioned> figures(MixtureRun run, double[] x, MixtureParameters p, String[] axes, RunData data) {
        List<Captioned> out = new ArrayList<>();
        switch (p.d()) {
            case 1 -> out.add(MixtureFigures.histogram1d("histogram", x, p, axes[0]));
            case 2 -> out.add(MixtureFigures.contours2d("contours", x, p, axes[0], axes[1]));
            default -> out.add(MixtureFigures.principalComponents("principal-components", x, p));
        }
        if (hasClasses(data) && p.d() >= 2) {
            String title = "The data's labels";
            String why = " Compare with the components: EM never saw these labels.";
            Captioned c = p.d() == 2
                    ? MixtureFigures.contours2d("contours-labels", "The same density over the data's labels", x, p, axes[0],
                            axes[1], data.labels(), data.classNames())
                    : MixtureFigures.principalComponents("principal-components-labels", title, x, p, data.labels(),
                            data.classNames());
            out.add(new Captioned(c.figure(), c.caption() + why));
        }
        out.add(MixtureFigures.logLikelihoodTrace("loglik", run.trace()));
        JsonNode byK = run.summary().get("bic_by_k");
        if (byK != null && byK.isArray() && byK.size() > 1) {
            int[] ks = new int[byK.size()];
            double[] bics = new double[byK.size()];
            for (int i = 0; i < ks.length; i++) {
                ks[i] = byK.get(i).path("k").asInt();
                bics[i] = byK.get(i).path("bic").asDouble();
            }
            out.add(MixtureFigures.bicByK("bic", ks, bics));
        }
        return out;
    }

    private static boolean hasClasses(RunData data) {
        int c = data.classCount();
        return c >= 2 && c <= MAX_CLASSES;
    }

    /** Adds what only the run knows: the PCA the data went through, whether EM converged. */
    private static List<Captioned> annotate(List<Captioned> figures, MixtureRun run) {
        Pca pca = run.model().pca();
        List<Captioned> out = new ArrayList<>();
        for (Captioned c : figures) {
            String extra = "";
            if (pca != null && !c.figure().name().equals("loglik") && !c.figure().name().equals("bic")) {
                double kept = 0;
                for (double r : pca.explainedVarianceRatio()) {
                    kept += r;
                }
                extra = String.format(Locale.ROOT, " The mixture was fitted to the data's %d leading principal components "
                        + "(of their %d columns), which keep %.1f%% of the variance; the axes here are in that space.",
                        pca.components(), pca.inputDimension(), 100 * kept);
            } else if (c.figure().name().equals("loglik")) {
                JsonNode conv = run.summary().get("converged");
                JsonNode tol = run.modelConfig().get("tol");
                if (conv != null && conv.isBoolean()) {
                    extra = conv.asBoolean()
                            ? " This run converged: the last gain was below the tolerance" + (tol == null ? "" : " " + tol.asText()) + "."
                            : " This run stopped at its iteration limit before converging: more iterations (--max-iter) "
                                    + "would raise the curve further.";
                }
            }
            out.add(new Captioned(c.figure(), c.caption() + extra));
        }
        return out;
    }

    /** Axis names of the mixture's space: PCA components, the data's column names, or x1, x2, .... */
    private static String[] axisNames(Pca pca, List<String> columns, int d) {
        String[] names = new String[d];
        for (int c = 0; c < d; c++) {
            names[c] = pca != null ? "principal component " + (c + 1)
                    : columns != null ? columns.get(c) : d == 1 ? "x" : "x" + (c + 1);
        }
        return names;
    }

    private static Report page(MixtureRun run, RunData data, MixtureParameters p, String[] axes, List<Captioned> figures) {
        Report r = new Report(String.format(Locale.ROOT, "Gaussian mixture: k = %d, %s covariances", p.k(), p.type().label()));
        Pca pca = run.model().pca();
        r.paragraph(String.format(Locale.ROOT,
                "A mixture of %d Gaussians with %s covariance matrices, fitted by EM to the %d rows × %d columns of %s%s.%s "
                        + "Regenerate this page and its figures with: latent4j plot %s",
                p.k(), p.type().label(), data.rows(), data.cols(), safeSpec(run),
                pca == null ? "" : ", projected on their " + pca.components() + " leading principal components",
                safeSpec(run).contains(data.source()) ? "" : " Data read from " + data.source() + ".", run.dir())
                + (run.options() == null ? "" : "; repeat the run with: latent4j train gmm --config "
                        + run.dir().resolve(MixtureRun.RUN)));
        r.section("Configuration");
        if (run.options() != null) {
            JsonNode opts = run.options().get("options");
            String command = run.options().path("command").asText("");
            r.keyValues("The command's options (run.json" + (command.isEmpty() ? "" : ", latent4j " + command) + ")",
                    flatten(opts != null && opts.isObject() ? opts : run.options()));
        }
        r.keyValues("The model (model/config.json)", flatten(run.modelConfig()));
        r.section("Metrics");
        Map<String, String> metrics = flatten(run.summary());
        metrics.remove("bic_by_k");
        r.keyValues("The fit (summary.json)", metrics);
        if (p.k() <= MAX_TABLE_COMPONENTS) {
            r.table("The fitted components: weight α_j and mean μ_j"
                    + (p.d() > MAX_TABLE_DIMS ? " (first " + MAX_TABLE_DIMS + " of " + p.d() + " dimensions)" : ""),
                    componentHeader(p, axes), componentRows(p));
        }
        if (hasClasses(data)) {
            LabelTable.add(r, run.model().mixture().predict(run.model().prepare(data.x())), p.k(), data);
        }
        r.section("Figures");
        for (Captioned c : figures) {
            r.figure(c.figure(), c.caption());
        }
        return r;
    }

    private static List<String> componentHeader(MixtureParameters p, String[] axes) {
        List<String> h = new ArrayList<>(List.of("component", "weight"));
        for (int c = 0; c < Math.min(p.d(), MAX_TABLE_DIMS); c++) {
            h.add(p.d() == 1 ? "mean" : "mean " + axes[c].replace("principal component ", "PC"));
        }
        if (p.d() == 1) {
            h.add("standard deviation");
        }
        return h;
    }

    private static List<List<String>> componentRows(MixtureParameters p) {
        double[] w = p.weights(), mu = p.means();
        List<List<String>> rows = new ArrayList<>();
        for (int j = 0; j < p.k(); j++) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(j + 1), String.format(Locale.ROOT, "%.4f", w[j])));
            for (int c = 0; c < Math.min(p.d(), MAX_TABLE_DIMS); c++) {
                row.add(String.format(Locale.ROOT, "%.6g", mu[j * p.d() + c]));
            }
            if (p.d() == 1) {
                row.add(String.format(Locale.ROOT, "%.6g", Math.sqrt(p.covarianceMatrix(j)[0])));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Large values to one decimal (BIC 1625188.3), moderate ones to 6 significant digits, tiny ones in e-notation. */
    static String number(double v) {
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e15) {
            return Long.toString((long) v);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1e-4) {
            return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", v)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** The fields of a JSON object as text: numbers to 6 significant digits, nested values as JSON. */
    static Map<String, String> flatten(JsonNode obj) {
        Map<String, String> m = new LinkedHashMap<>();
        obj.fields().forEachRemaining(e -> m.put(e.getKey(), text(e.getValue())));
        return m;
    }

    private static String safeSpec(MixtureRun run) {
        try {
            return run.dataSpec();
        } catch (IOException e) {
            return "the training data";
        }
    }

    private static String text(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        if (v.isNumber()) {
            return number(v.asDouble());
        }
        if (v.isValueNode()) {
            return v.asText();
        }
        return v.toString();
    }
}
