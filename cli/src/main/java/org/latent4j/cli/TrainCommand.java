package org.latent4j.cli;

import picocli.CommandLine.Command;

/** {@code latent4j train MODEL}: one subcommand per model kind. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Fit a model to data and write it to a folder; see 'latent4j train MODEL --help'.",
        subcommands = {TrainGmmCommand.class, org.latent4j.cli.vae.TrainVaeCommand.class,
                org.latent4j.cli.vae.TrainAutoencoderCommand.class, org.latent4j.cli.wgan.TrainWganCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j train vae --data fashion-mnist --epochs 10 --out runs/vae",
                "  latent4j train vae --arch conv --data fashion-mnist --out runs/conv",
                "  latent4j train autoencoder --arch conv --data fashion-mnist --out runs/cae",
                "  latent4j train gmm --data fashion-mnist --pca 50 --k 10 --out runs/gmm",
                "  latent4j train wgan --data ring8 --lipschitz gp --out runs/wgan",
                "  latent4j train vae --config runs/vae/run.json --out runs/vae-again"})
final class TrainCommand {
}
