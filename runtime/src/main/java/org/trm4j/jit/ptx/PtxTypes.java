package org.trm4j.jit.ptx;

import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

/** PTX spellings of IR types and constants: register classes, instruction type suffixes, exact immediates. */
final class PtxTypes {
    private PtxTypes() {}

    /** The register class of a value of {@code t}: BYTE values live sign-extended in 32-bit registers. */
    enum RegClass {
        PRED("%p", ".pred"), B16("%h", ".b16"), B32("%r", ".b32"), B64("%rd", ".b64"), F32("%f", ".f32"), F64("%fd", ".f64");
        final String prefix;
        final String declType;
        RegClass(String prefix, String declType) { this.prefix = prefix; this.declType = declType; }
    }

    static RegClass regClass(Type t) {
        return switch (t) {
            case BOOL -> RegClass.PRED;
            case BYTE, INT -> RegClass.B32;
            case LONG -> RegClass.B64;
            case FLOAT -> RegClass.F32;
            case DOUBLE -> RegClass.F64;
            case HALF -> RegClass.B16; // only the bits of a half on its way to or from memory
            case SHORT, CHAR -> RegClass.B32; // like BYTE: widened into 32-bit registers
        };
    }

    /** Signed arithmetic suffix: .s32, .s64, .f32, .f64 (BOOL: .pred). */
    static String arith(Type t) {
        return switch (t) {
            case BOOL -> ".pred";
            case BYTE, INT -> ".s32";
            case LONG -> ".s64";
            case FLOAT -> ".f32";
            case DOUBLE -> ".f64";
            case HALF -> ".f16";
            case SHORT, CHAR -> ".s32";
        };
    }

    /** Bit-size suffix for mov/selp/logic: .b32, .b64 (BOOL: .pred). */
    static String bits(Type t) {
        return switch (t) {
            case BOOL -> ".pred";
            case BYTE, INT, FLOAT -> ".b32";
            case LONG, DOUBLE -> ".b64";
            case HALF -> ".b16";
            case SHORT, CHAR -> ".b32";
        };
    }

    /** The memory type of an array element for ld/st: BYTE loads sign-extend (.s8). */
    static String memory(Type element) {
        return switch (element) {
            case BOOL, BYTE -> ".s8";
            case INT -> ".s32";
            case LONG -> ".s64";
            case FLOAT -> ".f32";
            case DOUBLE -> ".f64";
            case HALF -> ".b16";
            case SHORT -> ".s16";  // sign-extends into the 32-bit register, as saload
            case CHAR -> ".u16";   // zero-extends, as caload
        };
    }

    /** Parameter and .shared declaration types (.b8 for bytes: declarations take no signedness that matters). */
    static String declaration(Type element) {
        return switch (element) {
            case BOOL, BYTE -> ".b8";
            case INT -> ".s32";
            case LONG -> ".s64";
            case FLOAT -> ".f32";
            case DOUBLE -> ".f64";
            case HALF, SHORT, CHAR -> ".b16";
        };
    }

    /** An immediate operand, bit-exact: floats as 0fXXXXXXXX, doubles as 0dXXXXXXXXXXXXXXXX. */
    static String immediate(Value.Const c) {
        Object v = c.value();
        return switch (c.type()) {
            case BOOL -> ((Boolean) v) ? "1" : "0";
            case BYTE, INT -> Integer.toString(((Number) v).intValue());
            case LONG -> Long.toString(((Number) v).longValue());
            case FLOAT -> f32(((Number) v).floatValue());
            case DOUBLE -> f64(((Number) v).doubleValue());
            case HALF, SHORT, CHAR -> throw new IllegalArgumentException("no " + c.type() + " constants");
        };
    }

    static String f32(float v) { return String.format("0f%08X", Float.floatToRawIntBits(v)); }

    static String f64(double v) { return String.format("0d%016X", Double.doubleToRawLongBits(v)); }
}
