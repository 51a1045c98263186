package org.latent4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.latent4j.cli.config.RunRecord;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.FiniteResults;
import org.latent4j.cli.console.Usage;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.mixture.BicSelection;
import org.latent4j.models.mixture.FitResult;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.GaussianMixtureConfig;
import org.latent4j.models.mixture.InitMethod;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.models.mixture.ParameterJson;
import org.latent4j.models.pca.Pca;
import org.latent4j.report.mixture.MixtureRunFiles;
import org.latent4j.report.mixture.RunData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code latent4j train gmm}: fits a Gaussian mixture by EM and writes OUT/model (config.json,
 * model.safetensors, metadata.json), OUT/metrics.jsonl (one line per EM iteration) and OUT/summary.json.
 */
@Command(name = "gmm", mixinStandardHelpOptions = true,
        description = {"Fit a Gaussian mixture by Expectation-Maximization.",
                "Writes OUT/model, OUT/metrics.jsonl ({iteration, mean_loglik} per EM iteration) and OUT/summary.json"
                        + " (seconds, iterations, converged, mean_loglik, bic, aic), and OUT/run.json (every option of the"
                        + " run, so that 'train gmm --config OUT/run.json' repeats it)."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j train gmm --data fashion-mnist --pca 50 --k 10 --out runs/gmm",
                "  latent4j train gmm --data csv:x.csv --k 2..12 --n-init 3 --out runs/bic",
                "  latent4j train gmm --data csv:x.csv --k 3 --covariance diag --out x --json",
                "  latent4j train gmm --config runs/gmm/run.json --seed 2 --out runs/gmm-seed2"})
