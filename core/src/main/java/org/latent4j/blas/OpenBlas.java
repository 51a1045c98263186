package org.latent4j.blas;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * OpenBLAS's own controls ({@code openblas_set_num_threads}, {@code openblas_get_num_threads},
 * {@code openblas_get_config}), reached through the Foreign Function and Memory API.
 *
 * <p>The project compiles for Java 21, where that API is still a preview, so it is looked up
 * reflectively and only on a JDK of version 22 or later; on older JDKs, or when the system BLAS is
 * not OpenBLAS, every method reports "unavailable" and OpenBLAS keeps the thread count it read from
 * {@code OPENBLAS_NUM_THREADS} when it loaded (the {@code ./latent4j} launcher exports it).
 */
final class OpenBlas {
    private static final int MIN_JDK = 22;

    private OpenBlas() {}

    /** Resolved downcalls; every handle is null when the functions cannot be reached. */
    private record Calls(MethodHandle setThreads, MethodHandle getThreads, MethodHandle getConfig,
                         Method reinterpret, Method getString, String problem) {}

    private static final class Holder {
        static final Calls CALLS = resolve();
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

    /** OpenBLAS's build description (version, target core, options), when it can be asked. */
    static Optional<String> config() {
        Calls c = Holder.CALLS;
        if (c.getConfig() == null) {
            return Optional.empty();
        }
        try {
            Object pointer = c.getConfig().invoke();
            Object cString = c.reinterpret().invoke(pointer, 4096L);
            return Optional.of(((String) c.getString().invoke(cString, 0L)).trim());
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    private static Calls resolve() {
        if (Runtime.version().feature() < MIN_JDK) {
            return unavailable("needs JDK " + MIN_JDK + "+ for the foreign-function API, running "
                    + Runtime.version().feature());
        }
        if (!NativeGemm.status().available()) {
            return unavailable("native BLAS not loaded");
        }
        try {
            Class<?> linkerC = Class.forName("java.lang.foreign.Linker");
            Class<?> arenaC = Class.forName("java.lang.foreign.Arena");
            Class<?> lookupC = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> segmentC = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> descriptorC = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> layoutC = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> optionC = Class.forName("java.lang.foreign.Linker$Option");
            Class<?> valueLayoutC = Class.forName("java.lang.foreign.ValueLayout");
            Object linker = linkerC.getMethod("nativeLinker").invoke(null);
            Object arena = arenaC.getMethod("global").invoke(null);
            // The same library netlib's JNI binding opened, so dlopen returns the loaded instance.
            String path = System.getProperty("dev.ludovic.netlib.blas.nativeLibPath");
            String lib = path != null ? path : System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3");
            Object lookup = lookupC.getMethod("libraryLookup", String.class, arenaC).invoke(null, lib, arena);
            Method find = lookupC.getMethod("find", String.class);
            Optional<?> set = (Optional<?>) find.invoke(lookup, "openblas_set_num_threads");
            Optional<?> get = (Optional<?>) find.invoke(lookup, "openblas_get_num_threads");
            Optional<?> config = (Optional<?>) find.invoke(lookup, "openblas_get_config");
            if (set.isEmpty() || get.isEmpty() || config.isEmpty()) {
                return unavailable(lib + " is not OpenBLAS (no openblas_* functions)");
            }
            Object javaInt = valueLayoutC.getField("JAVA_INT").get(null);
            Object address = valueLayoutC.getField("ADDRESS").get(null);
            Method ofVoid = descriptorC.getMethod("ofVoid", layoutC.arrayType());
            Method of = descriptorC.getMethod("of", layoutC, layoutC.arrayType());
            Method downcall = linkerC.getMethod("downcallHandle", segmentC, descriptorC, optionC.arrayType());
            Object noOptions = Array.newInstance(optionC, 0);
            Object intArg = Array.newInstance(layoutC, 1);
            Array.set(intArg, 0, javaInt);
            Object noArgs = Array.newInstance(layoutC, 0);
            MethodHandle setH = (MethodHandle) downcall.invoke(linker, set.get(), ofVoid.invoke(null, intArg), noOptions);
            MethodHandle getH = (MethodHandle) downcall.invoke(linker, get.get(), of.invoke(null, javaInt, noArgs), noOptions);
            MethodHandle configH = (MethodHandle) downcall.invoke(linker, config.get(), of.invoke(null, address, noArgs), noOptions);
            return new Calls(setH, getH, configH, segmentC.getMethod("reinterpret", long.class),
                    segmentC.getMethod("getString", long.class), null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return unavailable("cannot reach OpenBLAS's functions: " + cause);
        }
    }

    private static Calls unavailable(String why) {
        return new Calls(null, null, null, null, null, why);
    }
}
