package org.latent4j.cli.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latent4j.data.Dataset;
import org.latent4j.io.AtomicFiles;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.models.vae.VaeScores;
import org.latent4j.models.vae.VaeStepScores;
import org.latent4j.random.RandomSource;
import org.latent4j.cli.OutputFile;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.Usage;
import org.latent4j.cli.console.FiniteResults;
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
    @Option(names = "--steps-out", paramLabel = "FILE.csv", description = "lstm/gru models: per-step scores, one row per window"
            + " and step: each step's share of the window's neg_log_likelihood (default: OUT with -steps before .csv).")
    Path stepsOut;
    @Option(names = "--overwrite", description = OutputFile.OVERWRITE)
    boolean overwrite;
    @Option(names = "--json", description = "Print a JSON summary: {out, examples, importance_samples, mean_neg_log_likelihood, mean_elbo}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Usage.count(spec, "--importance-samples", sampling.samples);
        OutputFile.check(spec, "--out", out, overwrite);
        VaeFiles.Loaded m = input.model();
        boolean sequence = m.vae().config().recurrent() != null;
        if (sequence) {
            if (stepsOut == null) {
                String name = out.getFileName().toString();
                String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
                stepsOut = out.resolveSibling(stem + "-steps.csv");
            }
            OutputFile.check(spec, "--steps-out", stepsOut, overwrite);
        } else if (stepsOut != null) {
            throw Usage.error(spec, "--steps-out: the model in " + input.dir + " is not recurrent (" + m.vae().config().architecture()
                    + "): its rows have no steps");
        }
        Dataset d = input.dataset();
        DataMatrix x = sampling.examples(spec, d);
        Console console = Console.of(spec);
        VaeScores s = sampling.run(console, x, (k, rng, done) -> m.vae().score(x, k, rng, done));
        FiniteResults.check("neg_log_likelihood", s.negativeLogLikelihood(), 1);
        FiniteResults.check("log_reconstruction_probability", s.logReconstructionProbability(), 1);
        FiniteResults.check("elbo", s.elbo(), 1);
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
        if (sequence) {
            VaeStepScores steps = m.vae().stepScores(x, s, sampling.samples, new RandomSource(sampling.seed + 1));
            FiniteResults.check("step score", steps.values(), 1);
            StringBuilder st = new StringBuilder("index,step,step_neg_log_likelihood\n");
            for (int i = 0; i < steps.windows(); i++) {
                for (int t = 0; t < steps.steps(); t++) {
                    st.append(i).append(',').append(t).append(',').append(steps.get(i, t)).append('\n');
                }
            }
            AtomicFiles.writeString(stepsOut, st.toString());
            console.info("wrote the per-step scores of %d windows of %d steps to %s", steps.windows(), steps.steps(), stepsOut);
        }
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
