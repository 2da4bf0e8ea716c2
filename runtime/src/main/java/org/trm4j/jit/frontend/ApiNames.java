package org.trm4j.jit.frontend;

import java.util.Map;

/**
 * The one table of foreign API classes the JIT treats as trm4j's own: the TornadoVM bridge
 * ({@code uk.ac.manchester.tornado.api}, module tornado-api) declares classes under TornadoVM's names that
 * extend or mirror trm4j's, and every place that recognises an API class by name asks {@link #canonical}.
 */
public final class ApiNames {
    private ApiNames() {}

    private static final String API = "org/trm4j/api/";
    private static final String TORNADO = "uk/ac/manchester/tornado/api/";

    /** Foreign internal name -> the trm4j internal name it stands for. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry(TORNADO + "types/arrays/FloatArray", API + "FloatArray"),
            Map.entry(TORNADO + "types/arrays/IntArray", API + "IntArray"),
            Map.entry(TORNADO + "types/arrays/DoubleArray", API + "DoubleArray"),
            Map.entry(TORNADO + "types/arrays/ByteArray", API + "ByteArray"),
            Map.entry(TORNADO + "types/arrays/LongArray", API + "LongArray"),
            Map.entry(TORNADO + "types/arrays/HalfFloatArray", API + "HalfArray"),
            Map.entry(TORNADO + "types/arrays/ShortArray", API + "ShortArray"),
            Map.entry(TORNADO + "types/arrays/CharArray", API + "CharArray"),
            Map.entry(TORNADO + "KernelContext", API + "KernelContext"),
            Map.entry(TORNADO + "types/matrix/Matrix2DFloat", API + "Matrix2D"),
            Map.entry(TORNADO + "types/matrix/Matrix2DInt", API + "Matrix2D"),
            Map.entry(TORNADO + "annotations/Parallel", API + "Parallel"),
            Map.entry(TORNADO + "annotations/Reduce", API + "Reduce"),
            Map.entry(TORNADO + "math/TornadoMath", API + "KernelMath"));

    /**
     * The TornadoVM bridge's HalfFloat: a value object with no trm4j counterpart, which kernels may construct and
     * read (its static add/sub/mult/div are inlined like any static method).
     */
    public static final String HALF_FLOAT = TORNADO + "types/HalfFloat";

    /** A vector value class (TornadoVM's Float4...) or a flat collection of them (VectorFloat4...): lane type and width. */
    public record Lanes(org.trm4j.jit.ir.Type type, int width) {}

    private static final Map<String, Lanes> VECTORS = new java.util.HashMap<>(), COLLECTIONS = new java.util.HashMap<>();
    static {
        for (var e : Map.of("Float", org.trm4j.jit.ir.Type.FLOAT, "Int", org.trm4j.jit.ir.Type.INT, "Double", org.trm4j.jit.ir.Type.DOUBLE).entrySet())
            for (int width : e.getKey().equals("Float") ? new int[] {2, 3, 4, 8} : new int[] {2, 3, 4}) {
                VECTORS.put(TORNADO + "types/vectors/" + e.getKey() + width, new Lanes(e.getValue(), width));
                COLLECTIONS.put(TORNADO + "types/collections/Vector" + e.getKey() + width, new Lanes(e.getValue(), width));
            }
    }

    /** The lanes of a vector value class such as {@code .../types/vectors/Float4}, or null. */
    public static Lanes vector(String internalName) { return VECTORS.get(internalName); }

    /** The lanes of a flat vector collection such as {@code .../types/collections/VectorFloat4}, or null. */
    public static Lanes collection(String internalName) { return COLLECTIONS.get(internalName); }

    /** The trm4j internal name {@code internalName} stands for (itself when it is no alias). */
    public static String canonical(String internalName) {
        return ALIASES.getOrDefault(internalName, internalName);
    }

    /** Same for a field/type descriptor such as {@code Luk/ac/.../Parallel;}. */
    public static String canonicalDescriptor(String descriptor) {
        if (descriptor.startsWith("L") && descriptor.endsWith(";"))
            return "L" + canonical(descriptor.substring(1, descriptor.length() - 1)) + ";";
        return descriptor;
    }

    /** Same for a class. */
    public static String canonical(Class<?> c) {
        return canonical(c.getName().replace('.', '/'));
    }

    /** True when {@code c} is, or stands for, the trm4j class {@code trm4jClass}. */
    public static boolean is(Class<?> c, Class<?> trm4jClass) {
        return c == trm4jClass || canonical(c).equals(trm4jClass.getName().replace('.', '/'));
    }
}
