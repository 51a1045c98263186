package org.latent4j.cli;

import picocli.CommandLine.Command;

/** {@code latent4j train MODEL}: one subcommand per model kind. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model; see 'latent4j train MODEL --help'.",
        subcommands = {org.latent4j.cli.vae.TrainVaeCommand.class})
final class TrainCommand {
}
