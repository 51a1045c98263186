package org.latent4j.blas;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The native path: dev.ludovic.netlib's JNI binding to the system BLAS ({@code libblas.so.3},
 * which Debian points at OpenBLAS when {@code libopenblas0-pthread} is installed).
 *
 * <p>Loaded on first use. It counts as available only when netlib's native instance is its JNI
 * class and a tiny product through it gives the right answer.
 */
final class NativeGemm {
    private static final String JNI_CLASS = "dev.ludovic.netlib.blas.JNIBLAS";

    private NativeGemm() {}

    /** The loaded native BLAS, or why there is none. */
    record Status(NativeBLAS blas, String detail) {
        boolean available() {
            return blas != null;
        }
    }

    private static final class Holder {
        static final Status STATUS = load();

        static {
            // latent4j's threads own the cores: products are cut into blocks over them (NativeSplit), so
            // OpenBLAS itself runs single-threaded (the launcher also exports OPENBLAS_NUM_THREADS=1 for
            // JDK 21, where this call cannot be made).
            if (STATUS.available()) {
                OpenBlas.setThreads(1);
            }
        }
    }

    static Status status() {
        return Holder.STATUS;
    }

    static NativeBLAS require() {
        Status s = status();
        if (!s.available()) {
            throw new IllegalStateException("native BLAS is not available (" + s.detail()
                    + "); install OpenBLAS (Debian: apt-get install libopenblas0-pthread) or use the Java path (LATENT4J_BLAS=java)");
        }
        return s.blas();
    }

    private static Status load() {
        // netlib logs a WARNING through java.util.logging when the JNI library cannot load; we report
        // the outcome ourselves (Blas logs the backend once), so keep its logger quiet meanwhile.
        Logger netlibLog = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");
        Level previous = netlibLog.getLevel();
        netlibLog.setLevel(Level.SEVERE);
        try {
            Optional<String> kernels = OpenBlas.chooseKernels();
            NativeBLAS blas = NativeBLAS.getInstance();
            if (!blas.getClass().getName().equals(JNI_CLASS)) {
                return new Status(null, "netlib's native instance is " + blas.getClass().getName() + ", not " + JNI_CLASS);
            }
            // [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50]; column-major operands swapped as in Blas.
            float[] a = {1, 2, 3, 4};
            float[] b = {5, 6, 7, 8};
            float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
            blas.sgemm("N", "N", 2, 2, 2, 1f, b, 0, 2, a, 0, 2, 0f, c, 0, 2);
            if (c[0] != 19f || c[1] != 22f || c[2] != 43f || c[3] != 50f) {
                return new Status(null, "a test product through the native library gave a wrong result");
            }
            return new Status(blas, "JNI to " + System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3")
                    + kernels.map(k -> " (" + k + ")").orElse(""));
        } catch (Throwable e) { // UnsatisfiedLinkError, RuntimeException from netlib's loader
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            Throwable cause = e.getCause();
            if (cause != null && cause.getMessage() != null) {
                why += ": " + cause.getMessage();
            }
            return new Status(null, why);
        } finally {
            netlibLog.setLevel(previous);
        }
    }
}
