package org.latent4j.cli.wgan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latent4j.cli.OutputFolder;
import org.latent4j.cli.OutputLayout;
import org.latent4j.cli.config.RunRecord;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.Usage;
import org.latent4j.cli.vae.MetricsLog;
import org.latent4j.data.Catalogue;
import org.latent4j.data.DataSpec;
import org.latent4j.data.Dataset;
import org.latent4j.data.Fallback;
import org.latent4j.data.Mixtures2d;
import org.latent4j.data.Splits;
import org.latent4j.io.AtomicFiles;
import org.latent4j.io.Json;
import org.latent4j.models.quality.ModeCoverage;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.Trainer;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.wgan.Architecture;
import org.latent4j.models.wgan.Lipschitz;
import org.latent4j.models.wgan.Wgan;
import org.latent4j.models.wgan.WganConfig;
import org.latent4j.models.wgan.WganFiles;
import org.latent4j.models.wgan.WganImageDefaults;
import org.latent4j.models.wgan.WganObjective;
import org.latent4j.models.wgan.WganSnapshot;
import org.latent4j.models.wgan.WganSnapshotFiles;
import org.latent4j.models.wgan.WganToyDefaults;
import org.latent4j.report.wgan.WganRunReport;
import org.latent4j.report.vae.VaeRunFiles;
import org.latent4j.runtime.Threads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latent4j train wgan}: trains a Wasserstein GAN and writes OUT/model, OUT/metrics.jsonl (a line
 * every {@code --log-every} generator steps), OUT/summary.json, OUT/run.json, OUT/snapshots (what the figures
 * need, taken during training) and, unless {@code --no-plots}, OUT/figures and OUT/report.html.
 *
 * <p>Steps and epochs: the trainer's epoch is one pass over the training rows, each generator step taking
 * critic-steps × batch rows. A 2-D toy set named without {@code rows=} is drawn with exactly
 * log-every × critic-steps × batch rows, so that an epoch is {@code --log-every} generator steps; other
 * data give an epoch of ⌈rows / (critic-steps × batch)⌉ steps, and {@code --steps} is rounded up to whole epochs.
 */
@Command(name = "wgan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a Wasserstein GAN: a generator G(z), z ~ N(0, I), and a critic D, alternating"
                + " --critic-steps critic steps and one generator step; the critic is kept 1-Lipschitz by weight"
                + " clipping (clip), a gradient penalty (gp) or spectral normalization (sn).",
                "Writes OUT/model, OUT/metrics.jsonl (critic loss, Wasserstein estimate, gradient norms and, for 2-D"
                + " mixtures, modes captured, share of high-quality samples, reverse KL), OUT/summary.json, OUT/run.json,"
                + " OUT/snapshots (generated points and the critic, or sample grids, during training) and the run's"
                + " report, OUT/report.html with OUT/figures (not with --no-plots)."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j train wgan --data ring8 --lipschitz gp --out runs/wgan-ring8",
                "  latent4j train wgan --data ring8 --lr 1e-4 --schedule const --steps 20000 --out runs/wgan-paper  # the paper's rate",
                "  latent4j train wgan --data grid25 --lipschitz sn --steps 5000 --out runs/wgan-grid25",
                "  latent4j train wgan --data swissroll --lipschitz clip --out runs/wgan-roll",
                "  latent4j train wgan --data fashion-mnist --steps 2000 --out runs/wgan-fashion   # conv, λ = 10, batch 64"})
