package org.latent4j.blas;

/** Where matrix products run. */
public enum Backend {
    /** The system BLAS (OpenBLAS) through dev.ludovic.netlib's JNI binding. */
    NATIVE("native"),
    /** latent4j's own Vector API kernels, with no native code. */
    JAVA("java");

    private final String label;

    Backend(String label) {
        this.label = label;
    }

    /** The lower-case name used in settings and reports: {@code native} or {@code java}. */
    public String label() {
        return label;
    }

    /** Whether this backend can run here (the Java one always can). */
    public boolean available() {
        return this == JAVA || NativeGemm.status().available();
    }

    /** What this backend runs on here, or why it is not available. */
    public String describe() {
        if (this == JAVA) {
            return JavaGemm.describe();
        }
        String detail = NativeGemm.status().detail();
        return NativeGemm.status().available() ? detail + OpenBlas.config().map(c -> ", " + c).orElse("") : detail;
    }

    /**
     * The number of threads this backend spreads a product over: {@link org.latent4j.runtime.Threads#count()}
     * on both paths (the native one cuts products into blocks, one single-threaded OpenBLAS call each,
     * see {@link NativeSplit}); -1 when this backend is not available.
     */
    public int threads() {
        return available() ? org.latent4j.runtime.Threads.count() : -1;
    }

    /**
     * Parses {@code native} or {@code java} (any case).
     *
     * @throws IllegalArgumentException for anything else, naming the accepted values
     */
    public static Backend parse(String s) {
        for (Backend b : values()) {
            if (b.label.equalsIgnoreCase(s.trim())) {
                return b;
            }
        }
        throw new IllegalArgumentException("BLAS backend: expected 'native' or 'java', got '" + s + "'");
    }

    /** Single-precision product on this backend; the arguments are those of {@link Blas#sgemm}. */
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        GemmChecks.check(transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            // Nothing to add (A and B are not read, as in the reference BLAS); netlib's native wrapper
            // rejects k = 0, so both paths scale C here.
            for (int i = 0; i < m; i++) {
                for (int j = cOff + i * ldc, end = j + n; j < end; j++) {
                    c[j] = beta == 0f ? 0f : beta * c[j];
                }
            }
            return;
        }
        if (this == JAVA) {
            JavaGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            NativeSplit.sgemm(NativeGemm.require(), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /** Double-precision product on this backend; the arguments are those of {@link Blas#dgemm}. */
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        GemmChecks.check(transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0.0) {
            for (int i = 0; i < m; i++) {
                for (int j = cOff + i * ldc, end = j + n; j < end; j++) {
                    c[j] = beta == 0.0 ? 0.0 : beta * c[j];
                }
            }
            return;
        }
        if (this == JAVA) {
            JavaGemm.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            NativeSplit.dgemm(NativeGemm.require(), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }
}
