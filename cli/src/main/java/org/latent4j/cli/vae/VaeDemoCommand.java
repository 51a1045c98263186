package org.latent4j.cli.vae;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latent4j.cli.OutputFolder;
import org.latent4j.cli.OutputLayout;
import org.latent4j.cli.console.Console;
import org.latent4j.data.Dataset;
import org.latent4j.figures.ImageGrids;
import org.latent4j.data.Splits;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeConfig;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.random.RandomSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code latent4j demo vae}: trains the reference VAE (784-400-20, Bernoulli, Adam 1e-3, batch 128) for a
 * few epochs on Fashion-MNIST (the shipped subset when the full set is not installed), prints the loss
 * of each epoch and writes samples and reconstructions as PNG files.
 */
@Command(name = "vae", mixinStandardHelpOptions = true,
        description = {"Train the reference VAE on Fashion-MNIST for a few epochs and write its samples.",
                "Uses the shipped subset when the full set is not installed; writes OUT/samples.png,"
                        + " OUT/reconstructions.png and the model OUT/model (default OUT: runs/demo-vae)."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j demo vae                        # 3 epochs, then see runs/demo-vae/",
                "  latent4j demo vae --epochs 10 --out runs/v10",
                "  latent4j demo vae --data fashion-mnist-small --epochs 1"})
public final class VaeDemoCommand implements Callable<Integer> {
    @Mixin
    VaeDemoOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        org.latent4j.cli.console.Usage.count(spec, "--epochs", options.epochs);
        OutputFolder folder = OutputFolder.open(spec, "--out", options.out, OutputLayout.DEMO_VAE, options.overwrite,
                "--overwrite to replace its outputs");
        return folder.run(spec, () -> options.run(Console.of(spec)));
    }

    /** Runs the demo; returns 0. */
    public static int run(String data, Path out, int epochs, Console console) throws IOException {
        Splits splits = CliData.load(data);
        Dataset trainSet = splits.train();
        DataMatrix train = CliData.matrix(trainSet);
        DataMatrix test = splits.test() == null ? null : CliData.matrix(splits.test());
        Vae vae = Vae.create(VaeConfig.builder(train.cols()).build());
        console.info("latent4j demo: a VAE %d-400-20 with a Bernoulli decoder on %s (%d training images), %d epoch(s)",
                train.cols(), train.name(), train.rows(), epochs);
        TrainingDisplay display = new TrainingDisplay(console);
        try {
            vae.fit(train, test, TrainingConfig.builder().epochs(epochs).build(), display);
        } finally {
            display.close();
        }
        Files.createDirectories(out);
        // colour: the channels one under the other, each in grey
        int[] shape = trainSet.isImage() ? new int[] {trainSet.channels() * trainSet.height(), trainSet.width()}
                : ImageGrids.squareShape(train.cols());
        if (shape != null) {
            Outputs.writeGrid(out.resolve("samples.png"), vae.sample(64, false, new RandomSource(1)).data(), 64, shape, 8, 2);
            DataMatrix shown = test != null ? test : train;
            var in = shown.slice(0, Math.min(32, shown.rows()));
            Outputs.writeGrid(out.resolve("reconstructions.png"), ReconstructCommand.interleave(in, vae.reconstruct(in)).data(),
                    2 * in.dim(0), shape, 8, 2);
        }
        var meta = org.latent4j.io.Json.mapper().createObjectNode().put("dataset", trainSet.name())
                .put("data_source", trainSet.source()).put("seed", 1);
        if (shape != null) {
            meta.put("image_height", shape[0]).put("image_width", shape[1]);
        }
        VaeFiles.save(vae, out.resolve("model"), meta);
        console.info("wrote %s, %s (inputs and reconstructions side by side) and the model %s",
                out.resolve("samples.png"), out.resolve("reconstructions.png"), out.resolve("model"));
        return 0;
    }
}
