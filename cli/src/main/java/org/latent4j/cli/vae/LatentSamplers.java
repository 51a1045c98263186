package org.latent4j.cli.vae;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.latent4j.cli.OutputFolder;
import org.latent4j.cli.OutputLayout;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.Usage;
import org.latent4j.io.Json;
import org.latent4j.models.mixture.GaussianMixtureFiles;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.vae.LatentMixtureSampler;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The latent samplers of {@code sample} and {@code evaluate --quality}: {@code prior} (z ~ N(0, I)) and
 * {@code gmm} (the {@link LatentMixtureSampler}). The mixture is fitted once, to the encoder means of the
 * training split of the model's data, and kept in the run folder as {@code latent-gmm-kK/} (a mixture model
 * directory) for the next command; a bare model directory, not inside a run folder, gets it fitted anew each time.
 */
final class LatentSamplers {
    /** The names {@code --latent-sampler} accepts. */
    static final String NAMES = "prior or gmm";
    /** The seed of the mixture's EM (the sampling seed is the command's). */
    private static final long FIT_SEED = 1;

    private LatentSamplers() {}

    /** The sampler's draws: n rows decoded from z (decoder means, or draws from p(x|z) with {@code draw}). */
    interface Sampler {
        Tensor sample(int n, boolean draw, RandomSource rng);
    }

    /** Where the training data come from, read only when a mixture is to be fitted. */
    interface TrainingData {
        org.latent4j.data.Dataset get() throws IOException;
    }

    /** Checks a {@code --latent-sampler} value and {@code --gmm-k}. */
    static void check(CommandSpec spec, String name, int k) {
        if (!name.equals("prior") && !name.equals("gmm")) {
            throw Usage.error(spec, "--latent-sampler must be " + NAMES + ", got '" + name + "'");
        }
        Usage.count(spec, "--gmm-k", k);
    }

    /** The sampler {@code name} of the VAE in {@code dir}; {@code data} gives the training data when they are needed. */
    static Sampler of(CommandSpec spec, Console console, String name, int k, Path dir, VaeFiles.Loaded m, TrainingData data)
            throws IOException {
        if (name.equals("prior")) {
            return m.vae()::sample;
        }
        Path modelDir = ModelDir.resolve(dir);
        boolean inRun = !modelDir.equals(dir);
        Path saved = dir.resolve("latent-gmm-k" + k);
        if (inRun && Files.isDirectory(saved)) {
            LatentMixtureSampler s = LatentMixtureSampler.of(m.vae(), GaussianMixtureFiles.load(saved).mixture());
            console.info("latent mixture of %d components read from %s", k, saved);
            return s::sample;
        }
        DataMatrix train = CliData.matrix(data.get());
        console.info("fitting a Gaussian mixture of %d components to the encoder means of %s (%d rows)", k, train.name(),
                train.rows());
        LatentMixtureSampler s = LatentMixtureSampler.fit(m.vae(), train, k, FIT_SEED);
        if (inRun) {
            try (OutputFolder folder = OutputFolder.openRun(spec, "DIR", dir, OutputLayout.LATENT_MIXTURE)) {
                var meta = Json.mapper().createObjectNode();
                meta.put("fitted_to", "encoder means of " + train.name());
                meta.put("vae", modelDir.toString());
                meta.put("sampler", "ex-post density estimation (Ghosh et al. 2020)");
                GaussianMixtureFiles.save(folder.dir().resolve(saved.getFileName()), s.mixture(), null, meta);
            }
            console.info("saved the latent mixture in %s", saved);
        } else {
            console.warn("%s is a model directory, not a run folder: the latent mixture is not kept", dir);
        }
        return s::sample;
    }

    /** The training split of the data named by {@code data} (may be null), or of the data the model records. */
    static org.latent4j.data.Dataset trainingSplit(CommandSpec spec, Path dir, VaeFiles.Loaded m, String data)
            throws IOException {
        String recorded = m.metadata().path("data_spec").isTextual() ? m.metadata().path("data_spec").textValue() : null;
        String chosen = data != null ? data : recorded;
        if (chosen == null) {
            throw Usage.error(spec, "--data is needed: the model in " + dir + " does not record the data it was trained on,"
                    + " and the gmm sampler fits its mixture to the encoder means of the training data");
        }
        return CliData.split(CliData.load(spec, chosen), chosen, "train");
    }
}
