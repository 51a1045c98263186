package org.latent4j.blas;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Matrix products in row-major layout: the one door to BLAS.
 *
 * <p>{@code C = alpha * op(A) * op(B) + beta * C}, where op(X) is X or its transpose, all matrices
 * row-major with leading dimensions equal to their row strides (the convention of the tensors).
 * With {@code beta = 0}, C is only written, never read (NaN in it is ignored), as in the reference BLAS.
 *
 * <p>Backends: the system OpenBLAS through dev.ludovic.netlib's JNI binding when it loads and passes a
 * test product ({@link Backend#NATIVE}), and latent4j's pure-Java Vector API kernels ({@link Backend#JAVA}).
 * With both available ({@code auto}, the default), each class of products (precision, transposes, size:
 * {@link ShapeClass}) runs on the backend that was faster for it on this machine, timed at the class's
 * first product and kept in a cache file ({@link MeasuredChoice}); products of at most
 * {@link SmallGemm#MAX_VOLUME} multiply-adds take plain Java loops. The system property
 * {@code latent4j.blas} or the environment variable {@code LATENT4J_BLAS} set to {@code java} forces the
 * Java path; {@code native} demands the native one (an error if it cannot load); {@code auto} or nothing
 * measures as above, or takes the Java path when the native one does not load.
 * The setting is logged once through {@link System.Logger} ({@code org.latent4j.blas}).
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
    /** Set in {@code auto} mode when both backends can run: the per-class choice. */
    private static volatile MeasuredChoice measured;

    /**
     * The backend products run on when one is forced or only one can run; in {@code auto} mode with both
     * available ({@link #measuring()}), the native one, though each class of products runs on the one
     * measured faster for it ({@link #label()}, {@link #measuredChoices()}).
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

    /** Whether each class of products runs on the backend measured fastest for it (auto, both available). */
    public static boolean measuring() {
        backend();
        return measured != null;
    }

    /** {@code java}, {@code native}, or {@code measured} (auto mode with both backends: per shape class). */
    public static String label() {
        return measuring() ? "measured" : backend().label();
    }

    /**
     * In {@link #measuring()} mode, the classes measured so far (here or in an earlier run on this machine),
     * by name ({@code s-NT-large}: float, B transposed, no side under 64), each as "backend (java X GFLOP/s,
     * native Y GFLOP/s, on the shape m×k×n)"; empty otherwise.
     */
    public static Map<String, String> measuredChoices() {
        Map<String, String> m = new LinkedHashMap<>();
        if (measuring()) {
            measured.entries().forEach((name, e) -> m.put(name, e.backend().label() + " (java " + Math.round(e.javaGflops())
                    + " GFLOP/s, native " + Math.round(e.nativeGflops()) + " GFLOP/s, on " + e.shape() + ")"));
        }
        return m;
    }

    /** The file that keeps the measured choices of this machine (whether or not it exists yet). */
    public static Path measuredChoiceFile() {
        return MeasuredChoice.defaultFile();
    }

    /** The backend that runs a product of this kind. */
    private static Backend backendFor(boolean dbl, boolean transA, boolean transB, int m, int n, int k) {
        Backend b = backend();
        MeasuredChoice choice = measured;
        if (choice == null || m <= 0 || n <= 0 || k <= 0) {
            return b;
        }
        int c = ShapeClass.of(dbl, transA, transB, m, n, k);
        return c == ShapeClass.TINY ? Backend.JAVA : choice.backend(c, dbl, transA, transB, m, n, k);
    }

    /** Single-precision product; see the class comment. C is m×n, op(A) m×k, op(B) k×n. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        backendFor(false, transA, transB, m, n, k).sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** Double-precision product; see the class comment. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                             double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        backendFor(true, transA, transB, m, n, k).dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
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
                    measured = MeasuredChoice.standard();
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
