package org.latent4j.nn;

import java.util.Arrays;
import org.latent4j.random.RandomSource;
import org.latent4j.runtime.Threads;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * Prints the time of one forward + backward pass of LSTM(28→256) and GRU(28→256) over B = 128 sequences of
 * T = 28 steps (Fashion-MNIST read one row per step, the sequence VAE's encoder shape), median and fastest
 * of the rounds, for the fused kernels and, with {@code --ground-truth}, for the layer written with
 * differentiable ops. bench/recurrent_vs_torch.sh runs it beside bench/torch_recurrent_bench.py (PyTorch,
 * same shapes, same moment) and prints the ratios.
 *
 * <p>Usage: {@code RecurrentBenchMain [THREADS] [--ground-truth]}.
 */
final class RecurrentBenchMain {
    private static final int ROUNDS = 9;
    private static final int PASSES = 3;

    private RecurrentBenchMain() {}

    public static void main(String[] args) {
        Threads.set(args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors());
        boolean groundTruth = Arrays.asList(args).contains("--ground-truth");
        run("LSTM(28,256)", new Lstm(28, 256, new RandomSource(1)), true);
        run("GRU(28,256)", new Gru(28, 256, new RandomSource(1)), true);
        if (groundTruth) {
            run("LSTM(28,256)", new Lstm(28, 256, new RandomSource(1)), false);
            run("GRU(28,256)", new Gru(28, 256, new RandomSource(1)), false);
        }
    }

    private static void run(String name, Recurrent layer, boolean fused) {
        layer.fused(fused);
        Tensor x = Tensor.randn(new RandomSource(2), 128, 28, 28).requiresGrad(true);
        Tensor w = Tensor.randn(new RandomSource(3), 128, 28, 256);
        int rounds = fused ? ROUNDS : 3;
        double[] forward = new double[rounds];
        double[] both = new double[rounds];
        for (int r = 0; r < rounds; r++) {
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
                layer.forward(x).output().mul(w).sum().backward();
            }
            long t2 = System.nanoTime();
            forward[r] = (t1 - t0) / 1e6 / PASSES;
            both[r] = (t2 - t1) / 1e6 / PASSES;
        }
        Arrays.sort(forward);
        Arrays.sort(both);
        System.out.printf("latent4j%s %-13s B=128 T=28 forward median %8.2f ms min %8.2f ms | forward+backward median %8.2f ms min %8.2f ms%n",
                fused ? "" : "-ground-truth", name, forward[rounds / 2], forward[0], both[rounds / 2], both[0]);
    }
}
