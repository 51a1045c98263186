package org.latent4j.cli.vae;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.vae.VaeEvaluation;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.Usage;
import org.latent4j.cli.console.FiniteResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latent4j evaluate DIR}: the ELBO, the importance-weighted log-likelihood, their gap, active units. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a trained VAE on data: ELBO (= reconstruction - KL), importance-weighted log-likelihood,"
                + " their gap, active units and the KL of each latent dimension (per example, in nats)."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j evaluate runs/vae",
                "  latent4j evaluate runs/vae --data fashion-mnist -k 1000 --json",
                "  latent4j evaluate runs/vae --data fashion-mnist --split train --limit 500"})
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
        Usage.count(spec, "--importance-samples", sampling.samples);
        if (org.latent4j.cli.wgan.WganModels.isWgan(ModelDir.resolve(input.dir))) {
            return org.latent4j.cli.wgan.WganModels.evaluate(Console.of(spec), ModelDir.resolve(input.dir), input.data,
                    sampling.seed, json);
        }
        VaeFiles.Loaded m = input.model();
        DataMatrix x = sampling.examples(spec, input.dataset());
        Console console = Console.of(spec);
        VaeEvaluation e = sampling.run(console, x, (k, rng, done) -> m.vae().evaluate(x, k, rng, done));
        FiniteResults.check(e.toJson());
        if (json) {
            console.json(e.toJson());
        } else {
            console.info("data            %s, %d examples", x.name(), e.examples());
            console.info("elbo            %.3f  (reconstruction %.3f, kl %.3f)", e.elbo(), e.reconstruction(), e.kl());
            console.info("log_likelihood  %.3f  (importance-weighted, K=%d)", e.logLikelihood(), e.importanceSamples());
            console.info("gap             %.3f  (estimate of KL(q(z|x) || p(z|x)))", e.gap());
            console.info("active_units    %d of %d", e.activeUnits(), e.klPerDim().length);
            StringBuilder kl = new StringBuilder();
            for (double v : e.klPerDim()) {
                kl.append(kl.isEmpty() ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.3f", v));
            }
            console.info("kl_per_dim      " + kl);
        }
        return 0;
    }
}
