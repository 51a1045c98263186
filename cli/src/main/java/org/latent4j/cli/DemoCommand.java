package org.latent4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latent4j.cli.vae.VaeDemoCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latent4j demo}: the main job. On its own it runs the VAE demo (train the reference VAE on
 * Fashion-MNIST and write samples); its subcommands are the other worked examples of the lecture notes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job: train the reference VAE on Fashion-MNIST (the shipped subset when the full set is not",
                "installed) and write runs/demo/samples.png, runs/demo/reconstructions.png and the model runs/demo/model.",
                "Subcommands run the other worked examples."},
        subcommands = {VaeDemoCommand.class, DemoCrabsCommand.class})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "runs/demo", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--data", defaultValue = "fashion-mnist", description = "Data (default ${DEFAULT-VALUE}).")
    String data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        return VaeDemoCommand.run(data, out, epochs, spec.commandLine().getOut());
    }
}
