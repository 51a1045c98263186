package org.latent4j.runtime;

/**
 * Whether the JDK's incubating Vector API ({@code jdk.incubator.vector}) is in this JVM, and the one notice
 * given when it is not.
 *
 * <p>The module is only resolved when the JVM starts with {@code --add-modules jdk.incubator.vector} (the
 * {@code latent4j} launcher and the build's test runs pass it). Without it, touching a class that uses
 * {@code FloatVector} fails with a bare {@code NoClassDefFoundError}; so every SIMD kernel of latent4j
 * asks {@link #AVAILABLE} first and runs its scalar twin when the module is missing (same results up to
 * the order of float sums, several times slower), after {@link #noticeScalarFallback()} said so once.
 */
public final class VectorSupport {
    /** Whether {@code jdk.incubator.vector} is in the boot layer, so its classes can be loaded. */
    public static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** The notice, one line, naming what to add. */
    public static final String NOTICE = "latent4j: the Vector API is not in this JVM; using scalar kernels"
            + " (several times slower). Start java with --add-modules jdk.incubator.vector for the fast ones.";

    private static volatile boolean noticed;

    private VectorSupport() {}

    /**
     * Logs {@link #NOTICE} once per JVM, at WARNING through {@link System.Logger} ({@code org.latent4j.runtime}),
     * the first time a kernel falls back to scalar code. Does nothing when the module is present.
     */
    public static void noticeScalarFallback() {
        if (AVAILABLE || noticed) {
            return;
        }
        synchronized (VectorSupport.class) {
            if (!noticed) {
                noticed = true;
                System.getLogger("org.latent4j.runtime").log(System.Logger.Level.WARNING, NOTICE);
            }
        }
    }
}
