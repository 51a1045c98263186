package org.latent4j.cli.vae;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.latent4j.blas.Blas;
import org.latent4j.data.Splits;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.Usage;
import org.latent4j.data.Dataset;
import org.latent4j.models.networks.ConvArchitecture;
import org.latent4j.models.networks.RecurrentArchitecture;
import org.latent4j.models.networks.RecurrentCell;
import org.latent4j.models.networks.ImageShape;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.TimeSplit;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.training.TrainingListener;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeConfig;
import org.latent4j.runtime.Threads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latent4j bench vae}: the reference VAE setup (784-400-20, ReLU, Bernoulli, Adam 1e-3, batch 128,
 * seed 1; with {@code --arch conv} the reference ConvVAE, Conv 32-64 k4 s2 p1 and its transposed mirror)
 * timed per epoch, as {@code bench/torch_vae.py [--arch conv]} times PyTorch: training steps only, then the
 * held-out loss with one sample of z per example.
 */
@Command(name = "vae", mixinStandardHelpOptions = true,
        description = {"Time the reference VAE (784-400-20, Bernoulli, Adam 1e-3, batch 128) per epoch,"
                + " printing 'epoch E seconds S train L test T' lines as bench/torch_vae.py does"
                + " (and the process's processor seconds since the previous line), then the median.",
                "With --arch conv: the reference convolutional VAE (Conv 1-32-64, kernel 4, stride 2, padding 1; mirrored"
                        + " transposed convolutions), as bench/torch_vae.py --arch conv."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j bench vae",
                "  latent4j bench vae --epochs 10 --threads 1 --json",
                "  latent4j bench vae --epochs 5 --time-split",
                "  latent4j bench vae --arch conv --epochs 10",
                "  latent4j bench vae --arch lstm --epochs 2",
                "  latent4j bench vae --data fashion-mnist-small --epochs 2"})
