package org.latent4j.blas;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OpenBLAS's own controls ({@code openblas_set_num_threads}, {@code openblas_get_num_threads},
 * {@code openblas_get_config}) and the choice of its CPU kernels, through {@link Foreign}.
 *
 * <p>On a JDK older than 22, or when the system BLAS is not OpenBLAS, every method reports
 * "unavailable" and OpenBLAS keeps the thread count it read from {@code OPENBLAS_NUM_THREADS} when it
 * loaded (the {@code ./latent4j} launcher exports it).
 */
final class OpenBlas {
    /** CPU features OpenBLAS's SkylakeX kernels need (Linux {@code /proc/cpuinfo} names). */
    private static final Set<String> AVX512 = Set.of("avx512f", "avx512dq", "avx512bw", "avx512vl");

    private OpenBlas() {}

    /** Resolved downcalls; every handle is null when the functions cannot be reached. */
    private record Calls(MethodHandle setThreads, MethodHandle getThreads, MethodHandle getConfig, String problem) {}

    private static final class Holder {
        static final Calls CALLS = resolve();
    }

    /**
     * Before the native library loads: on an AMD CPU with AVX-512 (Zen 4 and later) and with
     * {@code OPENBLAS_CORETYPE} not set, sets it to {@code SkylakeX}. OpenBLAS picks its kernels from
     * a table of the CPUs it knows; releases older than Zen 4 (Debian 12's 0.3.21, for instance) run
     * these CPUs on their AVX2 "Haswell" kernels, at about half the single-precision speed measured
     * here. Intel CPUs with AVX-512 are left alone: OpenBLAS has known them for years. A value the
     * user set is always kept. Returns what was done, for the backend description.
     */
    static Optional<String> chooseKernels() {
        if (System.getenv("OPENBLAS_CORETYPE") != null || !Foreign.available()) {
            return Optional.empty();
        }
        CpuInfo cpu = cpuInfo();
        if (!cpu.vendor().equals("AuthenticAMD") || !cpu.flags().containsAll(AVX512)) {
            return Optional.empty();
        }
        try {
            Optional<MethodHandle> setenv = Foreign.function(null, "setenv", Foreign.Type.INT,
                    Foreign.Type.POINTER, Foreign.Type.POINTER, Foreign.Type.INT);
            if (setenv.isEmpty()) {
                return Optional.empty();
            }
            int rc = (int) setenv.get().invoke(Foreign.cString("OPENBLAS_CORETYPE"), Foreign.cString("SkylakeX"), 0);
            return rc == 0 ? Optional.of("OPENBLAS_CORETYPE=SkylakeX set for this AVX-512 CPU") : Optional.empty();
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    /** The vendor and feature flags of the first CPU in {@code /proc/cpuinfo}. */
    private record CpuInfo(String vendor, Set<String> flags) {}

    private static CpuInfo cpuInfo() {
        String vendor = "";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                String value = line.substring(line.indexOf(':') + 1).trim();
                if (line.startsWith("vendor_id")) {
                    vendor = value;
                } else if (line.startsWith("flags")) {
                    return new CpuInfo(vendor, Set.copyOf(List.of(value.split("\\s+"))));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or unreadable: keep OpenBLAS's own choice.
        }
        return new CpuInfo(vendor, Set.of());
    }

    /** Whether OpenBLAS's thread count can be changed from here. */
    static boolean controllable() {
        return Holder.CALLS.setThreads() != null;
    }

    /** Why the controls are unavailable, or empty when they are. */
    static Optional<String> problem() {
        return Optional.ofNullable(Holder.CALLS.problem());
    }

    /** Sets OpenBLAS's thread count; returns false when that is not possible here. */
    static boolean setThreads(int n) {
        MethodHandle h = Holder.CALLS.setThreads();
        if (h == null) {
            return false;
        }
        try {
            h.invoke(n);
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    /** OpenBLAS's current thread count, or -1 when it cannot be asked. */
    static int threads() {
        MethodHandle h = Holder.CALLS.getThreads();
        if (h == null) {
            return -1;
        }
        try {
            return (int) h.invoke();
        } catch (Throwable e) {
            return -1;
        }
    }

    /** OpenBLAS's build description (version, kernels in use, options), when it can be asked. */
    static Optional<String> config() {
        MethodHandle h = Holder.CALLS.getConfig();
        if (h == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Foreign.readCString(h.invoke(), 4096).trim());
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    private static Calls resolve() {
        if (!Foreign.available()) {
            return new Calls(null, null, null, Foreign.problem().orElse("foreign-function API unavailable"));
        }
        if (!NativeGemm.status().available()) {
            return new Calls(null, null, null, "native BLAS not loaded");
        }
        // The same library netlib's JNI binding opened, so dlopen returns the loaded instance.
        String path = System.getProperty("dev.ludovic.netlib.blas.nativeLibPath");
        String lib = path != null ? path : System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3");
        try {
            Optional<MethodHandle> set = Foreign.function(lib, "openblas_set_num_threads", null, Foreign.Type.INT);
            Optional<MethodHandle> get = Foreign.function(lib, "openblas_get_num_threads", Foreign.Type.INT);
            Optional<MethodHandle> config = Foreign.function(lib, "openblas_get_config", Foreign.Type.POINTER);
            if (set.isEmpty() || get.isEmpty() || config.isEmpty()) {
                return new Calls(null, null, null, lib + " is not OpenBLAS (no openblas_* functions)");
            }
            return new Calls(set.get(), get.get(), config.get(), null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Calls(null, null, null, "cannot reach OpenBLAS's functions: " + cause);
        }
    }
}
