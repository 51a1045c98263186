package org.latent4j.cli.vae;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latent4j.data.Dataset;
import org.latent4j.io.AtomicFiles;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.models.vae.VaeScores;
import org.latent4j.random.RandomSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latent4j score DIR --data X --out FILE.csv}: per-example anomaly scores. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Anomaly scores of a trained VAE, one CSV row per example: neg_log_likelihood (importance-weighted",
                "-log p(x), higher = more anomalous), log_reconstruction_probability (log mean p(x|z), z ~ q(z|x)) and elbo."})
public final class ScoreCommand implements Callable<Integer> {
    @Mixin
    ModelInput input;
    @Mixin
    SamplingOptions sampling;
    @Option(names = "--out", required = true, description = "Output CSV file.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        VaeFiles.Loaded m = input.model();
        Dataset d = input.dataset();
        DataMatrix x = CliData.matrix(d, sampling.limit);
        VaeScores s = m.vae().score(x, sampling.samples, new RandomSource(sampling.seed));
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
        PrintWriter w = spec.commandLine().getOut();
        w.println("wrote the scores of " + s.size() + " examples to " + out);
        w.flush();
        return 0;
    }
}
