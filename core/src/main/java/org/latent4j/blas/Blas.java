package org.latent4j.blas;

import java.util.Locale;

/**
 * Matrix products in row-major layout: the one door to BLAS.
 *
 * <p>{@code C = alpha * op(A) * op(B) + beta * C}, where op(X) is X or its transpose, all matrices
 * row-major with leading dimensions equal to their row strides (the convention of the tensors).
 * With {@code beta = 0}, C is only written, never read (NaN in it is ignored), as in the reference BLAS.
 *
 * <p>The backend is chosen once, at first use: the system OpenBLAS through dev.ludovic.netlib's JNI
 * binding when it loads and passes a test product ({@link Backend#NATIVE}), else latent4j's pure-Java
 * Vector API kernels ({@link Backend#JAVA}). The system property {@code latent4j.blas} or the
 * environment variable {@code LATENT4J_BLAS} set to {@code java} forces the Java path; {@code native}
 * demands the native one (an error if it cannot load); {@code auto} or nothing picks as above.
 * The choice is logged once through {@link System.Logger} ({@code org.latent4j.blas}).
 *
 * <p>Do not call these methods from inside a {@link org.latent4j.runtime.Parallel} loop: both
 * backends spread a large product over {@link org.latent4j.runtime.Threads#count()} threads themselves.
 */
public final class Blas {
    /** The system property that chooses the backend: {@code auto}, {@code native} or {@code java}. */
    public static final String PROPERTY = "latent4j.blas";
    /** The environment variable read when the property is not set. */
    public static final String ENV = "LATENT4J_BLAS";

    private Blas() {}

    private static volatile Backend selected;

    /**
     * The backend every product of this class runs on, chosen at the first call.
     *
     * @throws IllegalArgumentException if the setting is not one of the accepted values
     * @throws IllegalStateException if the setting demands the native backend and it cannot load
     */
    public static Backend backend() {
        Backend b = selected;
        if (b == null) {
            synchronized (Blas.class) {
                b = selected;
                if (b == null) {
                    b = select();
                    selected = b;
                }
            }
        }
        return b;
    }

    /** Single-precision product; see the class comment. C is m×n, op(A) m×k, op(B) k×n. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        backend().sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** Double-precision product; see the class comment. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                             double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        backend().dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    private static Backend select() {
        String setting = System.getProperty(PROPERTY);
        String source = "system property " + PROPERTY;
        if (setting == null || setting.isBlank()) {
            setting = System.getenv(ENV);
            source = "environment variable " + ENV;
        }
        String choice = setting == null || setting.isBlank() ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        System.Logger log = System.getLogger("org.latent4j.blas");
        Backend chosen = switch (choice) {
            case "java" -> Backend.JAVA;
            case "native" -> {
                NativeGemm.require();
                yield Backend.NATIVE;
            }
            case "auto" -> {
                if (Backend.NATIVE.available()) {
                    yield Backend.NATIVE;
                }
                log.log(System.Logger.Level.INFO, "latent4j: native BLAS not available (" + Backend.NATIVE.describe()
                        + "); using the pure-Java kernels. Install OpenBLAS (Debian: libopenblas0-pthread) for speed.");
                yield Backend.JAVA;
            }
            default -> throw new IllegalArgumentException(source + ": expected 'auto', 'native' or 'java', got '"
                    + setting + "'");
        };
        log.log(System.Logger.Level.DEBUG, "latent4j BLAS backend: " + chosen.label() + " (" + chosen.describe() + ")");
        return chosen;
    }
}
