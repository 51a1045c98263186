package org.latent4j.cli.vae;

import java.util.function.IntConsumer;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.Progress;
import org.latent4j.cli.console.Usage;
import org.latent4j.data.Dataset;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.random.RandomSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** How many examples and importance samples an evaluation uses, and its seed (a picocli mixin). */
final class SamplingOptions {
    @Option(names = {"--importance-samples", "-k"}, defaultValue = "100", paramLabel = "K", description = "Importance samples K per example (default ${DEFAULT-VALUE}).")
    int samples;
    @Option(names = "--limit", paramLabel = "N", description = "Only the first N examples, at most as many as the data have (default: all).")
    Integer limit;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the sampling (default ${DEFAULT-VALUE}).")
    long seed;

    /** An importance-sampling pass over the data: K, the seeded source, and where to report examples done. */
    @FunctionalInterface
    interface Pass<T> {
        T run(int k, RandomSource rng, IntConsumer examplesDone);
    }

    /** The first --limit examples of the data (all without it); counts are checked as every command checks them. */
    DataMatrix examples(CommandSpec command, Dataset d) {
        Usage.count(command, "--importance-samples", samples);
        return CliData.matrix(command, "--limit", d, limit, Integer.MAX_VALUE);
    }

    /** Runs the pass with these options, showing a bar over the examples. */
    <T> T run(Console console, DataMatrix x, Pass<T> pass) {
        try (Progress bar = console.progress("importance sampling, K=" + samples, x.rows())) {
            return pass.run(samples, new RandomSource(seed), bar::advanceTo);
        }
    }
}
