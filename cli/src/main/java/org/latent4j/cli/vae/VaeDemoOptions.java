package org.latent4j.cli.vae;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of {@code demo vae} (a picocli mixin). */
public final class VaeDemoOptions {
    @Option(names = "--out", defaultValue = "runs/demo-vae", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--data", defaultValue = "fashion-mnist", description = "Data (default ${DEFAULT-VALUE}).")
    String data;
    @Option(names = "--overwrite", description = org.latent4j.cli.OutputFolder.OVERWRITE)
    boolean overwrite;

    /** Runs the demo with these options, reporting through {@code console}; returns 0. */
    public int run(org.latent4j.cli.console.Console console) throws java.io.IOException {
        return VaeDemoCommand.run(data, out, epochs, console);
    }
}