public final class TrainWganCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Data: ring8, grid25, swissroll (2-D, drawn from a seed),"
            + " csv:FILE, fashion-mnist, ...")
    String data;
    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;
    @Option(names = "--lipschitz", defaultValue = "gp", description = "clip, gp or sn (default ${DEFAULT-VALUE}).")
    String lipschitz;
    @Option(names = "--steps", defaultValue = "" + WganToyDefaults.STEPS, description = "Generator steps (default"
            + " ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--critic-steps", defaultValue = "5", description = "Critic steps per generator step (default ${DEFAULT-VALUE}).")
    int criticSteps;
    @Option(names = "--log-every", defaultValue = "100", description = "Generator steps between two lines of metrics.jsonl"
            + " (2-D toy data; default ${DEFAULT-VALUE}).")
    int logEvery;
    @Option(names = "--batch", description = "Batch size of each step (default 256; 64 for images, the WGAN-GP paper's).")
    Integer batchOption;
    int batch;
    @Option(names = "--lr", description = "Base learning rate of both networks (default: 5e-5 with clip (RMSprop);"
            + " with Adam " + WganToyDefaults.GP_RATE + " for gp and " + WganToyDefaults.SN_RATE + " for sn; for images "
            + WganImageDefaults.ADAM_RATE + ", the WGAN-GP paper's CIFAR-10 rate).")
    Double lr;
    @Option(names = "--schedule", description = "Learning-rate schedule over logging periods: const, linear, step:N:F,"
            + " cos:T, poly:T[:P], ... (default: linear, decay to 0 over the run (the last logging period trains at"
            + " 1/periods of the rate), images too; const with clip on images).")
    String schedule;
    @Option(names = "--gp-weight", description = "λ of the gradient penalty (default 0.1, the WGAN-GP toy experiments';"
            + " 10 for images, as their image experiments).")
    Double gpWeightOption;
    double gpWeight;
    @Option(names = "--clip", defaultValue = "0.01", description = "c of weight clipping to [-c, c] (default ${DEFAULT-VALUE}).")
    double clip;
    @Option(names = "--ema", defaultValue = "0", description = "Decay d of the average of the generator's weights that"
            + " samples are drawn from, updated after every generator step (0: none, sample from the generator;"
            + " default ${DEFAULT-VALUE}).")
    double ema;
    @Option(names = "--betas", description = "Adam's β₁,β₂ under gp and sn (default 0.5,0.9; 0,0.9 for sn on"
            + " low-dimensional data; the WGAN-GP paper uses 0.5,0.9 and 0,0.9, the SN-GAN paper also 0.5,0.999).")
    String betas;
    @Option(names = "--width", defaultValue = "512", description = "Width of every hidden layer (default ${DEFAULT-VALUE}).")
    int width;
    @Option(names = "--hidden", defaultValue = "3", description = "Hidden layers of each network (default ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--latent", description = "Dimension of z (default 2; 64 for images).")
    Integer latentOption;
    int latent;
    @Option(names = "--arch", description = "Networks: mlp (--width, --hidden) or conv (DCGAN-style strided convolutions,"
            + " --channels; images only). Default: conv for image data, mlp otherwise.")
    String arch;
    @Option(names = "--channels", defaultValue = "64", description = "Base channel width c of the conv networks: critic"
            + " C → c → 2c, generator 2c → c → C (default ${DEFAULT-VALUE}).")
    int channels;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of initialization, shuffling and noise (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--checkpoint", description = "Write OUT/checkpoint after every logging period (resumable).")
    boolean checkpoint;
    @Option(names = "--resume", description = "Continue the run saved in OUT/checkpoint (same settings; --steps may be raised).")
    boolean resume;
    @Option(names = "--overwrite", description = OutputFolder.OVERWRITE)
    boolean overwrite;
    @Option(names = "--json", description = "Print the final summary (summary.json's content and the output folder) as one JSON object.")
    boolean json;
    @Option(names = "--no-plots", description = "Do not write OUT/figures and OUT/report.html (draw them later with"
            + " 'latent4j plot OUT'; the snapshots they need are written anyway).")
    boolean noPlots;

    double[] adamBetas;

    @Spec
    CommandSpec spec;

    /** β₁: --betas', or WganToyDefaults' on low-dimensional data, or the papers' 0.5 on images. */
    private double beta1(Lipschitz l, Dataset trainSet) {
        return adamBetas != null ? adamBetas[0] : trainSet.isImage() ? WganImageDefaults.BETA1 : WganToyDefaults.beta1(l);
    }

    /** {@code --betas} as two numbers in [0, 1), or a usage error naming the value. */
    private double[] parseBetas() {
        String[] parts = betas.split(",", -1);
        double[] b = new double[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                b[i] = Double.parseDouble(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            b = new double[0];
        }
        if (b.length != 2 || !(b[0] >= 0 && b[0] < 1) || !(b[1] >= 0 && b[1] < 1)) {
            throw Usage.error(spec, "--betas must be two numbers in [0, 1) separated by a comma, such as 0.5,0.9 or 0,0.9;"
                    + " got '" + betas + "'");
        }
        return b;
    }

    @Override
    public Integer call() throws IOException {
        Console console = Console.of(spec);
        batch = batchOption != null ? batchOption : 256;
        gpWeight = gpWeightOption != null ? gpWeightOption : 0.1;
        latent = latentOption != null ? latentOption : 2;
        Usage.atLeast(spec, "--steps", steps, 1);
        Usage.atLeast(spec, "--channels", channels, 1);
        Usage.atLeast(spec, "--critic-steps", criticSteps, 1);
        Usage.atLeast(spec, "--log-every", logEvery, 1);
        Usage.atLeast(spec, "--batch", batch, 1);
        Usage.atLeast(spec, "--width", width, 1);
        Usage.atLeast(spec, "--hidden", hidden, 1);
        Usage.atLeast(spec, "--latent", latent, 1);
        Usage.number(spec, "--clip", clip, 0, true);
        Usage.number(spec, "--gp-weight", gpWeight, 0, false);
        if (!(ema >= 0 && ema < 1)) {
            throw Usage.error(spec, "--ema must be in [0, 1) (0: no average), got " + ema);
        }
        if (lr != null) {
            Usage.number(spec, "--lr", lr, 0, true);
        }
        adamBetas = betas == null ? null : parseBetas();
        OutputFolder folder = OutputFolder.open(spec, "--out", out, OutputLayout.WGAN_RUN, overwrite || resume,
                "--overwrite to replace its outputs (or --resume to continue its checkpoint)");
        return folder.run(spec, () -> train(console));
    }

    private int train(Console console) throws IOException {
        Lipschitz l = Usage.option(spec, "--lipschitz", () -> Lipschitz.parse(lipschitz));
        long rowsPerStep = (long) criticSteps * batch;
        if (rowsPerStep * logEvery > 50_000_000L) {
            throw Usage.error(spec, "--log-every × --critic-steps × --batch = " + rowsPerStep * logEvery
                    + " rows per logging period; at most 50,000,000");
        }
        DataSpec parsed = Usage.option(spec, "--data", () -> DataSpec.parse(data, Fallback.SUBSET));
        boolean toy = parsed instanceof DataSpec.Toy2d && !data.contains("rows=");
        if (toy) {
            DataSpec.Toy2d t = (DataSpec.Toy2d) parsed;
            parsed = new DataSpec.Toy2d(t.name(), Math.toIntExact(rowsPerStep * logEvery), t.seed());
        }
        Splits splits = parsed.load(Catalogue.standard());
        Dataset trainSet = splits.train();
        Architecture architecture = WganModels.architecture(spec, arch, trainSet);
        if (trainSet.isImage()) {
            // the WGAN-GP paper's image settings where the command line gives none
            batch = batchOption != null ? batchOption : WganModels.IMAGE_BATCH;
            gpWeight = gpWeightOption != null ? gpWeightOption : WganModels.IMAGE_GP_WEIGHT;
            latent = latentOption != null ? latentOption : WganModels.IMAGE_LATENT;
            rowsPerStep = (long) criticSteps * batch;
        }
        DataMatrix train = matrix(trainSet);
        DataMatrix test = splits.test() == null ? null : matrix(splits.test());
        int stepsPerEpoch = (int) ((train.rows() + rowsPerStep - 1) / rowsPerStep);
        int epochs = (steps + stepsPerEpoch - 1) / stepsPerEpoch;
        WganConfig config = Usage.option(spec, "model options", () -> WganModels.config(new WganConfig(train.cols(), latent,
                width, hidden, l, clip, gpWeight, criticSteps, beta1(l, trainSet), adamBetas != null ? adamBetas[1] : WganToyDefaults.BETA2, ema), architecture, channels, trainSet));
        // decayed linearly to 0 with Adam: from 2e-4 on images (WganImageDefaults), a larger rate on low-dimensional data
        double rate = lr != null ? lr
                : trainSet.isImage() ? WganImageDefaults.learningRate(l) : WganToyDefaults.learningRate(l);
        String rates = schedule != null ? schedule
                : trainSet.isImage() ? WganImageDefaults.schedule(l) : WganToyDefaults.SCHEDULE;
        Path checkpointDir = out.resolve("checkpoint");
        TrainingConfig training = Usage.option(spec, "training options", () -> TrainingConfig.builder().epochs(epochs)
                .batchSize(batch).optimizer(WganObjective.optimizerName(l)).learningRate(rate).schedule(rates)
                .seed(seed).checkpointDir(checkpoint || resume ? checkpointDir : null).build());
        ModeCoverage coverage = coverage(parsed);
        Wgan model = Wgan.create(config, seed);
        WganObjective objective = new WganObjective(model, rate, coverage);
        RunRecord.write(spec, out);
        console.info("training a WGAN (%s, %s, latent %d, %d critic steps) on %s: %d examples%s,"
                        + " %d generator steps of batch %d, learning rate %s (schedule %s), %s", l.cliName(),
                WganModels.describe(config), latent, criticSteps, train.name(), train.rows(),
                test == null ? "" : ", held out " + test.rows(), epochs * stepsPerEpoch, batch, rate, rates,
                Threads.count() == 1 ? "1 thread" : Threads.count() + " threads");
        MetricsLog metrics = new MetricsLog(out);
        WganDisplay display = new WganDisplay(console, stepsPerEpoch);
        Trainer trainer = new Trainer(training).listener(metrics).listener(display);
        WganSnapshotFiles snapshots = snapshots(model, train, test, trainSet, stepsPerEpoch);
        if (snapshots != null) {
            trainer.listener(snapshots);
        }
        TrainingHistory history;
        try {
            if (resume) {
                history = trainer.resume(objective, train, test, checkpointDir);
                metrics.replaceWith(history);
            } else {
                history = trainer.fit(objective, train, test);
            }
        } finally {
            display.close();
        }
        ObjectNode summary = VaeRunFiles.summary(history, trainSet.name(), train.rows(), test == null ? 0 : test.rows(), null);
        summary.put("generator_steps", history.epochs().size() * stepsPerEpoch);
        summary.put("steps_per_line", stepsPerEpoch);
        ObjectNode meta = Json.mapper().createObjectNode();
        meta.put("dataset", trainSet.name());
        meta.put("data_source", trainSet.source());
        meta.put("data_spec", data);
        meta.put("seed", seed);
        if (trainSet.isImage()) {
            meta.put("image_channels", trainSet.channels());
            meta.put("image_height", trainSet.height());
            meta.put("image_width", trainSet.width());
        }
        meta.set("training", training.toJson());
        meta.set("metrics", summary);
        WganFiles.save(model, out.resolve("model"), meta);
        AtomicFiles.writeString(out.resolve(VaeRunFiles.SUMMARY), Json.writePretty(summary));
        console.info("wrote %s, %s, %s and %s", out.resolve("model"), out.resolve(VaeRunFiles.METRICS),
                out.resolve(VaeRunFiles.SUMMARY), out.resolve(RunRecord.FILE));
        if (!noPlots) {
            console.info("wrote %s", WganRunReport.plot(out));
        }
        if (json) {
            console.json(summary.deepCopy().put("out", out.toString()));
        }
        return 0;
    }

    /**
     * What the figures need during training, written to OUT/snapshots: for 2-D data the points of fixed codes
     * and the critic on a grid over the training points, with held-out points to draw them over; for images a
     * sample grid of fixed codes; null (no snapshots) for other data.
     */
    private WganSnapshotFiles snapshots(Wgan model, DataMatrix train, DataMatrix test, Dataset trainSet, int stepsPerEpoch) {
        if (train.cols() == 2) {
            return new WganSnapshotFiles(out, model, WganSnapshot.Probe.points2d(model.config(), train, seed), stepsPerEpoch,
                    test != null ? test : train);
        }
        if (trainSet.isImage()) {
            return new WganSnapshotFiles(out, model, WganSnapshot.Probe.samples(model.config(), seed), stepsPerEpoch, null);
        }
        return null;
    }

    /** The mode measures of a 2-D mixture, or null for other data. */
    static ModeCoverage coverage(DataSpec spec) {
        if (spec instanceof DataSpec.Toy2d t && Mixtures2d.means(t.name()) != null) {
            return new ModeCoverage(Mixtures2d.means(t.name()), Mixtures2d.std(t.name()));
        }
        return null;
    }

    private static DataMatrix matrix(Dataset d) {
        String name = d.source().equals(d.name()) ? d.name() : d.name() + " (" + d.source() + ")";
        return new DataMatrix(name, d.x(), d.rows(), d.cols());
    }
}
