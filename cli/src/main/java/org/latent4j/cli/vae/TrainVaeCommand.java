package org.latent4j.cli.vae;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latent4j.cli.OutputFolder;
import org.latent4j.cli.OutputLayout;
import org.latent4j.cli.config.RunRecord;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.FiniteResults;
import org.latent4j.cli.console.Progress;
import org.latent4j.cli.console.Usage;
import org.latent4j.data.Dataset;
import org.latent4j.data.Splits;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.NonFiniteLossException;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.vae.LikelihoodKind;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeConfig;
import org.latent4j.models.vae.VaeEvaluation;
import org.latent4j.nn.Activation;
import org.latent4j.random.RandomSource;
import org.latent4j.report.vae.VaeRunFiles;
import org.latent4j.runtime.Threads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latent4j train vae}: trains a VAE and writes OUT/model (the model directory), OUT/metrics.jsonl
 * (one JSON object per epoch) and OUT/summary.json (the final figures).
 */
@Command(name = "vae", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a variational autoencoder (MLP, convolutional or recurrent encoder and decoder).",
                "Writes OUT/model, OUT/metrics.jsonl (one line per epoch), OUT/summary.json and OUT/run.json (every"
                        + " option of the run, so that 'train vae --config OUT/run.json' repeats it)."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j train vae --data fashion-mnist --epochs 10 --out runs/vae",
                "  latent4j train vae --data fashion-mnist-small --latent 2 --out v2 --json",
                "  latent4j train vae --arch conv --data fashion-mnist --out runs/conv",
                "  latent4j train vae --arch conv --norm batch --data images:pics --out runs/p",
                "  latent4j train vae --data csv:x.csv --likelihood gaussian --out runs/csv",
                "  latent4j train vae --arch lstm --data fashion-mnist --out runs/lstm",
                "  latent4j train vae --arch gru --hidden 64 --likelihood gaussian-learned --data 'series:co2.csv?time=date&columns=co2&window=52' --out runs/co2",
                "  latent4j train vae --data 'images:pics?size=32x32&test=0.1' --out runs/pics",
                "  latent4j train vae --config runs/vae/run.json --epochs 20 --out runs/vae20"})
