package org.latent4j.cli.vae;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latent4j.cli.OutputFolder;
import org.latent4j.cli.OutputLayout;
import org.latent4j.cli.config.RunRecord;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.Usage;
import org.latent4j.data.Dataset;
import org.latent4j.data.Splits;
import org.latent4j.io.Json;
import org.latent4j.models.autoencoder.Autoencoder;
import org.latent4j.models.autoencoder.AutoencoderConfig;
import org.latent4j.models.networks.ConvArchitecture;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.Trainer;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.vae.LikelihoodKind;
import org.latent4j.nn.Activation;
import org.latent4j.report.vae.VaeRunFiles;
import org.latent4j.runtime.Threads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latent4j train autoencoder}: trains a deterministic autoencoder (MLP or convolutional, the VAE's
 * networks without sampling or KL) and writes OUT/model, OUT/metrics.jsonl, OUT/summary.json and OUT/run.json.
 */
@Command(name = "autoencoder", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a deterministic autoencoder (MLP or convolutional encoder and decoder, no sampling, no KL"
                + " term): the loss is the reconstruction's negative log-likelihood, e.g. the cross-entropy.",
                "Writes OUT/model, OUT/metrics.jsonl (one line per epoch), OUT/summary.json and OUT/run.json."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j train autoencoder --data fashion-mnist --epochs 10 --out runs/ae",
                "  latent4j train autoencoder --arch conv --data fashion-mnist --out runs/cae"})
public final class TrainAutoencoderCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Data: fashion-mnist, fashion-mnist-small, csv:FILE, idx:FILE, ...")
    String data;
    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;
    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--latent", defaultValue = "20", description = "Code size (default ${DEFAULT-VALUE}).")
    int latent;
    @Option(names = "--hidden", split = ",", description = "Hidden widths, comma-separated (default 400 for --arch mlp;"
            + " conv: dense layers after the convolutions, default none).")
    int[] hidden;
    @Mixin
    ArchitectureOptions network;
    @Option(names = "--activation", defaultValue = "relu", description = "relu, tanh, leaky-relu, elu, softplus, sigmoid (default ${DEFAULT-VALUE}).")
    String activation;
    @Option(names = "--likelihood", defaultValue = "bernoulli",
            description = "Reconstruction loss as a likelihood: bernoulli, gaussian, continuous-bernoulli (default ${DEFAULT-VALUE}).")
    String likelihood;
    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", defaultValue = "1e-3", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, adam, adamw, rmsprop, adagrad (default ${DEFAULT-VALUE}).")
    String optimizer;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of initialization and shuffling (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N training examples, at most as many as"
            + " the data have (default: all).")
    Integer limit;
    @Option(names = "--checkpoint", description = "Write OUT/checkpoint after every epoch (resumable).")
    boolean checkpoint;
    @Option(names = "--resume", description = "Continue the run saved in OUT/checkpoint (same settings; --epochs may be raised).")
    boolean resume;
    @Option(names = "--overwrite", description = OutputFolder.OVERWRITE)
    boolean overwrite;
    @Option(names = "--json", description = "Print the final summary (summary.json's content and the output folder) as one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Console console = Console.of(spec);
        Usage.atLeast(spec, "--epochs", epochs, 1);
        Usage.atLeast(spec, "--latent", latent, 1);
        for (int h : hidden == null ? new int[0] : hidden) {
            Usage.atLeast(spec, "--hidden", h, 1);
        }
        Usage.atLeast(spec, "--batch", batch, 1);
        // the files of a VAE run folder, without figures: run.json, metrics.jsonl, summary.json, model/, checkpoint/
        OutputFolder folder = OutputFolder.open(spec, "--out", out, OutputLayout.VAE_RUN, overwrite || resume,
                "--overwrite to replace its outputs (or --resume to continue its checkpoint)");
        return folder.run(spec, () -> train(console));
    }

    private int train(Console console) throws IOException {
        Splits splits = CliData.load(spec, data);
        Dataset trainSet = splits.train();
        DataMatrix train = CliData.matrix(spec, "--limit", trainSet, limit, Integer.MAX_VALUE);
        DataMatrix test = splits.test() == null ? null : CliData.matrix(splits.test());
        if (network.isRecurrent()) {
            throw Usage.error(spec, "--arch " + network.arch + ": recurrent networks are for 'train vae'; an autoencoder is mlp or conv");
        }
        ConvArchitecture conv = network.conv(trainSet);
        AutoencoderConfig.Builder builder = AutoencoderConfig.builder(train.cols()).conv(conv);
        if (hidden != null) {
            builder.hidden(hidden);
        }
        AutoencoderConfig config = Usage.option(spec, "model options", () -> builder.latentDim(latent)
                .activation(Usage.option(spec, "--activation", () -> Activation.parse(activation)))
                .likelihood(Usage.option(spec, "--likelihood", () -> LikelihoodKind.parse(likelihood))).seed(seed).build());
        Path checkpointDir = out.resolve("checkpoint");
        TrainingConfig training = Usage.option(spec, "training options", () -> TrainingConfig.builder().epochs(epochs)
                .batchSize(batch).optimizer(optimizer).learningRate(lr).seed(seed)
                .checkpointDir(checkpoint || resume ? checkpointDir : null).build());
        Autoencoder ae = Usage.option(spec, "--arch " + config.architecture(), () -> Autoencoder.create(config));
        ae.checkData(train);
        if (test != null) {
            ae.checkData(test);
        }
        RunRecord.write(spec, out);
        console.info("training an autoencoder (%s, code %d, %s likelihood) on %s: %d examples%s, %d threads",
                conv == null ? "mlp" : conv.describe(), latent, config.likelihood().id(), train.name(), train.rows(),
                test == null ? "" : ", held out " + test.rows(), Threads.count());
        MetricsLog metrics = new MetricsLog(out);
        TrainingDisplay display = new TrainingDisplay(console);
        Trainer trainer = new Trainer(training).listener(metrics).listener(display);
        TrainingHistory history;
        try {
            if (resume) {
                history = ae.resume(trainer, train, test, checkpointDir);
                metrics.replaceWith(history);
            } else {
                history = ae.fit(trainer, train, test);
            }
        } finally {
            display.close();
        }
        ObjectNode summary = VaeRunFiles.summary(history, trainSet.name(), train.rows(), test == null ? 0 : test.rows(), null);
        ObjectNode meta = Json.mapper().createObjectNode();
        meta.put("dataset", trainSet.name());
        meta.put("data_source", trainSet.source());
        meta.put("data_spec", data);
        meta.put("seed", seed);
        meta.set("training", training.toJson());
        meta.set("metrics", summary);
        ae.save(out.resolve("model"), meta);
        org.latent4j.io.AtomicFiles.writeString(out.resolve(VaeRunFiles.SUMMARY), Json.writePretty(summary));
        console.info("wrote %s, %s, %s and %s", out.resolve("model"), out.resolve(VaeRunFiles.METRICS),
                out.resolve(VaeRunFiles.SUMMARY), out.resolve(RunRecord.FILE));
        if (json) {
            console.json(summary.deepCopy().put("out", out.toString()));
        }
        return 0;
    }
}
