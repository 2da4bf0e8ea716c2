package org.trm4j.jit.opencl;

import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

/** OpenCL C spellings of IR types and constants; constants are printed so that they parse back bit-exactly. */
final class OpenClLiterals {
    private OpenClLiterals() {}

    /** The C type of a register or array element of {@code t}. BYTE is OpenCL's {@code char}, which is signed. */
    static String type(Type t) {
        return switch (t) {
            case BOOL -> "bool";
            case BYTE -> "char";
            case INT -> "int";
            case LONG -> "long";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            // Storage only: OpenCL C allows half pointers without cl_khr_fp16 for vload_half/vstore_half.
            case HALF -> "half";
            case SHORT -> "short";
            case CHAR -> "ushort";   // Java's char is an unsigned 16-bit integer
        };
    }

    static String constant(Value.Const c) {
        Object v = c.value();
        return switch (c.type()) {
            case BOOL -> ((Boolean) v) ? "true" : "false";
            case BYTE, INT -> intLiteral(((Number) v).intValue());
            case LONG -> longLiteral(((Number) v).longValue());
            case FLOAT -> floatLiteral(((Number) v).floatValue());
            case DOUBLE -> doubleLiteral(((Number) v).doubleValue());
            case HALF, SHORT, CHAR -> throw new IllegalArgumentException("no " + c.type() + " constants");
        };
    }

    static String intLiteral(int v) {
        // -2147483648 is not a literal in C (it is -(2147483648), a long): spell MIN_VALUE as an expression.
        if (v == Integer.MIN_VALUE) return "(-2147483647 - 1)";
        return v < 0 ? "(" + v + ")" : Integer.toString(v);
    }

    static String longLiteral(long v) {
        if (v == Long.MIN_VALUE) return "(-9223372036854775807L - 1L)";
        return v < 0 ? "(" + v + "L)" : v + "L";
    }

    /**
     * Small integral values print as decimals ("2.0f"), which are exact; everything else as a C99 hex
     * float, which is exact by definition, with the decimal value in a comment for the reader.
     * NaN and infinities have no literal: they are reinterpreted bit patterns.
     */
    static String floatLiteral(float v) {
        if (Float.isNaN(v) || Float.isInfinite(v))
            return "as_float(0x" + Integer.toHexString(Float.floatToRawIntBits(v)) + "u)";
        if (v == Math.rint(v) && Math.abs(v) < 0x1p24f && !isNegativeZero(v)) return signed(Float.toString(v) + "f", v < 0);
        String hex = Float.toHexString(v) + "f";
        return signed(hex, v < 0 || isNegativeZero(v)) + " /* " + v + " */";
    }

    static String doubleLiteral(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v))
            return "as_double(0x" + Long.toHexString(Double.doubleToRawLongBits(v)) + "UL)";
        if (v == Math.rint(v) && Math.abs(v) < 0x1p53 && !isNegativeZero(v)) return signed(Double.toString(v), v < 0);
        String hex = Double.toHexString(v);
        return signed(hex, v < 0 || isNegativeZero(v)) + " /* " + v + " */";
    }

    private static boolean isNegativeZero(double v) { return v == 0 && 1 / v < 0; }

    /** Negative literals go in parentheses so that "a - -1.0f" never becomes "a --1.0f". */
    private static String signed(String s, boolean negative) { return negative ? "(" + s + ")" : s; }
}
