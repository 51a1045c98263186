package org.latent4j.cli.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latent4j.cli.OutputFile;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.FiniteResults;
import org.latent4j.cli.console.Usage;
import org.latent4j.data.series.SequenceData;
import org.latent4j.data.series.SeriesScaler;
import org.latent4j.io.AtomicFiles;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latent4j sample DIR --n 64 --out FILE.png}: draws z from the prior N(0, I), or from a Gaussian mixture
 * fitted to the training set's encoder means ({@code --latent-sampler gmm}), and decodes it.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sample from a trained VAE: z ~ N(0, I) (or from a Gaussian mixture fitted to the encoder means of the"
                + " training data, --latent-sampler gmm), then the decoder mean E[x|z] (or a draw from p(x|z) with --draw);"
                + " from a WGAN: G(z), z ~ N(0, I).",
                "Writes a PNG image grid (image data) or a CSV file (FILE.csv), one sample per row."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j sample runs/vae --n 64 --out runs/vae/samples.png",
                "  latent4j sample runs/vae --n 100 --draw --seed 7 --out samples.csv",
                "  latent4j sample runs/vae --latent-sampler gmm --gmm-k 10 --out runs/vae/gmm-samples.png"})
public final class SampleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "A model directory, or a training output folder holding model/.")
    Path dir;
    @Option(names = "--n", defaultValue = "64", description = "Number of samples (default ${DEFAULT-VALUE}).")
    int n;
    @Option(names = "--out", required = true, description = "Output file: .png (image grid) or .csv.")
    Path out;
    @Option(names = "--overwrite", description = OutputFile.OVERWRITE)
    boolean overwrite;
    @Option(names = "--draw", description = "Draw x ~ p(x|z) instead of showing the decoder mean.")
    boolean draw;
    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--latent-sampler", defaultValue = "prior", paramLabel = "prior|gmm",
            description = {"Where z comes from: prior, N(0, I); gmm, a Gaussian mixture fitted by EM to the encoder means of"
                    + " the training data (ex-post density estimation, Ghosh et al. 2020), kept in DIR/latent-gmm-kK/"
                    + " when DIR is a run folder (default ${DEFAULT-VALUE})."})
    String latentSampler;
    @Option(names = "--gmm-k", defaultValue = "10", paramLabel = "K", description = "Components of the gmm sampler's mixture (default ${DEFAULT-VALUE}).")
    int gmmK;
    @Option(names = "--data", description = "The training data of the gmm sampler, as for training (default: the data the model was trained on).")
    String data;
    @Option(names = "--columns", defaultValue = "8", description = "Images per grid row (default ${DEFAULT-VALUE}).")
    int columns;
    @Option(names = "--scale", defaultValue = "2", description = "Pixel magnification in the PNG (default ${DEFAULT-VALUE}).")
    int scale;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Usage.count(spec, "--n", n);
        Usage.count(spec, "--columns", columns);
        Usage.count(spec, "--scale", scale);
        OutputFile.check(spec, "--out", out, overwrite);
        LatentSamplers.check(spec, latentSampler, gmmK);
        Path modelDir = ModelDir.resolve(dir);
        Tensor x;
        int[] imageShape;
        SeriesScaler scaler = null;
        int steps = 0;
        if (org.latent4j.cli.wgan.WganModels.isWgan(modelDir)) {
            // a WGAN's generator: x = G(z), z ~ N(0, I); --draw has no meaning there (G is deterministic)
            x = org.latent4j.cli.wgan.WganModels.sample(modelDir, n, seed);
            imageShape = org.latent4j.cli.wgan.WganModels.imageShape(modelDir);
        } else {
            VaeFiles.Loaded m = ModelDir.loadVae(dir);
            LatentSamplers.Sampler sampler = LatentSamplers.of(spec, Console.of(spec), latentSampler, gmmK, dir, m,
                    () -> LatentSamplers.trainingSplit(spec, dir, m, data));
            x = sampler.sample(n, draw, new RandomSource(seed));
            imageShape = ModelDir.imageShape(m);
            scaler = ModelDir.seriesScaler(m);
            if (scaler != null) {
                steps = m.vae().config().recurrent().steps();
            }
        }
        FiniteResults.check("the sample", x.data(), x.dim(1));
        if (scaler != null) {
            writeWindows(scaler, x, steps);
        } else {
            Outputs.writeRows(out, x, imageShape, columns, scale, "x");
        }
        Console.of(spec).info("wrote %d samples to %s", n, out);
        return 0;
    }

    /**
     * Synthetic windows of a model trained on a series, in the data's units (the training scaler inverted), one
     * window per row, time-major, columns named {@code FEATURE@t}.
     */
    private void writeWindows(SeriesScaler scaler, Tensor x, int steps) throws IOException {
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            throw Usage.error(spec, "--out: a model of series data writes its synthetic windows as CSV; expected a name"
                    + " ending in .csv, got " + out);
        }
        double[] v = scaler.inverse(x.data());
        int d = x.dim(1);
        StringBuilder sb = new StringBuilder(String.join(",", SequenceData.columnNames(scaler.columns(), steps))).append('\n');
        for (int i = 0; i < x.dim(0); i++) {
            for (int j = 0; j < d; j++) {
                sb.append(j == 0 ? "" : ",").append(v[i * d + j]);
            }
            sb.append('\n');
        }
        AtomicFiles.writeString(out, sb.toString());
    }
}