final class TrainGmmCommand implements Callable<Integer> {
    private static final Pattern RANGE = Pattern.compile("(\\d+)\\s*\\.\\.\\s*(\\d+)");

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "SPEC",
            description = "Training data: csv:FILE[?header=no&columns=...], fashion-mnist, mnist or idx:IMAGES[,LABELS].")
    String data;

    @Option(names = "--k", defaultValue = "1", paramLabel = "K|A..B",
            description = "Number of components, or a range A..B to choose k by BIC (default ${DEFAULT-VALUE}).")
    String k;

    @Option(names = "--covariance", defaultValue = "full", paramLabel = "TYPE",
            description = "full, tied, diag or spherical (default ${DEFAULT-VALUE}).")
    String covariance;

    @Option(names = "--max-iter", defaultValue = "100", paramLabel = "N", description = "EM iterations at most (default ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = "--tol", defaultValue = "1e-3",
            description = "Stop when the mean log-likelihood per row changes by less than this (default ${DEFAULT-VALUE}).")
    double tol;

    @Option(names = "--n-init", defaultValue = "1", paramLabel = "N", description = "Initializations; the best is kept (default ${DEFAULT-VALUE}).")
    int nInit;

    @Option(names = "--init", defaultValue = "k-means++", paramLabel = "METHOD|FILE.json",
            description = "k-means++, kmeans, random, random-from-data, or a JSON file"
                    + " {\"weights\":[k],\"means\":[k][d],\"covariances\":[k][d][d]} to start from (default ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--reg-covar", defaultValue = "1e-6", paramLabel = "EPS",
            description = "Added to every covariance diagonal (default ${DEFAULT-VALUE}).")
    double regCovar;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the initialization (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--pca", defaultValue = "0", paramLabel = "M",
            description = "Project the data on their M leading principal components first (0: no projection).")
    int pca;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--overwrite", description = OutputFolder.OVERWRITE)
    boolean overwrite;

    @Option(names = "--json", description = "Print the final summary (summary.json's content and the output folder) as one JSON object.")
    boolean json;

    @Option(names = "--no-plots", description = "Do not write OUT/figures and OUT/report.html (draw them later with 'latent4j plot OUT').")
    boolean noPlots;

    @Override
    public Integer call() throws IOException {
        Console log = Console.of(spec);
        Usage.atLeast(spec, "--max-iter", maxIter, 1);
        Usage.atLeast(spec, "--n-init", nInit, 1);
        Usage.atLeast(spec, "--pca", pca, 0);
        Usage.number(spec, "--tol", tol, 0, false);
        Usage.number(spec, "--reg-covar", regCovar, 0, false);
        CovarianceType type = parse(() -> CovarianceType.parse(covariance), "--covariance");
        int[] ks = parseK();
        OutputFolder folder = OutputFolder.open(spec, "--out", out, OutputLayout.GMM_RUN, overwrite,
                "--overwrite to replace its outputs");
        return folder.run(spec, () -> fit(log, type, ks));
    }

    private int fit(Console log, CovarianceType type, int[] ks) throws IOException {
        RunData m = GmmInputs.load(spec, data);
        if (ks[ks.length - 1] > m.rows()) {
            throw new ParameterException(spec.commandLine(), "--k " + k + ": more components than the " + m.rows()
                    + " rows of " + m.source());
        }

        double[] x = m.x();
        int d = m.cols();
        Pca projection = null;
        if (pca > 0) {
            if (pca > d) {
                throw new ParameterException(spec.commandLine(), "--pca " + pca + ": the data have only " + d + " columns");
            }
            projection = Pca.fit(x, d, pca);
            x = projection.transform(x);
            d = pca;
            double kept = 0;
            for (double r : projection.explainedVarianceRatio()) {
                kept += r;
            }
            log.info("pca: %d of %d dimensions keep %.4f of the variance", pca, m.cols(), kept);
        }
        MixtureParameters start = initialParameters(type);
        GaussianMixtureConfig.Builder cfg = GaussianMixtureConfig.builder().k(ks[0]).covarianceType(type)
                .maxIter(maxIter).tol(tol).nInit(nInit).regCovar(regCovar).seed(seed).init(initMethod);
        if (start != null) {
            if (ks.length > 1) {
                throw new ParameterException(spec.commandLine(), "--init FILE gives k; it cannot be combined with a --k range");
            }
            cfg.initialParameters(start);
        }
        GaussianMixtureConfig config = parse(cfg::build, "options");
        RunRecord.write(spec, out);
        long t0 = System.nanoTime();
        GaussianMixture g;
        BicSelection selection = null;
        try (EmProgress progress = new EmProgress(log)) {
            if (ks.length > 1) {
                selection = GaussianMixture.selectByBic(config, x, d, ks[0], ks[1], progress);
                g = selection.best();
            } else {
                g = new GaussianMixture(config).listener(progress).fit(x, d);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        FiniteResults.check("the mean log-likelihood of the fitted mixture", g.fitResult().meanLogLikelihood());
        write(g, projection, selection, x, m, seconds, log);
        if (!noPlots) {
            org.latent4j.report.mixture.MixtureRunReport.plot(out, m);
            log.info("wrote %s", out.resolve("report.html"));
        }
        return 0;
    }

    private void write(GaussianMixture g, Pca projection, BicSelection selection, double[] x, RunData m,
                       double seconds, Console log) throws IOException {
        ObjectNode summary = MixtureRunFiles.write(out, g, projection, selection, x, m.rows(), data, seed, seconds);
        FitResult r = g.fitResult();
        double bic = summary.get("bic").doubleValue();
        double aic = summary.get("aic").doubleValue();
        if (selection != null) {
            StringBuilder sb = new StringBuilder("bic:");
            for (int t = 0; t < selection.ks().length; t++) {
                sb.append(String.format(java.util.Locale.ROOT, " k=%d %.1f", selection.ks()[t], selection.bics()[t]));
            }
            log.info("%s -> k=%d", sb, selection.bestK());
        }
        log.info("gmm k=%d %s on %d×%d: %d iterations (%s), mean log-likelihood %.6f, BIC %.3f, AIC %.3f, %.3f s%s",
                g.parameters().k(), g.parameters().type().label(), m.rows(), g.parameters().d(), r.iterations(),
                r.converged() ? "converged" : "not converged", r.meanLogLikelihood(), bic, aic, seconds,
                r.collapsedComponents() > 0 ? ", " + r.collapsedComponents() + " collapsed component(s) with weight 0" : "");
        log.info("wrote %s", out);
        if (json) {
            log.json(summary.deepCopy().put("out", out.toString()));
        }
    }

    private int[] parseK() {
        String v = k.trim();
        Matcher mm = RANGE.matcher(v);
        if (mm.matches()) {
            int a = Integer.parseInt(mm.group(1));
            int b = Integer.parseInt(mm.group(2));
            if (a < 1 || b < a) {
                throw new ParameterException(spec.commandLine(), "--k " + k + ": expected a range A..B with 1 <= A <= B");
            }
            return a == b ? new int[] {a} : new int[] {a, b};
        }
        try {
            int one = Integer.parseInt(v);
            if (one >= 1) {
                return new int[] {one};
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--k " + k + ": expected a number of components >= 1 or a range like 2..12");
    }

    private MixtureParameters initialParameters(CovarianceType type) throws IOException {
        String v = init.trim();
        boolean file = v.toLowerCase(java.util.Locale.ROOT).endsWith(".json") || Files.isRegularFile(Path.of(v));
        if (!file) {
            InitMethod method = parse(() -> InitMethod.parse(v), "--init");
            initMethod = method;
            return null;
        }
        return ParameterJson.read(Path.of(v), type);
    }

    private InitMethod initMethod = InitMethod.KMEANS_PLUS_PLUS;

    private <T> T parse(java.util.function.Supplier<T> f, String what) {
        return Usage.option(spec, what, f);
    }
}
