package org.latent4j.cli.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latent4j.cli.OutputFile;
import org.latent4j.cli.console.Console;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latent4j reconstruct DIR --data X --out FILE.png}: inputs beside their reconstructions. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reconstruct examples with a trained VAE (decoder mean at the encoder mean).",
                "PNG: each input followed by its reconstruction; CSV: the reconstructions, one per row."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j reconstruct runs/vae --data fashion-mnist --n 32 --out rec.png",
                "  latent4j reconstruct runs/vae --data fashion-mnist-small --n 8 --out rec.csv"})
public final class ReconstructCommand implements Callable<Integer> {
    @Mixin
    ModelInput input;
    @Option(names = "--n", defaultValue = "32", description = "Number of examples, from the first (default ${DEFAULT-VALUE}).")
    int n;
    @Option(names = "--out", required = true, description = "Output file: .png or .csv.")
    Path out;
    @Option(names = "--overwrite", description = OutputFile.OVERWRITE)
    boolean overwrite;
    @Option(names = "--scale", defaultValue = "2", description = "Pixel magnification in the PNG (default ${DEFAULT-VALUE}).")
    int scale;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OutputFile.check(spec, "--out", out, overwrite);
        VaeFiles.Loaded m = input.model();
        DataMatrix x = m.vae().checkData(CliData.matrix(input.dataset(), n));
        Tensor in = x.slice(0, x.rows());
        Tensor rec = m.vae().reconstruct(in);
        boolean png = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png");
        Tensor rows = png ? interleave(in, rec) : rec;
        Outputs.writeRows(out, rows, ModelDir.imageShape(m), png ? 8 : 1, scale, "x");
        Console.of(spec).info("wrote %d reconstructions to %s", x.rows(), out);
        return 0;
    }

    /** Rows a0, b0, a1, b1, ... */
    static Tensor interleave(Tensor a, Tensor b) {
        int n = a.dim(0), d = a.dim(1);
        float[] out = new float[2 * n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a.data(), i * d, out, 2 * i * d, d);
            System.arraycopy(b.data(), i * d, out, (2 * i + 1) * d, d);
        }
        return Tensor.of(out, 2 * n, d);
    }
}
