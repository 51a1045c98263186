package org.latent4j.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.latent4j.blas.Blas;
import org.latent4j.cli.console.Console;
import org.latent4j.nn.Conv2d;
import org.latent4j.nn.ConvTranspose2d;
import org.latent4j.nn.Layer;
import org.latent4j.random.RandomSource;
import org.latent4j.runtime.Threads;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Convolution;
import org.latent4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code latent4j bench conv}: times the four convolution layers of the convolutional VAE (the shapes of
 * {@code bench/torch_vae.py --arch conv}) on Fashion-MNIST-sized batches: the forward pass, the input
 * gradient and the weight gradient (with the bias gradient) of each, in GFLOP/s. The same lines come
 * from {@code bench/conv_layers_torch.py} for PyTorch, so {@code bench/conv_layers_vs_torch.sh} can
 * print both in one run.
 */
@Command(name = "conv", mixinStandardHelpOptions = true,
        description = {"Time the conv VAE's convolution layers (forward, input gradient, weight gradient) and print GFLOP/s.",
                "Counts 2·N·O·Ho·Wo·C·kh·kw flops per pass (the multiply-adds of the convolution, the same for all three"
                        + " passes); reports the median over samples of about 2 ms each."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j bench conv",
                "  latent4j bench conv --batch 64 --seconds 2 --json"})
final class ConvBenchCommand implements Callable<Integer> {
    @Option(names = "--batch", defaultValue = "128", description = "Images per batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seconds", defaultValue = "1", description = "Timed duration per pass in seconds (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed warm-up per pass in seconds (default ${DEFAULT-VALUE}): the JIT and the heap settle.")
    double warmup;

    @Option(names = "--cpu-time", description = {"Also report the calling thread's processor time per pass (fastest of"
            + " 10): with --threads 1 that is the whole pass's, and unlike the clock it does not count time spent waiting"
            + " for a core on a loaded machine."})
    boolean cpuTime;

    @Option(names = "--json", description = "Print one JSON object per layer and pass, e.g. {\"gflops\": 95.2, ...}.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** One layer of the conv VAE and the image-side shape it reads. */
    private record Case(String name, Layer layer, int[] input, long multiplyAdds) {}

    @Override
    public Integer call() {
        if (batch < 1 || !(seconds > 0) || !(warmup >= 0)) {
            throw new ParameterException(spec.commandLine(), "expected --batch >= 1, --seconds > 0 and --warmup >= 0, got "
                    + batch + ", " + seconds + " and " + warmup);
        }
        RandomSource rng = new RandomSource(1);
        int n = batch;
        List<Case> cases = List.of(
                new Case("enc1", new Conv2d(1, 32, 4, 2, 1, true, rng), new int[] {n, 1, 28, 28}, (long) n * 32 * 14 * 14 * 16),
                new Case("enc2", new Conv2d(32, 64, 4, 2, 1, true, rng), new int[] {n, 32, 14, 14}, (long) n * 64 * 7 * 7 * 32 * 16),
                new Case("dec1", new ConvTranspose2d(64, 32, 4, 2, 1, 0, true, rng), new int[] {n, 64, 7, 7}, (long) n * 64 * 7 * 7 * 32 * 16),
                new Case("dec2", new ConvTranspose2d(32, 1, 4, 2, 1, 0, true, rng), new int[] {n, 32, 14, 14}, (long) n * 32 * 14 * 14 * 16));
        Console console = Console.of(spec);
        if (!json) {
            console.info("latent4j conv layers, batch %d, %d threads, BLAS %s", n, Threads.count(), Blas.label());
        }
        for (Case c : cases) {
            // The input is a constant here, so the recorded backward computes only the weight and bias gradients.
            Tensor x = Tensor.rand(rng, 0, 1, c.input());
            Tensor y = c.layer().forward(x);
            Tensor seed = Tensor.rand(rng, 0, 1, y.shape());
            Tensor weight = c.layer().namedParameters().get("weight");
            Tensor bias = c.layer().namedParameters().get("bias");
            Runnable forward = () -> {
                try (var scope = Autograd.noGrad()) {
                    c.layer().forward(x);
                }
            };
            Runnable inputGrad = () -> {
                try (var scope = Autograd.noGrad()) {
                    inputGradient(c.layer(), seed, weight);
                }
            };
            Runnable weightGrad = () -> Autograd.grad(y, seed, new Tensor[] {weight, bias}, false);
            report(console, c, "forward", BenchTiming.time(forward, warmup, seconds), cpuNanos(forward));
            report(console, c, "input-grad", BenchTiming.time(inputGrad, warmup, seconds), cpuNanos(inputGrad));
            report(console, c, "weight-grad", BenchTiming.time(weightGrad, warmup, seconds), cpuNanos(weightGrad));
        }
        return 0;
    }

    /**
     * The input gradient of a layer for the output gradient {@code g}: what its backward computes (a
     * convolution's input gradient is a transposed convolution with the same weight, and the other way round).
     */
    private static Tensor inputGradient(Layer layer, Tensor g, Tensor weight) {
        int[] two = {2, 2}, one = {1, 1};
        if (layer instanceof Conv2d) {
            return Convolution.convTranspose2d(g, weight, null, two, one, new int[] {0, 0}, one);
        }
        return Convolution.conv2d(g, weight, null, two, one, one);
    }

    /** The fastest of ten runs in processor time of this thread, or NaN without --cpu-time. */
    private double cpuNanos(Runnable op) {
        if (!cpuTime) {
            return Double.NaN;
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int r = 0; r < 10; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            op.run();
            best = Math.min(best, mx.getCurrentThreadCpuTime() - t0);
        }
        return best;
    }

    private void report(Console console, Case c, String pass, BenchTiming.Result r, double cpu) {
        double flops = 2.0 * c.multiplyAdds();
        if (json) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("layer", c.name());
            row.put("pass", pass);
            row.put("gflops", flops / r.medianNanos());
            row.put("best_gflops", flops / r.bestNanos());
            row.put("millis", r.medianNanos() / 1e6);
            row.put("batch", batch);
            row.put("threads", Threads.count());
            row.put("backend", Blas.label());
            if (cpuTime) {
                row.put("cpu_millis", cpu / 1e6);
                row.put("cpu_gflops", flops / cpu);
            }
            console.json(row);
        } else {
            console.info("conv %s %s: %.3f ms, %.1f GFLOP/s (best %.1f)%s", c.name(), pass, r.medianNanos() / 1e6,
                    flops / r.medianNanos(), flops / r.bestNanos(), cpuTime
                            ? String.format(java.util.Locale.ROOT, "; processor time %.3f ms, %.1f GFLOP/s", cpu / 1e6, flops / cpu) : "");
        }
    }
}
