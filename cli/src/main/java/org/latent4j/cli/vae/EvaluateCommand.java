package org.latent4j.cli.vae;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.latent4j.cli.wgan.WganModels;
import org.latent4j.data.Splits;
import org.latent4j.models.wgan.Wgan;
import org.latent4j.models.wgan.WganFiles;
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

/**
 * {@code latent4j evaluate DIR}: the ELBO, the importance-weighted log-likelihood, their gap, active units; with
 * {@code --quality}, the sample-quality measures of the prior and mixture samplers instead (docs/quality.md).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a trained VAE on data: ELBO (= reconstruction - KL), importance-weighted log-likelihood,"
                + " their gap, active units and the KL of each latent dimension (per example, in nats).",
                "With --quality: the sample-quality measures of its samples against the real test images, on the features of"
                        + " a classifier latent4j trains once per data set (Fréchet distance, KID, 1-NN accuracy, class histogram)."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j evaluate runs/vae",
                "  latent4j evaluate runs/vae --data fashion-mnist -k 1000 --json",
                "  latent4j evaluate runs/vae --data fashion-mnist --split train --limit 500",
                "  latent4j evaluate runs/vae --quality --json"})
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ModelInput input;
    @Mixin
    SamplingOptions sampling;
    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;
    @Option(names = "--quality", description = "Measure the quality of samples (of each --latent-sampler) against the real images"
            + " of the --split instead of the likelihood.")
    boolean quality;
    @Option(names = "--quality-samples", defaultValue = "10000", paramLabel = "N",
            description = "Samples per sampler for --quality (default ${DEFAULT-VALUE}).")
    int qualitySamples;
    @Option(names = "--latent-sampler", split = ",", defaultValue = "prior,gmm", paramLabel = "prior|gmm",
            description = "The samplers --quality measures (default ${DEFAULT-VALUE}; see sample --latent-sampler).")
    java.util.List<String> latentSamplers;
    @Option(names = "--gmm-k", defaultValue = "10", paramLabel = "K", description = "Components of the gmm sampler (default ${DEFAULT-VALUE}).")
    int gmmK;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Usage.count(spec, "--importance-samples", sampling.samples);
        if (quality) {
            return quality();
        }
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

    private int quality() throws IOException {
        Usage.count(spec, "--quality-samples", qualitySamples);
        for (String name : latentSamplers) {
            LatentSamplers.check(spec, name, gmmK);
        }
        Console console = Console.of(spec);
        Path modelDir = ModelDir.resolve(input.dir);
        boolean wgan = WganModels.isWgan(modelDir);
        VaeFiles.Loaded m = wgan ? null : input.model();
        Splits splits = input.splits();
        if (wgan && !splits.train().isImage()) {
            // points, not images: the quality measures of 2-D mixtures are the mode measures evaluate prints
            return WganModels.evaluate(console, modelDir, input.data, sampling.seed, json);
        }
        DataMatrix real = sampling.examples(spec, input.dataset());
        QualityEvaluation q = QualityEvaluation.prepare(console, splits, input.dataSpec(), real);
        ObjectNode out = q.describe();
        ObjectNode samplers = out.putObject("samplers");
        if (wgan) {
            Wgan generator = WganFiles.load(modelDir).model();
            samplers.set("generator", q.measure("generator", (n, draw, rng) -> generator.sample(n, rng), qualitySamples,
                    sampling.seed));
        } else {
            for (String name : latentSamplers) {
                LatentSamplers.Sampler sampler = LatentSamplers.of(spec, console, name, gmmK, input.dir, m, () -> splits.train());
                samplers.set(name, q.measure(name, sampler, qualitySamples, sampling.seed));
            }
        }
        FiniteResults.check(out);
        if (json) {
            console.json(out);
        }
        return 0;
    }
}
