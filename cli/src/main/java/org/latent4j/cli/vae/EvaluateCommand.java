package org.latent4j.cli.vae;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.vae.VaeEvaluation;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.random.RandomSource;
import org.latent4j.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latent4j evaluate DIR}: the ELBO, the importance-weighted log-likelihood, their gap, active units. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a trained VAE on data: ELBO (= reconstruction - KL), importance-weighted log-likelihood,",
                "their gap, active units and the KL of each latent dimension (per example, in nats)."})
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ModelInput input;
    @Mixin
    SamplingOptions sampling;
    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        VaeFiles.Loaded m = input.model();
        DataMatrix x = CliData.matrix(input.dataset(), sampling.limit);
        VaeEvaluation e = m.vae().evaluate(x, sampling.samples, new RandomSource(sampling.seed));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(e.toJson()));
        } else {
            out.printf("data            %s, %d examples%n", x.name(), e.examples());
            out.printf("elbo            %.3f  (reconstruction %.3f, kl %.3f)%n", e.elbo(), e.reconstruction(), e.kl());
            out.printf("log_likelihood  %.3f  (importance-weighted, K=%d)%n", e.logLikelihood(), e.importanceSamples());
            out.printf("gap             %.3f  (estimate of KL(q(z|x) || p(z|x)))%n", e.gap());
            out.printf("active_units    %d of %d%n", e.activeUnits(), e.klPerDim().length);
            StringBuilder kl = new StringBuilder();
            for (double v : e.klPerDim()) {
                kl.append(kl.isEmpty() ? "" : " ").append(String.format("%.3f", v));
            }
            out.println("kl_per_dim      " + kl);
        }
        out.flush();
        return 0;
    }
}
