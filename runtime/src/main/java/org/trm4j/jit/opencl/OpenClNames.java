package org.trm4j.jit.opencl;

import org.trm4j.jit.UniqueNames;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hands out C identifiers for one kernel: Java names are kept where they are legal and free,
 * otherwise renamed, so that a Java parameter called {@code local}, {@code half} or {@code max}
 * (legal Java, reserved or a built-in in OpenCL C) cannot break the build.
 */
final class OpenClNames {
    /** Prefix of our own helper functions; user names never get it. */
    static final String HELPER_PREFIX = "jv_";

    private static final Set<String> RESERVED = Set.of(
            // C99 keywords
            "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
            "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
            "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
            "volatile", "while", "_Bool", "_Complex", "_Imaginary", "complex", "imaginary",
            // OpenCL C keywords and types
            "bool", "true", "false", "half", "quad", "uchar", "ushort", "uint", "ulong", "size_t", "ptrdiff_t",
            "intptr_t", "uintptr_t", "event_t", "sampler_t", "image1d_t", "image1d_array_t", "image1d_buffer_t",
            "image2d_t", "image2d_array_t", "image3d_t", "global", "local", "constant", "private", "kernel",
            "read_only", "write_only", "read_write", "uniform", "pipe", "NULL", "INFINITY", "NAN", "MAXFLOAT",
            // built-in functions the renderer emits or a kernel might shadow
            "min", "max", "exp", "log", "sqrt", "rsqrt", "tanh", "sin", "cos", "pow", "fabs", "abs", "fmin",
            "fmax", "fma", "floor", "ceil", "atan2", "isnan", "isinf", "isunordered", "islessgreater", "fmod",
            "barrier", "select", "clamp", "mad", "mix", "sign", "dot", "length", "normalize", "printf");

    /** Vector types (float4, int16...) are reserved too. */
    private static final Pattern VECTOR_TYPE =
            Pattern.compile("(char|uchar|short|ushort|int|uint|long|ulong|float|double|half|bool)(2|3|4|8|16)");
    /** Built-in families: get_global_id, convert_int_sat, as_float, atomic_add, atom_add... */
    private static final Pattern BUILTIN_PREFIX = Pattern.compile("(get_|convert_|as_|atomic_|atom_|vload|vstore|__).*");

    private final UniqueNames names = new UniqueNames(OpenClNames::legal);

    /** A fresh identifier close to {@code wanted}. */
    String claim(String wanted) { return names.claim(wanted); }

    private static String legal(String wanted) {
        String base = sanitize(wanted);
        return isReserved(base) ? base + "_" : base;
    }

    static boolean isReserved(String s) {
        return RESERVED.contains(s) || VECTOR_TYPE.matcher(s).matches() || BUILTIN_PREFIX.matcher(s).matches()
                || s.startsWith(HELPER_PREFIX);
    }

    /** Keeps [A-Za-z0-9_], replaces the rest (Java allows $ and Unicode letters), never starts with a digit. */
    static String sanitize(String s) {
        String b = UniqueNames.identifierChars(s);
        return Character.isDigit(b.charAt(0)) ? "v" + b : b;
    }
}