public final class VaeBenchCommand implements Callable<Integer> {
    @Option(names = "--arch", defaultValue = "mlp", description = "mlp, conv, lstm or gru (default ${DEFAULT-VALUE}).")
    String arch;
    @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--data", defaultValue = "fashion-mnist", description = "Data (default ${DEFAULT-VALUE}).")
    String data;
    @Option(names = "--hidden", description = "mlp: hidden width (default 400); lstm/gru: hidden size (default 256).")
    Integer hidden;
    @Option(names = "--latent", defaultValue = "20", description = "Latent dimension (default ${DEFAULT-VALUE}).")
    int latent;
    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--json", description = "Print the figures as one JSON object (the epoch lines go to standard error).")
    boolean json;
    @Option(names = "--time-split", description = "After each epoch line, where the training thread's time went:"
            + " seconds per phase of a step, and how much of it in parallel loops (computing, or waiting for the"
            + " worker threads) and alone (the workers idle).")
    boolean timeSplit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Console out = Console.of(spec);
        org.latent4j.cli.console.Usage.count(spec, "--epochs", epochs);
        if (hidden != null) {
            org.latent4j.cli.console.Usage.count(spec, "--hidden", hidden);
        }
        org.latent4j.cli.console.Usage.count(spec, "--latent", latent);
        Splits s = CliData.load(data, org.latent4j.data.Fallback.NONE);
        DataMatrix train = CliData.matrix(s.train());
        DataMatrix test = s.test() == null ? null : CliData.matrix(s.test());
        VaeConfig config;
        String described;
        switch (arch) {
            case "mlp" -> {
                int h = hidden == null ? 400 : hidden;
                config = VaeConfig.builder(train.cols()).hidden(h).latentDim(latent).seed(seed).build();
                described = train.cols() + "-" + h + "-" + latent;
            }
            case "conv" -> {
                if (!s.train().isImage()) {
                    throw Usage.error(spec, "--arch conv needs images; " + train.name() + " records no image shape");
                }
                Dataset d = s.train();
                ConvArchitecture conv = ConvArchitecture.reference(new ImageShape(d.channels(), d.height(), d.width()));
                config = VaeConfig.builder(train.cols()).conv(conv).latentDim(latent).seed(seed).build();
                described = conv.describe() + " latent " + latent;
            }
            case "lstm", "gru" -> {
                int steps = Usage.option(spec, "--data", () -> org.latent4j.data.series.SequenceShape.ofImages(s.train())).steps();
                RecurrentArchitecture reference = RecurrentArchitecture.reference(RecurrentCell.parse(arch), steps,
                        train.cols() / steps);
                RecurrentArchitecture r = hidden == null ? reference : new RecurrentArchitecture(reference.cell(), steps,
                        reference.features(), hidden, 1, false, false, 0);
                config = VaeConfig.builder(train.cols()).recurrent(r).latentDim(latent).seed(seed).build();
                described = r.describe() + " latent " + latent;
            }
            default -> throw Usage.error(spec, "--arch: expected mlp, conv, lstm or gru, got '" + arch + "'");
        }
        Vae vae = Vae.create(config);
        out.info("latent4j VAE %s on %s (%d images), %d threads, BLAS %s", described,
                train.name(), train.rows(), Threads.count(), Blas.label());
        List<Map<String, Object>> splits = new ArrayList<>();
        TrainingHistory h = vae.fit(train, test, TrainingConfig.builder().epochs(epochs).seed(seed).build(),
                new TrainingListener() {
                    private long processorNanos = processorNanos();
                    private TimeSplit split;

                    @Override
                    public void onTimeSplit(int epoch, TimeSplit s) {
                        split = s;
                    }

                    @Override
                    public void onEpoch(EpochResult r) {
                        long now = processorNanos();
                        out.info("epoch %d seconds %.3f train %.3f test %.3f processor %.3f", r.epoch(), r.seconds(),
                                r.trainLoss(), r.testLoss(), (now - processorNanos) / 1e9);
                        processorNanos = now;
                        if (timeSplit && split != null) {
                            out.info("%s", describe(r.epoch(), split));
                            splits.add(record(r.epoch(), split));
                        }
                    }
                });
        double[] seconds = h.epochs().stream().mapToDouble(EpochResult::seconds).sorted().toArray();
        double median = org.latent4j.report.vae.VaeRunFiles.median(seconds);
        out.info("median epoch seconds %.3f", median);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("median_epoch_seconds", median);
            m.put("epoch_seconds", h.epochs().stream().mapToDouble(EpochResult::seconds).toArray());
            m.put("final_test_loss", h.last().testLoss());
            m.put("threads", Threads.count());
            m.put("arch", arch);
            m.put("parameters", vae.parameterCount());
            if (timeSplit) {
                m.put("time_split", splits);
            }
            out.json(m);
        }
        return 0;
    }

    /**
     * One line, e.g. {@code time split epoch 3: batches 0.049 forward 0.441 ... s; parallel loops 6580:
     * computing 0.835 s, waiting 0.175 s; alone 0.204 s}.
     */
    static String describe(int epoch, TimeSplit split) {
        StringBuilder b = new StringBuilder("time split epoch ").append(epoch).append(':');
        split.phases().forEach((phase, seconds) -> b.append(' ').append(phase.replace(' ', '-'))
                .append(String.format(Locale.ROOT, " %.3f", seconds)));
        return b.append(String.format(Locale.ROOT, " s; parallel loops %d: computing %.3f s, waiting %.3f s; alone %.3f s",
                split.loops().loops(), split.parallelSeconds(), split.waitingSeconds(), split.aloneSeconds())).toString();
    }

    private static Map<String, Object> record(int epoch, TimeSplit split) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        split.phases().forEach((phase, seconds) -> m.put(phase.replace(' ', '_') + "_seconds", seconds));
        m.put("parallel_loops", split.loops().loops());
        m.put("parallel_seconds", split.parallelSeconds());
        m.put("waiting_seconds", split.waitingSeconds());
        m.put("alone_seconds", split.aloneSeconds());
        return m;
    }

    /**
     * Processor time of the whole process so far (all threads: training, evaluation, the JIT, the collector),
     * or -1 where the JVM does not tell. On a shared machine a wall-clock epoch says how busy the machine was;
     * with one thread the processor time still says how much work an epoch is.
     */
    static long processorNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }
}
