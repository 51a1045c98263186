package org.latent4j.cli.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latent4j.data.Dataset;
import org.latent4j.io.AtomicFiles;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.models.vae.VaeScores;
import org.latent4j.cli.OutputFile;
import org.latent4j.cli.console.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latent4j score DIR --data X --out FILE.csv}: per-example anomaly scores. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Anomaly scores of a trained VAE, one CSV row per example: neg_log_likelihood (importance-weighted"
                + " -log p(x), higher = more anomalous), log_reconstruction_probability (log mean p(x|z), z ~ q(z|x)) and elbo."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j score runs/vae --data fashion-mnist --out runs/vae/scores.csv",
                "  latent4j score runs/vae --data fashion-mnist --limit 200 --out s.csv --json"})
public final class ScoreCommand implements Callable<Integer> {
    @Mixin
    ModelInput input;
    @Mixin
    SamplingOptions sampling;
    @Option(names = "--out", required = true, description = "Output CSV file.")
    Path out;
    @Option(names = "--overwrite", description = OutputFile.OVERWRITE)
    boolean overwrite;
    @Option(names = "--json", description = "Print a JSON summary: {out, examples, importance_samples, mean_neg_log_likelihood, mean_elbo}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OutputFile.check(spec, "--out", out, overwrite);
        VaeFiles.Loaded m = input.model();
        Dataset d = input.dataset();
        DataMatrix x = CliData.matrix(d, sampling.limit);
        Console console = Console.of(spec);
        VaeScores s = sampling.run(console, x, (k, rng, done) -> m.vae().score(x, k, rng, done));
        StringBuilder sb = new StringBuilder("index");
        sb.append(d.hasLabels() ? ",label" : "").append(",neg_log_likelihood,log_reconstruction_probability,elbo\n");
        for (int i = 0; i < s.size(); i++) {
            sb.append(i);
            if (d.hasLabels()) {
                sb.append(',').append(d.labels()[i]);
            }
            sb.append(',').append(s.negativeLogLikelihood()[i]).append(',').append(s.logReconstructionProbability()[i])
                    .append(',').append(s.elbo()[i]).append('\n');
        }
        AtomicFiles.writeString(out, sb.toString());
        double nll = 0;
        double elbo = 0;
        for (int i = 0; i < s.size(); i++) {
            nll += s.negativeLogLikelihood()[i] / s.size();
            elbo += s.elbo()[i] / s.size();
        }
        console.info("wrote the scores of %d examples to %s (mean neg_log_likelihood %.3f, K=%d)", s.size(), out, nll,
                sampling.samples);
        if (json) {
            var j = org.latent4j.io.Json.mapper().createObjectNode();
            j.put("out", out.toString()).put("examples", s.size()).put("importance_samples", sampling.samples)
                    .put("mean_neg_log_likelihood", nll).put("mean_elbo", elbo);
            console.json(j);
        }
        return 0;
    }
}
