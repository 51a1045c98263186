package org.latent4j.cli;

import picocli.CommandLine.Command;

/** {@code latent4j bench}: benchmarks that print figures (speed is shown here, never by timed tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures.",
        subcommands = {GemmBenchCommand.class, GmmBenchCommand.class, org.latent4j.cli.vae.VaeBenchCommand.class})
final class BenchCommand {
}
