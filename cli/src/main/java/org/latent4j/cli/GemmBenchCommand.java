package org.latent4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.latent4j.blas.Backend;
import org.latent4j.blas.Blas;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.Usage;
import org.latent4j.runtime.Threads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code latent4j bench gemm}: times C = op(A)·op(B) (m×k times k×n) on one or more BLAS backends
 * and prints GFLOP/s, counting 2·m·n·k floating-point operations per product.
 */
@Command(name = "gemm", mixinStandardHelpOptions = true,
        description = {"Time matrix products C = op(A)·op(B) after a warm-up and print GFLOP/s (2·m·n·k flops per product).",
                "Reports the median over samples of about 2 ms each, and the best sample."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j bench gemm",
                "  latent4j bench gemm --m 784 --k 128 --n 400 --transpose-a --backend java",
                "  latent4j bench gemm --double --seconds 3 --json",
                "  latent4j bench gemm --transpose-b --evict-mb 32"})
final class GemmBenchCommand implements Callable<Integer> {
    @Option(names = "--m", defaultValue = "128", description = "Rows of C and of op(A) (default ${DEFAULT-VALUE}).")
    int m;

    @Option(names = "--k", defaultValue = "784", description = "Shared dimension (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--n", defaultValue = "400", description = "Columns of C and of op(B) (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--transpose-a", description = "A is stored k×m and used transposed.")
    boolean transA;

    @Option(names = "--transpose-b", description = "B is stored n×k and used transposed.")
    boolean transB;

    @Option(names = "--backend", split = ",", paramLabel = "native|java",
            description = "Backend(s) to time, comma-separated (default: the one in use, see `latent4j info`;"
                    + " both when each class of products runs on the one measured faster for it).")
    List<String> backends = new ArrayList<>();

    @Option(names = "--double", description = "Time double precision (dgemm) instead of float32 (sgemm).")
    boolean dbl;

    @Option(names = "--seconds", defaultValue = "1", description = "Timed duration per backend in seconds (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed warm-up per backend in seconds (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--evict-mb", defaultValue = "0", paramLabel = "MB",
            description = {"Before each product, untimed, write this many MB of other memory so that the operands"
                    + " come from memory rather than cache, as inside a training step, where every op's inputs were"
                    + " written by other ops (default ${DEFAULT-VALUE}: operands stay in cache). 32 is more than this"
                    + " kind of machine's caches."})
    int evictMb;

    @Option(names = "--json", description = "Print one JSON object per backend, e.g. {\"gflops\": 95.2, ...}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        validate();
        List<Backend> chosen = new ArrayList<>();
        for (String b : backends) {
            chosen.add(Usage.option(spec, "--backend", () -> Backend.parse(b)));
        }
        if (chosen.isEmpty() && Blas.measuring()) {
            // products are spread over both by measurement: time both, as the measurement does
            chosen.add(Backend.NATIVE);
            chosen.add(Backend.JAVA);
        } else if (chosen.isEmpty()) {
            chosen.add(Blas.backend());
        }
        Console console = Console.of(spec);
        for (Backend backend : chosen) {
            if (!backend.available()) {
                throw new IllegalStateException("backend " + backend.label() + " is not available here: " + backend.describe());
            }
            BenchTiming.Result r = BenchTiming.time(product(backend), evictMb > 0 ? evictor(evictMb) : null, warmup, seconds);
            double flops = 2.0 * m * n * k;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("gflops", flops / r.medianNanos());
            row.put("best_gflops", flops / r.bestNanos());
            row.put("statistic", "median");
            row.put("backend", backend.label());
            row.put("precision", dbl ? "float64" : "float32");
            row.put("m", m);
            row.put("k", k);
            row.put("n", n);
            row.put("transpose_a", transA);
            row.put("transpose_b", transB);
            row.put("threads", Threads.count());
            row.put("evict_mb", evictMb);
            row.put("millis_per_product", r.medianNanos() / 1e6);
            row.put("samples", r.samples());
            if (json) {
                console.json(row);
            } else {
                console.info("gemm %s %dx%dx%d (m×k×n%s%s%s) %s, %d threads: %.1f GFLOP/s median, %.1f best"
                                + " (%.3f ms per product; %d samples of %d)",
                        backend.label(), m, k, n, transA ? ", A transposed" : "", transB ? ", B transposed" : "",
                        evictMb > 0 ? ", operands evicted by " + evictMb + " MB" : "",
                        dbl ? "float64" : "float32", Threads.count(), flops / r.medianNanos(), flops / r.bestNanos(),
                        r.medianNanos() / 1e6, r.samples(), r.repsPerSample());
            }
        }
        return 0;
    }

    private void validate() {
        for (var dim : new Object[][] {{"--m", m}, {"--k", k}, {"--n", n}}) {
            if ((int) dim[1] < 1) {
                throw new ParameterException(spec.commandLine(), dim[0] + ": expected a size >= 1, got " + dim[1]);
            }
        }
        if (evictMb < 0 || evictMb > 1024) {
            throw new ParameterException(spec.commandLine(), "--evict-mb: expected 0 to 1024, got " + evictMb);
        }
        if (!(seconds > 0) || !(warmup >= 0)) {
            throw new ParameterException(spec.commandLine(), "--seconds must be > 0 and --warmup >= 0, got "
                    + seconds + " and " + warmup);
        }
        if ((long) m * k > Integer.MAX_VALUE || (long) k * n > Integer.MAX_VALUE || (long) m * n > Integer.MAX_VALUE) {
            throw new ParameterException(spec.commandLine(), "matrices of " + m + "×" + k + "×" + n
                    + " exceed Java's array size limit");
        }
    }

    /** One product on fixed random operands; C is overwritten (beta = 0) each time. */
    private Runnable product(Backend backend) {
        SplittableRandom r = new SplittableRandom(42);
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        if (dbl) {
            double[] a = r.doubles((long) m * k, -1, 1).toArray();
            double[] b = r.doubles((long) k * n, -1, 1).toArray();
            double[] c = new double[m * n];
            return () -> backend.dgemm(transA, transB, m, n, k, 1.0, a, 0, lda, b, 0, ldb, 0.0, c, 0, n);
        }
        float[] a = floats(r, m * k);
        float[] b = floats(r, k * n);
        float[] c = new float[m * n];
        return () -> backend.sgemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
    }

    /** Writes one value per 64-byte line of a buffer of {@code mb} MB, evicting what the caches held. */
    private static Runnable evictor(int mb) {
        long[] lines = new long[mb * ((1 << 20) / Long.BYTES)];
        return () -> {
            for (int i = 0; i < lines.length; i += 8) {
                lines[i]++;
            }
        };
    }

    private static float[] floats(SplittableRandom r, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }
}
