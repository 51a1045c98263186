package org.latent4j.cli.vae;

import picocli.CommandLine.Option;

/** How many examples and importance samples an evaluation uses, and its seed (a picocli mixin). */
final class SamplingOptions {
    @Option(names = {"--importance-samples", "-k"}, defaultValue = "100", description = "Importance samples K per example (default ${DEFAULT-VALUE}).")
    int samples;
    @Option(names = "--limit", defaultValue = "0", description = "Only the first N examples (default: all).")
    int limit;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the sampling (default ${DEFAULT-VALUE}).")
    long seed;
}
