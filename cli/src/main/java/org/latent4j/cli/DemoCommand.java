package org.latent4j.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.latent4j.cli.vae.VaeDemoCommand;
import org.latent4j.cli.vae.VaeDemoOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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
    @Mixin
    VaeDemoOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        return options.run(spec.commandLine().getOut());
    }
}
