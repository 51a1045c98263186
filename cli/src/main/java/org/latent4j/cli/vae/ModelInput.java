package org.latent4j.cli.vae;

import java.io.IOException;
import java.nio.file.Path;
import org.latent4j.data.Dataset;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.cli.console.Usage;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** What every command that applies a trained VAE to data takes: the model folder and the data (a picocli mixin). */
final class ModelInput {
    @Parameters(index = "0", paramLabel = "DIR", description = "A model directory, or a training output folder holding model/.")
    Path dir;
    @Option(names = "--data", description = "Data, as for training (e.g. fashion-mnist; default: the data the model was trained on).")
    String data;
    @Option(names = "--split", defaultValue = "test", description = "train or test (default ${DEFAULT-VALUE}).")
    String split;
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private VaeFiles.Loaded loaded;

    /** The trained VAE in {@link #dir}. */
    VaeFiles.Loaded model() throws IOException {
        loaded = ModelDir.loadVae(dir);
        return loaded;
    }

    /** The chosen split of the data. */
    Dataset dataset() throws IOException {
        if (!split.equals("train") && !split.equals("test")) {
            throw Usage.error(command, "--split must be train or test, got '" + split + "'");
        }
        String spec = data != null ? data : loaded == null ? null : loaded.metadata().path("data_spec").asText(null);
        if (spec == null) {
            throw Usage.error(command, "--data is needed: the model in " + dir + " does not record the data it was trained on");
        }
        return CliData.split(CliData.load(command, spec), spec, split);
    }
}
