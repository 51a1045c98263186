package org.latent4j.cli;

import picocli.CommandLine.Command;

/** {@code latent4j demo}: small worked examples from the lecture notes. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Small worked examples from the lecture notes.",
        subcommands = {DemoCrabsCommand.class, org.latent4j.cli.vae.VaeDemoCommand.class})
final class DemoCommand {
}
