package org.latent4j.blas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latent4j.io.AtomicFiles;
import org.latent4j.io.Json;
import org.latent4j.runtime.Threads;
import org.latent4j.runtime.Version;

/**
 * The backend of each {@link ShapeClass}, chosen by measurement when both can run ({@code auto}): the first
 * product of a class is timed on both backends, with its own shape, and the faster one runs every later
 * product of that class. The choice is kept per machine in a small JSON file, so the timing happens once:
 * {@code $LATENT4J_CACHE/blas-choice.json} (system property {@code latent4j.cache}), by default under
 * {@code $XDG_CACHE_HOME/latent4j} or {@code ~/.cache/latent4j}. A machine is the processor model, the
 * processor and thread counts, the JVM, both backends' descriptions and latent4j's version; the file keeps
 * one entry per machine and is written atomically ({@link AtomicFiles}). A file latent4j did not write
 * (no {@code "format"} of ours) is neither trusted nor replaced.
 *
 * <p>Why measure: here latent4j's Vector API kernels run the VAE's large products at 197–254 GFLOP/s and
 * OpenBLAS 0.3.21 (its AVX2 kernels on an AVX-512 CPU it does not know) at 145–187; elsewhere the order may
 * be the other way round, and by shape.
 *
 * <p>How: the Java kernels run interpreted, then compiled twice by the JIT, before they reach their speed;
 * so the Java side runs alone for at least {@link #MIN_WARM_NANOS} and {@code 4·MIN_CALLS} calls, and until
 * neither its time improved nor the JIT finished a compilation for {@link #SETTLE_NANOS} (at most
 * {@link #MAX_NANOS}; a compilation in progress does not show, hence the long minimum); then the two take turns for {@link #TIMING_NANOS}
 * (at least {@link #MIN_CALLS} each), and each backend's fastest call counts. Each class costs one to a few
 * seconds, once per machine. Results differ between backends in the last
 * bits (another order of summation); within a run and between runs with the same cache file the choice is
 * fixed, so results repeat. {@code LATENT4J_BLAS=java} or {@code native} skips all of this.
 */
final class MeasuredChoice {
    static final String FILE = "blas-choice.json";
    private static final String FORMAT = "latent4j blas choice 1";
    private static final long SETTLE_NANOS = 500_000_000L;
    private static final long MIN_WARM_NANOS = 1_000_000_000L;
    private static final long MAX_NANOS = 8_000_000_000L;
    private static final long TIMING_NANOS = 100_000_000L;
    private static final int MIN_CALLS = 8;

    /** One measured class: the backend chosen and both speeds. */
    record Entry(Backend backend, double javaGflops, double nativeGflops, String shape) {}

    private final Backend[] chosen = new Backend[ShapeClass.COUNT];
    private final Map<Integer, Entry> entries = new LinkedHashMap<>();
    private final Path file;
    private final String machine;
    private boolean loaded;

    MeasuredChoice(Path file, String machine) {
        this.file = file;
        this.machine = machine;
    }

    /** The choice for this machine, cached in {@link #defaultFile()}. */
    static MeasuredChoice standard() {
        return new MeasuredChoice(defaultFile(), machine());
    }

