package org.latent4j.cli.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.latent4j.cli.Main;

/** Run folders trained in seconds on the shipped Fashion-MNIST subset (and iris), through the command line. */
final class TinyRuns {
    static final String DATA = "fashion-mnist-small";

    private TinyRuns() {}

    /** A VAE with the given latent size: one epoch on 600 images. */
    static Path vae(Path dir, int latent) {
        Path out = dir.resolve("vae-latent" + latent);
        assertEquals(0, Main.run("train", "vae", "--data", DATA, "--epochs", "2", "--limit", "600", "--hidden", "64",
                "--latent", String.valueOf(latent), "--batch", "50", "--eval-samples", "0", "--no-plots", "--seed", "3",
                "-q", "--out", out.toString()), "training the tiny VAE");
        return out;
    }

    static Path autoencoder(Path dir) {
        Path out = dir.resolve("autoencoder");
        assertEquals(0, Main.run("train", "autoencoder", "--data", DATA, "--epochs", "1", "--limit", "300", "--hidden", "32",
                "--latent", "3", "--batch", "50", "--seed", "3", "-q", "--out", out.toString()), "training the tiny autoencoder");
        return out;
    }

    static Path gmm(Path dir) {
        Path out = dir.resolve("gmm");
        assertEquals(0, Main.run("train", "gmm", "--data", "iris", "--k", "3", "--no-plots", "-q", "--out", out.toString()),
                "fitting the mixture");
        return out;
    }
}
