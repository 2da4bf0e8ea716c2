package org.trm4j.jit.frontend;

import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import org.trm4j.jit.ir.Op;

/**
 * Which static library calls become {@link Op.Intrinsic}: KernelMath.*, the java.lang.Math functions
 * the IR has, and Float/Double.isNaN. Calls are mapped exactly as the bytecode names them
 * ({@code (float) Math.exp(x)} stays a double exp between two conversions).
 */
final class Intrinsics {
    private Intrinsics() {}

    static final String KERNEL_MATH = "org/trm4j/api/KernelMath";

    /** The intrinsic for {@code owner.name type}, or null when the call is not one. */
    static Op.Intrinsic lookup(String owner, String name, MethodTypeDesc type) {
        if (owner.equals("java/lang/Float") || owner.equals("java/lang/Double")) {
            return name.equals("isNaN") && type.parameterCount() == 1 && type.returnType().equals(ConstantDescs.CD_boolean)
                    ? Op.Intrinsic.ISNAN : null;
        }
        if (!owner.equals(KERNEL_MATH) && !owner.equals("java/lang/Math")) return null;
        Op.Intrinsic fn;
        try {
            fn = Op.Intrinsic.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (fn == Op.Intrinsic.ISNAN || fn.arity != type.parameterCount()) return null;
        // Every supported function takes and returns one primitive type (Math.abs(int) -> int, ...).
        ClassDesc r = type.returnType();
        for (ClassDesc p : type.parameterList()) if (!p.equals(r)) return null;
        boolean floating = r.equals(ConstantDescs.CD_float) || r.equals(ConstantDescs.CD_double);
        boolean integral = r.equals(ConstantDescs.CD_int) || r.equals(ConstantDescs.CD_long);
        if (floating) return fn;
        if (integral && (fn == Op.Intrinsic.ABS || fn == Op.Intrinsic.MIN || fn == Op.Intrinsic.MAX)) return fn;
        return null;
    }
}
