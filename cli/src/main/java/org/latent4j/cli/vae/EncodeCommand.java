package org.latent4j.cli.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latent4j.cli.OutputFile;
import org.latent4j.cli.console.Console;
import org.latent4j.data.Dataset;
import org.latent4j.io.AtomicFiles;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.vae.GaussianEncoder;
import org.latent4j.models.vae.VaeFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latent4j encode DIR --data X --out FILE.csv}: μ and σ of q(z|x) for each example. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Encode examples with a trained VAE: write mu_j and sigma_j of q(z|x) per example to CSV (with the label when the data has one).",
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j encode runs/vae --data fashion-mnist --out runs/vae/codes.csv",
                "  latent4j encode runs/vae --data fashion-mnist --limit 1000 --out codes.csv"})
public final class EncodeCommand implements Callable<Integer> {
    @Mixin
    ModelInput input;
    @Option(names = "--limit", defaultValue = "0", description = "Only the first N examples (default: all).")
    int limit;
    @Option(names = "--out", required = true, description = "Output CSV file.")
    Path out;
    @Option(names = "--overwrite", description = OutputFile.OVERWRITE)
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OutputFile.check(spec, "--out", out, overwrite);
        VaeFiles.Loaded m = input.model();
        Dataset d = input.dataset();
        DataMatrix x = m.vae().checkData(CliData.matrix(d, limit));
        int latent = m.vae().config().latentDim();
        StringBuilder sb = new StringBuilder("index");
        if (d.hasLabels()) {
            sb.append(",label");
        }
        for (int j = 0; j < latent; j++) {
            sb.append(",mu_").append(j);
        }
        for (int j = 0; j < latent; j++) {
            sb.append(",sigma_").append(j);
        }
        sb.append('\n');
        for (int s = 0; s < x.rows(); s += 1000) {
            int e = Math.min(x.rows(), s + 1000);
            GaussianEncoder.Encoding q = m.vae().encode(x.slice(s, e));
            float[] mu = q.mu().data();
            float[] sigma = q.sigma().data();
            for (int i = 0; i < e - s; i++) {
                sb.append(s + i);
                if (d.hasLabels()) {
                    sb.append(',').append(d.labels()[s + i]);
                }
                for (int j = 0; j < latent; j++) {
                    sb.append(',').append(mu[i * latent + j]);
                }
                for (int j = 0; j < latent; j++) {
                    sb.append(',').append(sigma[i * latent + j]);
                }
                sb.append('\n');
            }
        }
        AtomicFiles.writeString(out, sb.toString());
        Console.of(spec).info("wrote the latent codes of %d examples to %s", x.rows(), out);
        return 0;
    }
}
