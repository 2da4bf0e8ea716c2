package org.trm4j.runtime;

import org.trm4j.api.ByteArray;
import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.LongArray;
import org.trm4j.api.NativeArray;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.ir.Type;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Matches a task's arguments (as the program passed them) to a compiled kernel's parameters, with
 * messages that name the argument and the kernel when a type is wrong. Shared by all device backends.
 */
public final class KernelArguments {
    private KernelArguments() {}

    /**
     * The value of each of {@code k.params}, in order: a NativeArray of the right class for array
     * parameters, and for scalars a canonical box of the register's type (Integer, Long, Float,
     * Double or Boolean; Short, Byte and Character widen to Integer, and a Boolean for an int register,
     * which is how the JVM carries a boolean parameter, becomes 1 or 0).
     */
    public static Object[] values(Kernel k, Object[] args) {
        Object[] out = new Object[k.params.size()];
        for (int i = 0; i < out.length; i++) out[i] = valueOf(k, k.params.get(i), args);
        return out;
    }

    /** One parameter's value, checked. */
    public static Object valueOf(Kernel k, Param p, Object[] args) {
        if (args == null || p.javaIndex() >= args.length)
            throw new IllegalArgumentException(kernelName(k) + " needs an argument at position " + p.javaIndex()
                    + " ('" + p.name() + "'), but the task passes " + (args == null ? 0 : args.length) + " argument(s)");
        Object a = args[p.javaIndex()];
        return switch (p) {
            case Param.Array arr -> {
                Class<? extends NativeArray> want = arrayClass(arr.elementType());
                if (!want.isInstance(a)) throw wrongType(k, p, want.getSimpleName(), a);
                yield a;
            }
            case Param.Scalar s -> scalar(k, s, a);
        };
    }

    /** True when one host array is passed for two or more array parameters (so {@code restrict} would be wrong). */
    public static boolean hasAliasedArrays(Kernel k, Object[] args) {
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        for (Param p : k.params)
            if (p instanceof Param.Array && p.javaIndex() < args.length && args[p.javaIndex()] != null
                    && seen.put(args[p.javaIndex()], Boolean.TRUE) != null) return true;
        return false;
    }

    /** The host class that carries arrays of {@code element}. */
    public static Class<? extends NativeArray> arrayClass(Type element) {
        return switch (element) {
            case FLOAT -> FloatArray.class;
            case INT -> IntArray.class;
            case DOUBLE -> DoubleArray.class;
            case BYTE -> ByteArray.class;
            case LONG -> LongArray.class;
            case HALF -> org.trm4j.api.HalfArray.class;
            case SHORT -> org.trm4j.api.ShortArray.class;
            case CHAR -> org.trm4j.api.CharArray.class;
            case BOOL -> throw new IllegalArgumentException("no host array class holds " + element + " elements");
        };
    }

    private static Object scalar(Kernel k, Param.Scalar s, Object a) {
        Type t = s.reg().type();
        return switch (t) {
            case INT, BYTE -> switch (a) {
                case Integer i -> i;
                // The hidden column count of a Matrix2D parameter comes from the matrix itself.
                case org.trm4j.api.Matrix2D m -> m.getNumColumns();
                case Short v -> (int) v;
                case Byte v -> (int) v;
                case Character v -> (int) v;
                // The JVM has no boolean type: the front end gives a boolean parameter an int register.
                case Boolean v -> v ? 1 : 0;
                case null, default -> throw wrongType(k, s, "int", a);
            };
            case LONG -> switch (a) {
                case Long v -> v;
                case Integer v -> (long) v;
                case Short v -> (long) v;
                case Byte v -> (long) v;
                case Character v -> (long) v;
                case null, default -> throw wrongType(k, s, "long", a);
            };
            case FLOAT -> switch (a) {
                case Float v -> v;
                case null, default -> throw wrongType(k, s, "float", a);
            };
            case DOUBLE -> switch (a) {
                case Double v -> v;
                case Float v -> (double) v;
                case null, default -> throw wrongType(k, s, "double", a);
            };
            case BOOL -> throw new IllegalStateException("the IR has no boolean scalar parameters (IrVerifier): " + s.name());
            case HALF, SHORT, CHAR -> throw new IllegalStateException("the IR has no " + t + " scalar parameters: " + s.name());
        };
    }

    private static IllegalArgumentException wrongType(Kernel k, Param p, String want, Object got) {
        return new IllegalArgumentException("argument " + p.javaIndex() + " ('" + p.name() + "') of " + kernelName(k)
                + " must be " + want + ", got " + (got == null ? "null" : got.getClass().getSimpleName()));
    }

    /** "Class.method" from the kernel's "pkg.Class.method". */
    public static String kernelName(Kernel k) {
        return kernelName(k.source == null || k.source.isEmpty() ? k.name : k.source);
    }

    /** "Class.method" of a kernel method, named as {@link #kernelName(Kernel)} names its IR. */
    public static String kernelName(java.lang.reflect.Method m) {
        return kernelName(m.getDeclaringClass().getName() + "." + m.getName());
    }

    private static String kernelName(String s) {
        int last = s.lastIndexOf('.');
        int prev = last < 0 ? -1 : s.lastIndexOf('.', last - 1);
        return s.substring(prev + 1);
    }
}
