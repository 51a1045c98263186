package org.latent4j.nn;

import java.util.Arrays;
import java.util.function.Supplier;
import org.latent4j.random.RandomSource;
import org.latent4j.runtime.Threads;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * Prints the time of the normalization layers' forward pass (no graph) and of forward + backward
 * (training mode) on the convolutional VAE's and a critic's shapes: the median and the fastest of 15
 * rounds of 10 passes. bench/norm_vs_torch.sh runs it beside bench/torch_norm_bench.py, PyTorch on the
 * same shapes, so the two are compared at the same moment on the same machine.
 *
 * <p>Usage: {@code NormalizationBenchMain [THREADS]}.
 */
final class NormalizationBenchMain {
    private static final int ROUNDS = 15;
    private static final int PASSES = 10;

    private NormalizationBenchMain() {}

    public static void main(String[] args) {
        Threads.set(args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors());
        run("BatchNorm2d(32)", () -> new BatchNorm2d(32), 128, 32, 14, 14);
        run("BatchNorm2d(64)", () -> new BatchNorm2d(64), 128, 64, 7, 7);
        run("GroupNorm(8,32)", () -> new GroupNorm(8, 32), 128, 32, 14, 14);
        run("LayerNorm(512)", () -> new LayerNorm(512), 128, 512);
        run("BatchNorm1d(512)", () -> new BatchNorm1d(512), 128, 512);
    }

    private static void run(String name, Supplier<Layer> make, int... shape) {
        Layer layer = make.get();
        Tensor x = Tensor.randn(new RandomSource(1), shape).requiresGrad(true);
        Tensor w = Tensor.randn(new RandomSource(2), shape);
        double[] forward = new double[ROUNDS];
        double[] both = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            try (var ignored = Autograd.noGrad()) {
                for (int i = 0; i < PASSES; i++) {
                    layer.forward(x);
                }
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < PASSES; i++) {
                x.zeroGrad();
                layer.zeroGrad();
                layer.forward(x).mul(w).sum().backward();
            }
            long t2 = System.nanoTime();
            forward[r] = (t1 - t0) / 1e6 / PASSES;
            both[r] = (t2 - t1) / 1e6 / PASSES;
        }
        Arrays.sort(forward);
        Arrays.sort(both);
        System.out.printf("latent4j %-17s %-18s forward median %7.2f ms min %7.2f ms | forward+backward median %7.2f ms min %7.2f ms%n",
                name, Arrays.toString(shape).replace(" ", ""), forward[ROUNDS / 2], forward[0], both[ROUNDS / 2], both[0]);
    }
}