    /** Where the choice is kept: see the class comment. */
    static Path defaultFile() {
        String dir = System.getProperty("latent4j.cache");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("LATENT4J_CACHE");
        }
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir).resolve(FILE);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("latent4j").resolve(FILE);
    }

    /** What identifies a machine here (see the class comment). */
    static String machine() {
        return cpuModel() + "; " + Runtime.getRuntime().availableProcessors() + " processors; " + Threads.count()
                + " threads; java " + System.getProperty("java.vm.version") + "; " + Backend.JAVA.describe() + "; "
                + Backend.NATIVE.describe() + "; latent4j " + Version.get();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // fall through
        }
        return System.getProperty("os.arch");
    }

    /** The backend for a product of class {@code c} (not {@link ShapeClass#TINY}), measuring it on first use. */
    Backend backend(int c, boolean dbl, boolean transA, boolean transB, int m, int n, int k) {
        Backend b = chosen[c];
        if (b != null) {
            return b;
        }
        synchronized (this) {
            if (!loaded) {
                load();
                loaded = true;
            }
            if (chosen[c] == null) {
                Entry e = measure(dbl, transA, transB, m, n, k);
                entries.put(c, e);
                chosen[c] = e.backend();
                save();
                System.getLogger("org.latent4j.blas").log(System.Logger.Level.DEBUG, "latent4j BLAS: " + ShapeClass.name(c)
                        + " " + e.shape() + ": java " + round(e.javaGflops()) + " GFLOP/s, native " + round(e.nativeGflops())
                        + " GFLOP/s; " + e.backend().label() + " chosen (kept in " + file + ")");
            }
            return chosen[c];
        }
    }

    /** The classes measured so far (loaded from the file or timed in this run), by name. */
    synchronized Map<String, Entry> entries() {
        if (!loaded) {
            load();
            loaded = true;
        }
        Map<String, Entry> m = new LinkedHashMap<>();
        for (int c = 0; c < ShapeClass.COUNT; c++) {
            Entry e = entries.get(c);
            if (e != null) {
                m.put(ShapeClass.name(c), e);
            }
        }
        return m;
    }

    Path file() {
        return file;
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            JsonNode root = Json.read(file);
            if (!FORMAT.equals(root.path("format").asText())) {
                return;
            }
            JsonNode mine = root.path("machines").path(machine);
            for (Iterator<Map.Entry<String, JsonNode>> it = mine.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                int c = ShapeClass.parse(f.getKey());
                JsonNode v = f.getValue();
                Backend b;
                try {
                    b = Backend.parse(v.path("backend").asText(""));
                } catch (IllegalArgumentException notOurs) {
                    continue;
                }
                if (c >= 0 && b.available()) {
                    entries.put(c, new Entry(b, v.path("java_gflops").asDouble(), v.path("native_gflops").asDouble(),
                            v.path("shape").asText("")));
                    chosen[c] = b;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // measured again, and not written over (see save)
        }
    }

    private void save() {
        try {
            ObjectNode root;
            if (Files.isRegularFile(file)) {
                JsonNode old;
                try {
                    old = Json.read(file);
                } catch (IOException | RuntimeException unreadable) {
                    return; // not a file we can read: leave it alone
                }
                if (!(old instanceof ObjectNode o) || !FORMAT.equals(o.path("format").asText())) {
                    return; // not ours
                }
                root = o;
            } else {
                root = Json.mapper().createObjectNode();
                root.put("format", FORMAT);
            }
            ObjectNode machines = root.path("machines") instanceof ObjectNode o ? o : root.putObject("machines");
            ObjectNode mine = machines.putObject(machine);
            for (int c = 0; c < ShapeClass.COUNT; c++) {
                Entry e = entries.get(c);
                if (e != null) {
                    ObjectNode v = mine.putObject(ShapeClass.name(c));
                    v.put("backend", e.backend().label());
                    v.put("java_gflops", round(e.javaGflops()));
                    v.put("native_gflops", round(e.nativeGflops()));
                    v.put("shape", e.shape());
                }
            }
            AtomicFiles.writeString(file, Json.writePretty(root));
        } catch (IOException | RuntimeException e) {
            System.getLogger("org.latent4j.blas").log(System.Logger.Level.DEBUG,
                    "latent4j BLAS: cannot keep the measured choice in " + file + " (" + e + "); it is measured again next time");
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Times both backends on an m×n×k product of this kind; see the class comment. */
    static Entry measure(boolean dbl, boolean transA, boolean transB, int m, int n, int k) {
        Runnable onJava = product(Backend.JAVA, dbl, transA, transB, m, n, k);
        Runnable onNative = product(Backend.NATIVE, dbl, transA, transB, m, n, k);
        // Warm-up of the Java side: until neither its time improved nor the JIT compiled anything for a while.
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        boolean jitTimes = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime(), quietSince = start;
        long best = Long.MAX_VALUE, compiled = jitTimes ? jit.getTotalCompilationTime() : 0;
        for (int calls = 0; ; calls++) {
            long t0 = System.nanoTime();
            onJava.run();
            long t1 = System.nanoTime();
            long nowCompiled = jitTimes ? jit.getTotalCompilationTime() : 0;
            if (t1 - t0 < best * 0.98 || nowCompiled != compiled) {
                quietSince = t1;
            }
            best = Math.min(best, t1 - t0);
            compiled = nowCompiled;
            boolean settled = calls >= 4 * MIN_CALLS && t1 - start >= MIN_WARM_NANOS && t1 - quietSince >= SETTLE_NANOS;
            if (settled || t1 - start >= MAX_NANOS) {
                break;
            }
        }
        // Timing: the two take turns (so a busy moment of the machine hits both), fastest call each.
        long bestJava = best, bestNative = Long.MAX_VALUE;
        long timing = System.nanoTime();
        for (int round = 0; round < MIN_CALLS || System.nanoTime() - timing < TIMING_NANOS; round++) {
            long t0 = System.nanoTime();
            onNative.run();
            long t1 = System.nanoTime();
            onJava.run();
            long t2 = System.nanoTime();
            bestNative = Math.min(bestNative, t1 - t0);
            bestJava = Math.min(bestJava, t2 - t1);
        }
        double flop = 2.0 * m * n * k;
        double javaGflops = flop / bestJava, nativeGflops = flop / bestNative;
        Backend b = javaGflops >= nativeGflops ? Backend.JAVA : Backend.NATIVE;
        String shape = m + "x" + k + "x" + n + (transA ? " transA" : "") + (transB ? " transB" : "");
        return new Entry(b, javaGflops, nativeGflops, shape);
    }

    /** One product of the given kind on scratch operands (fixed, non-trivial values), C overwritten. */
    private static Runnable product(Backend b, boolean dbl, boolean transA, boolean transB, int m, int n, int k) {
        int lda = transA ? m : k, ldb = transB ? k : n;
        int aLen = m * k, bLen = k * n;
        if (dbl) {
            double[] a = new double[aLen], bb = new double[bLen], c = new double[m * n];
            for (int i = 0; i < aLen; i++) {
                a[i] = (i % 17 - 8) * 0.0625;
            }
            for (int i = 0; i < bLen; i++) {
                bb[i] = (i % 13 - 6) * 0.125;
            }
            return () -> b.dgemm(transA, transB, m, n, k, 1.0, a, 0, lda, bb, 0, ldb, 0.0, c, 0, n);
        }
        float[] a = new float[aLen], bb = new float[bLen], c = new float[m * n];
        for (int i = 0; i < aLen; i++) {
            a[i] = (i % 17 - 8) * 0.0625f;
        }
        for (int i = 0; i < bLen; i++) {
            bb[i] = (i % 13 - 6) * 0.125f;
        }
        return () -> b.sgemm(transA, transB, m, n, k, 1f, a, 0, lda, bb, 0, ldb, 0f, c, 0, n);
    }
}
