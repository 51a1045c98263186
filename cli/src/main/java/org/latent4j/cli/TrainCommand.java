package org.latent4j.cli;

import picocli.CommandLine.Command;

/** {@code latent4j train}: one subcommand per model kind. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Fit a model to data and write it to a folder.",
        subcommands = {TrainGmmCommand.class})
final class TrainCommand {
}
