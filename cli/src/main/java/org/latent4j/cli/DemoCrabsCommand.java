package org.latent4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.gaussian.Normal;
import org.latent4j.models.mixture.BinnedGaussianMixture;
import org.latent4j.models.mixture.FitResult;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.GaussianMixtureConfig;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.random.RandomSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code latent4j demo crabs}: Pearson's crabs. Draws crabs from the two-Gaussian mixture of the notes,
 * fits it back by EM from the raw ratios and from a 29-bin histogram of them (bin masses, not midpoint
 * densities), and prints the three sets of parameters, the histogram with the fitted counts, and the EM trace.
 */
@Command(name = "crabs", mixinStandardHelpOptions = true,
        description = {"Pearson's crabs: a mixture of two Gaussians fitted by EM from samples and from a histogram.",
                "Prints the true and fitted parameters, the histogram with the counts the fit expects, and the EM"
                        + " traces ('latent4j demo' draws them)."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j demo crabs", "  latent4j demo crabs --n 300 --seed 7   # fewer crabs, another draw"})
final class DemoCrabsCommand implements Callable<Integer> {
    private static final double[] WEIGHTS = {0.44, 0.56};
    private static final double[] MEANS = {0.634, 0.657};
    private static final double[] VARIANCES = {3.4e-4, 1.6e-4};

    @Spec
    CommandSpec spec;

    @Option(names = "--n", defaultValue = "1000", description = "Crabs to draw (Pearson measured ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "1894", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (n < 10) {
            throw new ParameterException(spec.commandLine(), "--n: expected at least 10 crabs, got " + n);
        }
        PrintWriter out = spec.commandLine().getOut();
        MixtureParameters truth = new MixtureParameters(CovarianceType.DIAG, 2, 1, WEIGHTS, MEANS, VARIANCES);
        double[] x = GaussianMixture.of(truth).sample(n, new RandomSource(seed)).x();

        GaussianMixture raw = new GaussianMixture(GaussianMixtureConfig.builder().k(2).covarianceType(CovarianceType.DIAG)
                .regCovar(0).tol(1e-10).maxIter(20_000).nInit(3).seed(seed).build()).fit(x, 1);
        double[] edges = new double[30];
        for (int b = 0; b < edges.length; b++) {
            edges[b] = 0.5835 + 0.004 * b;
        }
        edges[0] = Double.NEGATIVE_INFINITY;
        edges[29] = Double.POSITIVE_INFINITY;
        double[] counts = new double[29];
        for (double v : x) {
            int b = 0;
            while (b < 28 && v > edges[b + 1]) {
                b++;
            }
            counts[b]++;
        }
        BinnedGaussianMixture.Result binned = BinnedGaussianMixture.fit(edges, counts,
                new BinnedGaussianMixture.Config(2, 1e-12, 20_000, seed, 0.0, null));

        out.printf("Pearson's crabs: %d forehead/body-length ratios drawn from the mixture of the notes (seed %d)%n%n", n, seed);
        out.println("                     weight 1  weight 2   mean 1    mean 2    var 1      var 2");
        row(out, "truth", WEIGHTS, MEANS, VARIANCES);
        MixtureParameters p = raw.parameters();
        row(out, "EM on the ratios", p.weights(), p.means(), p.covariances());
        row(out, "EM on the histogram", binned.weights(), binned.means(), binned.variances());
        out.println();
        out.println("histogram (29 bins of 0.004, open ends) and the counts the binned fit expects:");
        double max = 0;
        for (double c : counts) {
            max = Math.max(max, c);
        }
        for (int b = 0; b < 29; b++) {
            double mass = 0;
            for (int j = 0; j < 2; j++) {
                double sd = Math.sqrt(binned.variances()[j]);
                mass += binned.weights()[j] * Normal.intervalProbability((edges[b] - binned.means()[j]) / sd,
                        (edges[b + 1] - binned.means()[j]) / sd);
            }
            String lo = b == 0 ? "   -inf" : String.format("%.4f", edges[b]);
            String hi = b == 28 ? "+inf  " : String.format("%.4f", edges[b + 1]);
            out.printf("  %s..%s %5.0f %7.1f  %s%n", lo, hi, counts[b], mass * n, "#".repeat((int) Math.round(40 * counts[b] / max)));
        }
        out.println();
        FitResult r = raw.fitResult();
        out.printf("EM on the ratios: %d iterations, mean log-likelihood %.6f -> %.6f, never decreased: %s%n",
                r.iterations(), r.trace()[0], r.meanLogLikelihood(), monotone(r.trace()) ? "yes" : "NO");
        out.printf("EM on the histogram: %d iterations, mean log-likelihood per crab %.6f -> %.6f, never decreased: %s%n",
                binned.iterations(), binned.trace()[0], binned.meanLogLikelihood(), monotone(binned.trace()) ? "yes" : "NO");
        out.flush();
        return 0;
    }

    private static boolean monotone(double[] t) {
        for (int i = 1; i < t.length; i++) {
            if (t[i] < t[i - 1] - 1e-12 * Math.abs(t[i - 1])) {
                return false;
            }
        }
        return true;
    }

    private static void row(PrintWriter out, String name, double[] w, double[] mu, double[] var) {
        int a = mu[0] <= mu[1] ? 0 : 1;
        int b = 1 - a;
        out.printf("  %-19s %8.3f  %8.3f  %8.4f  %8.4f  %.3e  %.3e%n", name, w[a], w[b], mu[a], mu[b], var[a], var[b]);
    }
}
