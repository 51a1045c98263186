package org.latent4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.latent4j.blas.Blas;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.Usage;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.mixture.FitResult;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.GaussianMixtureConfig;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.models.mixture.ParameterJson;
import org.latent4j.report.mixture.RunData;
import org.latent4j.runtime.Threads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code latent4j bench gmm}: times EM from given initial parameters with tolerance 0, so the number of
 * iterations is fixed, and prints the figures in the same form as the scikit-learn reference script.
 */
@Command(name = "gmm", mixinStandardHelpOptions = true,
        description = {"Time Gaussian-mixture EM from fixed initial parameters (tolerance 0: exactly --iterations).",
                "Prints seconds, seconds_per_iter, iterations and mean_loglik like ../shared/bench/sklearn_gmm.py.",
                "Without --init, starts from k-means++ (--seed) and can write that start with --write-init."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j bench gmm --csv pca50.csv --k 10 --write-init start.json",
                "  latent4j bench gmm --csv pca50.csv --init start.json --repeats 3 --json"})
final class GmmBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "Numeric CSV without header, one row per example.")
    Path csv;

    @Option(names = "--init", paramLabel = "FILE.json", description = "Initial parameters {weights, means, covariances}.")
    Path init;

    @Option(names = "--write-init", paramLabel = "FILE.json", description = "Write the k-means++ start used (when no --init).")
    Path writeInit;

    @Option(names = "--overwrite", description = "Replace the --write-init file if it exists (without it an existing file is never replaced).")
    boolean overwrite;

    @Option(names = "--k", defaultValue = "10", description = "Components when no --init (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--covariance", defaultValue = "full", description = "Covariance type (default ${DEFAULT-VALUE}).")
    String covariance;

    @Option(names = "--iterations", defaultValue = "20", description = "EM iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--repeats", defaultValue = "1", description = "Timed fits; the fastest is reported (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the k-means++ start (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the figures as one JSON object instead of a line of text.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (iterations < 1 || repeats < 1) {
            throw new ParameterException(spec.commandLine(), "--iterations and --repeats must be >= 1");
        }
        OutputFile.check(spec, "--write-init", writeInit, overwrite);
        Console console = Console.of(spec);
        CovarianceType type = Usage.option(spec, "--covariance", () -> CovarianceType.parse(covariance));
        RunData m = GmmInputs.load("csv:" + csv + "?header=no");
        MixtureParameters start;
        if (init != null) {
            start = ParameterJson.read(init, type);
        } else {
            // One M-step from the k-means++ responsibilities: the parameters EM starts from.
            start = new GaussianMixture(GaussianMixtureConfig.builder().k(k).covarianceType(type).seed(seed).maxIter(1).build())
                    .fit(m.x(), m.cols()).parameters();
            if (writeInit != null) {
                if (writeInit.getParent() != null) {
                    Files.createDirectories(writeInit.getParent());
                }
                ParameterJson.write(writeInit, start);
            }
        }
        GaussianMixtureConfig cfg = GaussianMixtureConfig.builder().initialParameters(start).tol(0).maxIter(iterations).build();
        double best = Double.POSITIVE_INFINITY;
        FitResult result = null;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            GaussianMixture g = new GaussianMixture(cfg).fit(m.x(), m.cols());
            double s = (System.nanoTime() - t0) / 1e9;
            if (s < best) {
                best = s;
                result = g.fitResult();
            }
        }
        int n = m.rows();
        int d = m.cols();
        int kk = start.k();
        // Per iteration (full), the multiply-adds of the two lane kernels (docs/mixtures.md): the E-step's
        // triangular products, for each column quad t0 a depth of min(d, t0 + 4) steps of 4 columns, and the
        // M-step's weighted scatter, the 4x4 tiles on and below the diagonal of the padded d x d; each for
        // every row and component, 2 flops per multiply-add.
        double gflop = 0.0;
        if (type == CovarianceType.FULL) {
            long triangular = 0;
            for (int t0 = 0; t0 < d; t0 += 4) {
                triangular += 4L * Math.min(d, t0 + 4);
            }
            long tiles = (d + 3) / 4;
            long scatter = 16L * tiles * (tiles + 1) / 2;
            gflop = 2.0 * n * kk * (double) (triangular + scatter) / 1e9;
        }
        if (json) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seconds", best);
            row.put("seconds_per_iter", best / result.iterations());
            row.put("iterations", result.iterations());
            row.put("converged", result.converged());
            row.put("mean_loglik", result.meanLogLikelihood());
            row.put("n", n);
            row.put("d", d);
            row.put("k", kk);
            row.put("threads", Threads.count());
            row.put("blas", Blas.label());
            row.put("kernel_gflop_per_iter", gflop);
            console.json(row);
            return 0;
        }
        console.info("seconds %.3f seconds_per_iter %.4f iterations %d converged %b mean_loglik %.10f n %d d %d k %d"
                        + " threads %d blas %s kernel_gflop_per_iter %.2f",
                best, best / result.iterations(), result.iterations(), result.converged(), result.meanLogLikelihood(),
                n, d, kk, Threads.count(), Blas.label(), gflop);
        return 0;
    }
}
