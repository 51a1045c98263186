package org.latent4j.cli;

import picocli.CommandLine.Command;

/** {@code latent4j train MODEL}: one subcommand per model kind. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Fit a model to data and write it to a folder; see 'latent4j train MODEL --help'.",
        subcommands = {TrainGmmCommand.class, org.latent4j.cli.vae.TrainVaeCommand.class})
final class TrainCommand {
}
