package org.latent4j.blas;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * A minimal, reflective door to the Foreign Function and Memory API (final in JDK 22).
 *
 * <p>The project compiles for Java 21, where the API is a preview, so it is reached by reflection
 * and only used on a JDK of version 22 or later; {@link #available()} says whether that is the case.
 * Only C functions taking and returning {@code int} or pointers are needed here.
 */
final class Foreign {
    /** The first JDK with the final foreign-function API. */
    static final int MIN_JDK = 22;

    /** A C argument or return type. */
    enum Type { INT, POINTER }

    private static final Api API = load();

    private Foreign() {}

    /** The reflective handles of the API, or null members when it is not usable. */
    private record Api(Class<?> linkerC, Object linker, Object arena, Class<?> arenaC, Class<?> lookupC, Class<?> segmentC,
                       Class<?> descriptorC, Class<?> layoutC, Class<?> optionC, Object intLayout,
                       Object addressLayout, String problem) {}

    static boolean available() {
        return API.problem() == null;
    }

    /** Why the API cannot be used here, or empty when it can. */
    static Optional<String> problem() {
        return Optional.ofNullable(API.problem());
    }

    /**
     * A handle on a C function of a shared library ({@code null}: the C library and the JVM's own
     * symbols), or empty when the library or the symbol is not there.
     */
    static Optional<MethodHandle> function(String library, String symbol, Type result, Type... args)
            throws ReflectiveOperationException {
        if (!available()) {
            return Optional.empty();
        }
        Object lookup = library == null
                ? API.linkerC().getMethod("defaultLookup").invoke(API.linker())
                : API.lookupC().getMethod("libraryLookup", String.class, API.arenaC()).invoke(null, library, API.arena());
        Optional<?> address = (Optional<?>) API.lookupC().getMethod("find", String.class).invoke(lookup, symbol);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        Object argLayouts = Array.newInstance(API.layoutC(), args.length);
        for (int i = 0; i < args.length; i++) {
            Array.set(argLayouts, i, layout(args[i]));
        }
        Object descriptor = result == null
                ? API.descriptorC().getMethod("ofVoid", API.layoutC().arrayType()).invoke(null, argLayouts)
                : API.descriptorC().getMethod("of", API.layoutC(), API.layoutC().arrayType())
                        .invoke(null, layout(result), argLayouts);
        Method downcall = API.linkerC().getMethod("downcallHandle", API.segmentC(), API.descriptorC(), API.optionC().arrayType());
        return Optional.of((MethodHandle) downcall.invoke(API.linker(), address.get(), descriptor,
                Array.newInstance(API.optionC(), 0)));
    }

    /** A NUL-terminated UTF-8 copy of {@code s} in memory that lives as long as the JVM. */
    static Object cString(String s) throws ReflectiveOperationException {
        return Class.forName("java.lang.foreign.SegmentAllocator").getMethod("allocateFrom", String.class)
                .invoke(API.arena(), s);
    }

    /** Reads the NUL-terminated string a C function returned (at most {@code maxBytes} long). */
    static String readCString(Object pointer, long maxBytes) throws ReflectiveOperationException {
        Object sized = API.segmentC().getMethod("reinterpret", long.class).invoke(pointer, maxBytes);
        return (String) API.segmentC().getMethod("getString", long.class).invoke(sized, 0L);
    }

    private static Object layout(Type t) {
        return t == Type.INT ? API.intLayout() : API.addressLayout();
    }

    private static Api load() {
        if (Runtime.version().feature() < MIN_JDK) {
            return new Api(null, null, null, null, null, null, null, null, null, null, null,
                    "needs JDK " + MIN_JDK + "+ for the foreign-function API, running " + Runtime.version().feature());
        }
        try {
            Class<?> linkerC = Class.forName("java.lang.foreign.Linker");
            Class<?> arenaC = Class.forName("java.lang.foreign.Arena");
            Class<?> valueLayoutC = Class.forName("java.lang.foreign.ValueLayout");
            return new Api(linkerC, linkerC.getMethod("nativeLinker").invoke(null), arenaC.getMethod("global").invoke(null),
                    arenaC, Class.forName("java.lang.foreign.SymbolLookup"),
                    Class.forName("java.lang.foreign.MemorySegment"),
                    Class.forName("java.lang.foreign.FunctionDescriptor"),
                    Class.forName("java.lang.foreign.MemoryLayout"), Class.forName("java.lang.foreign.Linker$Option"),
                    valueLayoutC.getField("JAVA_INT").get(null), valueLayoutC.getField("ADDRESS").get(null), null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new Api(null, null, null, null, null, null, null, null, null, null, null,
                    "cannot use the foreign-function API: " + e);
        }
    }
}
