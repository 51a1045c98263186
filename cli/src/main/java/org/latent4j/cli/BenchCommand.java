package org.latent4j.cli;

import picocli.CommandLine.Command;

/** {@code latent4j bench}: benchmarks that print figures (speed is shown here, never by timed tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures.",
        subcommands = {GemmBenchCommand.class, ConvBenchCommand.class, GmmBenchCommand.class, org.latent4j.cli.vae.VaeBenchCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j bench gemm --m 128 --k 784 --n 400 --transpose-b --json",
                "  latent4j bench conv --batch 128",
                "  latent4j bench vae --data fashion-mnist-small --epochs 2",
                "  latent4j bench gmm --csv pca50.csv --k 10 --iterations 20"})
final class BenchCommand {
}
