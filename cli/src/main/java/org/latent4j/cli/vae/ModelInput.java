package org.latent4j.cli.vae;

import java.io.IOException;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import org.latent4j.data.Catalogue;
import org.latent4j.data.DataSpec;
import org.latent4j.data.Dataset;
import org.latent4j.data.Fallback;
import org.latent4j.data.Splits;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.ModelFiles;
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
    private Splits splits;

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
        return CliData.split(splits(), dataSpec(), split);
    }

    /** Both splits of the data: of --data, or of the data the model was trained on (read once). */
    Splits splits() throws IOException {
        if (splits != null) {
            return splits;
        }
        org.latent4j.data.series.SeriesScaler scaler = loaded != null ? ModelDir.seriesScaler(loaded) : null;
        if (data != null) {
            // A series model scales new data as it scaled its training data, not by a scaler fitted on them.
            splits = scaler != null ? CliData.loadSequences(command, data).withScaler(scaler).splits() : CliData.load(command, data);
            return splits;
        }
        String spec = dataSpec();
        // The spec comes from the model's metadata.json, not the command line: a bad one is the file's fault.
        Path metadata = ModelDir.resolve(dir).resolve(ModelFiles.METADATA);
        DataSpec parsed;
        try {
            parsed = DataSpec.parse(spec, Fallback.SUBSET);
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(metadata, "data_spec: " + e.getMessage() + "; give the data with --data", e);
        }
        splits = scaler != null ? parsed.loadSequences(Catalogue.standard()).withScaler(scaler).splits()
                : parsed.load(Catalogue.standard());
        return splits;
    }

    /** The data's spec: --data, or the one the model records. */
    String dataSpec() throws IOException {
        if (data != null) {
            return data;
        }
        Path metadata = ModelDir.resolve(dir).resolve(ModelFiles.METADATA);
        // a model of another kind (a WGAN) is not loaded here: its metadata is read for the spec alone
        JsonNode recorded = loaded != null ? loaded.metadata().get("data_spec")
                : java.nio.file.Files.isRegularFile(metadata) ? org.latent4j.io.Json.read(metadata).get("data_spec") : null;
        if (recorded == null || recorded.isNull()) {
            throw Usage.error(command, "--data is needed: the model in " + dir + " does not record the data it was trained on");
        }
        if (!recorded.isTextual()) {
            throw new FileFormatException(metadata, "data_spec should be a data spec such as \"fashion-mnist\", got "
                    + recorded + "; give the data with --data");
        }
        return recorded.textValue();
    }
}