public final class TrainVaeCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Data: fashion-mnist, fashion-mnist-small, csv:FILE, idx:FILE, images:DIR, ...")
    String data;
    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;
    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--latent", defaultValue = "20", description = "Latent dimension (default ${DEFAULT-VALUE}).")
    int latent;
    @Option(names = "--hidden", split = ",", description = "Hidden widths, comma-separated (default 400 for --arch mlp;"
            + " conv: dense layers after the convolutions, default none; lstm/gru: one hidden size, default 256).")
    int[] hidden;
    @Mixin
    ArchitectureOptions network;
    @Option(names = "--activation", defaultValue = "relu", description = "relu, tanh, leaky-relu, elu, softplus, sigmoid (default ${DEFAULT-VALUE}).")
    String activation;
    @Option(names = "--likelihood", defaultValue = "bernoulli",
            description = "bernoulli, gaussian, gaussian-learned, continuous-bernoulli (default ${DEFAULT-VALUE}).")
    String likelihood;
    @Option(names = "--beta", defaultValue = "1", description = "Weight of the KL term (default ${DEFAULT-VALUE}).")
    double beta;
    @Option(names = {"--samples", "-k"}, defaultValue = "1", description = "Monte Carlo samples of z per example (default ${DEFAULT-VALUE}).")
    int samples;
    @Option(names = "--warmup", defaultValue = "0", description = "KL warm-up: epochs over which beta rises from 0 (default ${DEFAULT-VALUE}).")
    double warmup;
    @Option(names = "--free-bits", defaultValue = "0", paramLabel = "NATS", description = "Floor in nats on each latent dimension's KL (default ${DEFAULT-VALUE}: off).")
    double freeBits;
    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", defaultValue = "1e-3", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, adam, adamw, rmsprop, adagrad (default ${DEFAULT-VALUE}).")
    String optimizer;
    @Option(names = "--schedule", defaultValue = "const", description = "Learning-rate schedule: const, step:N:G, exp:G, cos:T[:MIN], poly:T[:P], linear, warmup:N:... (default ${DEFAULT-VALUE}).")
    String schedule;
    @Option(names = "--clip", defaultValue = "0", description = "Clip gradients to this global norm (default ${DEFAULT-VALUE}: off).")
    double clip;
    @Option(names = "--patience", defaultValue = "0", description = "Early stopping after this many epochs without improvement (default ${DEFAULT-VALUE}: off).")
    int patience;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of initialization, shuffling and noise (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--eval-samples", defaultValue = "50", paramLabel = "K",
            description = "Importance samples for the final log-likelihood in summary.json (0: skip; default ${DEFAULT-VALUE}).")
    int evalSamples;
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
    @Option(names = "--no-plots", description = "Do not write OUT/figures and OUT/report.html (draw them later with 'latent4j plot OUT').")
    boolean noPlots;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Console console = Console.of(spec);
        checkCounts();
        OutputFolder folder = OutputFolder.open(spec, "--out", out, OutputLayout.VAE_RUN, overwrite || resume,
                "--overwrite to replace its outputs (or --resume to continue its checkpoint)");
        return folder.run(spec, () -> train(console));
    }

    private int train(Console console) throws IOException {
        // a recurrent VAE reads sequences: series windows (with their scaler, saved with the model), grey images
        // one row per step; --steps may also cut plain rows into steps
        org.latent4j.data.series.SequenceData sequences = null;
        if (network.isRecurrent() && network.steps == null) {
            sequences = CliData.loadSequences(spec, data);
        }
        Splits splits = sequences != null ? sequences.splits() : CliData.load(spec, data);
        Dataset trainSet = splits.train();
        DataMatrix train = CliData.matrix(spec, "--limit", trainSet, limit, Integer.MAX_VALUE);
        DataMatrix test = splits.test() == null ? null : CliData.matrix(splits.test());
        org.latent4j.models.networks.ConvArchitecture conv = network.conv(trainSet);
        org.latent4j.models.networks.RecurrentArchitecture recurrent = network.recurrent(trainSet, sequences == null ? null : sequences.shape(), hidden);
        VaeConfig.Builder builder = VaeConfig.builder(train.cols()).conv(conv).recurrent(recurrent);
        if (hidden != null && recurrent == null) {
            builder.hidden(hidden);
        }
        VaeConfig config = Usage.option(spec, "model options", () -> builder.latentDim(latent)
                .activation(Usage.option(spec, "--activation", () -> Activation.parse(activation)))
                .likelihood(Usage.option(spec, "--likelihood", () -> LikelihoodKind.parse(likelihood))).beta(beta)
                .samples(samples).warmupEpochs(warmup).freeBits(freeBits).seed(seed).build());
        Path checkpointDir = out.resolve("checkpoint");
        TrainingConfig training = Usage.option(spec, "training options", () -> TrainingConfig.builder().epochs(epochs)
                .batchSize(batch).optimizer(optimizer).learningRate(lr).schedule(schedule).clipNorm(clip).patience(patience)
                .seed(seed).checkpointDir(checkpoint || resume ? checkpointDir : null).build());
        Vae vae = Usage.option(spec, "--arch " + config.architecture(), () -> Vae.create(config));
        vae.checkData(train);
        if (test != null) {
            vae.checkData(test);
        }
        RunRecord.write(spec, out);
        StringBuilder arch = new StringBuilder();
        if (conv != null) {
            arch.append(conv.describe()).append(' ');
        }
        if (recurrent != null) {
            arch.append(recurrent.describe()).append(' ');
        }
        if (recurrent != null) {
            arch.append("latent ").append(latent);
        } else {
            arch.append(config.inputDim());
            for (int h : config.encoderHidden()) {
                arch.append('-').append(h);
            }
            arch.append('-').append(latent);
        }
        console.info("training a VAE %s (%s likelihood) on %s: %d examples%s, %d threads", arch,
                config.likelihood().id(), train.name(), train.rows(),
                test == null ? "" : ", held out " + test.rows(), Threads.count());
        MetricsLog progress = new MetricsLog(out);
        TrainingHistory history;
        TrainingDisplay display = new TrainingDisplay(console);
        org.latent4j.models.training.Trainer trainer = new org.latent4j.models.training.Trainer(training).listener(progress)
                .listener(display);
        try {
            if (resume) {
                history = vae.resume(trainer, train, test, checkpointDir);
                progress.replaceWith(history);
            } else {
                history = vae.fit(trainer, train, test);
            }
        } catch (NonFiniteLossException e) {
            throw diverged(e, vae, training, trainSet);
        } finally {
            display.close();
        }
        VaeEvaluation e = null;
        if (test != null && evalSamples > 0) {
            try (Progress bar = console.progress("log-likelihood, K=" + evalSamples, test.rows())) {
                e = vae.evaluate(test, evalSamples, new RandomSource(seed), bar::advanceTo);
            }
            console.info("test ELBO %.2f, log-likelihood %.2f (K=%d), active units %d/%d", e.elbo(), e.logLikelihood(),
                    evalSamples, e.activeUnits(), latent);
        }
        ObjectNode summary = FiniteResults.check(
                VaeRunFiles.summary(history, trainSet.name(), train.rows(), test == null ? 0 : test.rows(), e));
        VaeRunFiles.save(out, vae, summary, training, trainSet, data, seed,
                sequences == null ? null : sequences.scaler().toJson());
        console.info("wrote %s, %s, %s and %s", out.resolve("model"), out.resolve("metrics.jsonl"), out.resolve("summary.json"),
                out.resolve(RunRecord.FILE));
        if (!noPlots) {
            console.info("wrote %s", sequences != null ? org.latent4j.report.vae.VaeRunReport.plot(out, sequences)
                    : org.latent4j.report.vae.VaeRunReport.plot(out, splits.test() != null ? splits.test() : trainSet));
        }
        if (json) {
            console.json(summary.deepCopy().put("out", out.toString()));
        }
        return 0;
    }

    /**
     * Saves the parameters of the last finite step as OUT/model, marked {@code "status": "diverged"} in its
     * metadata, unless OUT/model holds an earlier model (which is kept); returns the error to report.
     */
    private IllegalStateException diverged(NonFiniteLossException e, Vae vae, TrainingConfig training, Dataset trainSet)
            throws IOException {
        Path model = out.resolve("model");
        if (Files.exists(model)) {
            return new IllegalStateException(e.getMessage() + "; they are not saved: " + model
                    + " holds the earlier model, which is kept", e);
        }
        VaeRunFiles.saveDiverged(out, vae, training, trainSet, data, seed, e.epoch(), e.batch());
        return new IllegalStateException(e.getMessage() + "; they are saved in " + model
                + ", marked \"status\": \"diverged\" in its metadata.json", e);
    }

    /** The counts a run needs, named by their options (before any data is read). */
    private void checkCounts() {
        Usage.atLeast(spec, "--epochs", epochs, 1);
        Usage.atLeast(spec, "--latent", latent, 1);
        for (int h : hidden == null ? new int[0] : hidden) {
            Usage.atLeast(spec, "--hidden", h, 1);
        }
        Usage.atLeast(spec, "--batch", batch, 1);
        Usage.atLeast(spec, "--samples", samples, 1);
        Usage.atLeast(spec, "--eval-samples", evalSamples, 0);
        Usage.atLeast(spec, "--patience", patience, 0);
        Usage.number(spec, "--lr", lr, 0, true);
        Usage.number(spec, "--beta", beta, 0, false);
        Usage.number(spec, "--warmup", warmup, 0, false);
        Usage.number(spec, "--free-bits", freeBits, 0, false);
        Usage.number(spec, "--clip", clip, 0, false);
        if (!org.latent4j.optim.Optimizers.NAMES.contains(optimizer)) {
            throw Usage.error(spec, "--optimizer: unknown optimizer '" + optimizer + "'; expected one of "
                    + String.join(", ", org.latent4j.optim.Optimizers.NAMES));
        }
        Usage.option(spec, "--schedule", () -> org.latent4j.optim.LearningRateSchedule.parse(schedule));
    }
}
