package org.trm4j.jit.spirv;

import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Type;

import static org.trm4j.jit.spirv.Spv.OpenClStd;

/**
 * The SPIR-V instruction for each IR operation, after {@link org.trm4j.jit.lower.JavaSemantics} (which
 * has made shift counts, divisors, float->int inputs, Math.min/max/pow and NaN cases safe): integer
 * arithmetic wraps (never decorated NoSignedWrap); float compares are ordered or unordered as javac's
 * fcmpl/fcmpg decided (OpFOrd* / OpFUnord*).
 */
final class SpirvJavaMath {
    private final SpirvCode c;

    SpirvJavaMath(SpirvCode c) { this.c = c; }

    /** {@code a op b} of IR type {@code t}. */
    int binary(Op.Binary op, Type t, int a, int b) {
        int ty = c.type(t);
        boolean floating = t.isFloating();
        return switch (op) {
            case ADD -> c.op(floating ? Spv.Op.FAdd : Spv.Op.IAdd, ty, a, b);
            case SUB -> c.op(floating ? Spv.Op.FSub : Spv.Op.ISub, ty, a, b);
            case MUL -> c.op(floating ? Spv.Op.FMul : Spv.Op.IMul, ty, a, b);
            case DIV -> c.op(floating ? Spv.Op.FDiv : Spv.Op.SDiv, ty, a, b);
            // Java's float % truncates toward zero, like C's fmod; SRem's sign follows the dividend, as in Java.
            case REM -> floating ? c.ext(OpenClStd.fmod, ty, a, b) : c.op(Spv.Op.SRem, ty, a, b);
            case AND -> c.op(t == Type.BOOL ? Spv.Op.LogicalAnd : Spv.Op.BitwiseAnd, ty, a, b);
            case OR -> c.op(t == Type.BOOL ? Spv.Op.LogicalOr : Spv.Op.BitwiseOr, ty, a, b);
            case XOR -> c.op(t == Type.BOOL ? Spv.Op.LogicalNotEqual : Spv.Op.BitwiseXor, ty, a, b);
            case SHL -> c.op(Spv.Op.ShiftLeftLogical, ty, a, shiftCount(t, b));
            case SHR -> c.op(Spv.Op.ShiftRightArithmetic, ty, a, shiftCount(t, b));
            case USHR -> c.op(Spv.Op.ShiftRightLogical, ty, a, shiftCount(t, b));
        };
    }

    /** The (INT, already masked) shift count at the base's width: drivers that lower SPIR-V to LLVM need both of one type. */
    private int shiftCount(Type t, int count) {
        return t == Type.LONG ? c.op(Spv.Op.UConvert, c.type(Type.LONG), count) : count;
    }

    int negate(Type t, int a) {
        return c.op(t.isFloating() ? Spv.Op.FNegate : Spv.Op.SNegate, c.type(t), a);
    }

    /** {@code (to) x}: float->int truncates (inputs in range), int->float rounds, narrowing truncates, widening sign-extends. */
    int convert(Type from, Type to, int x) {
        if (from == to) return x;
        if (from.isFloating() && to.isFloating()) return c.op(Spv.Op.FConvert, c.type(to), x); // double->float rounds to nearest
        if (!from.isFloating() && to.isFloating()) return c.op(Spv.Op.ConvertSToF, c.type(to), x);
        if (from.isFloating()) return c.op(Spv.Op.ConvertFToS, c.type(to), x);
        return c.op(Spv.Op.SConvert, c.type(to), x);
    }

    /** {@code a cond b} as a bool; {@code unordered} (floats only) makes it true when either operand is NaN. */
    int compare(Op.Cond cond, Type t, boolean unordered, int a, int b) {
        int opcode;
        if (t.isFloating()) {
            opcode = unordered
                    ? switch (cond) {
                        case EQ -> Spv.Op.FUnordEqual; case NE -> Spv.Op.FUnordNotEqual;
                        case LT -> Spv.Op.FUnordLessThan; case LE -> Spv.Op.FUnordLessThanEqual;
                        case GT -> Spv.Op.FUnordGreaterThan; case GE -> Spv.Op.FUnordGreaterThanEqual;
                    }
                    : switch (cond) {
                        case EQ -> Spv.Op.FOrdEqual; case NE -> Spv.Op.FOrdNotEqual;
                        case LT -> Spv.Op.FOrdLessThan; case LE -> Spv.Op.FOrdLessThanEqual;
                        case GT -> Spv.Op.FOrdGreaterThan; case GE -> Spv.Op.FOrdGreaterThanEqual;
                    };
        } else {
            opcode = switch (cond) {
                case EQ -> Spv.Op.IEqual; case NE -> Spv.Op.INotEqual;
                case LT -> Spv.Op.SLessThan; case LE -> Spv.Op.SLessThanEqual;
                case GT -> Spv.Op.SGreaterThan; case GE -> Spv.Op.SGreaterThanEqual;
            };
        }
        return c.op(opcode, c.boolType(), a, b);
    }

    /** {@code fn(args)}; {@code t} is the type of the arguments (ISNAN returns a bool, the rest {@code t}). */
    int call(Op.Intrinsic fn, Type t, int... args) {
        int ty = c.type(t);
        return switch (fn) {
            case EXP -> c.ext(OpenClStd.exp, ty, args);
            case LOG -> c.ext(OpenClStd.log, ty, args);
            case SQRT -> c.ext(OpenClStd.sqrt, ty, args);
            case TANH -> c.ext(OpenClStd.tanh, ty, args);
            case SIN -> c.ext(OpenClStd.sin, ty, args);
            case COS -> c.ext(OpenClStd.cos, ty, args);
            case FLOOR -> c.ext(OpenClStd.floor, ty, args);
            case CEIL -> c.ext(OpenClStd.ceil, ty, args);
            case ATAN2 -> c.ext(OpenClStd.atan2, ty, args);
            case FMA -> c.ext(OpenClStd.fma, ty, args);
            case POW -> c.ext(OpenClStd.pow, ty, args);
            case ISNAN -> c.op(Spv.Op.IsNan, c.boolType(), args[0]);
            // s_abs of MIN_VALUE gives MIN_VALUE's bits back, as Java's abs does.
            case ABS -> c.ext(t.isFloating() ? OpenClStd.fabs : OpenClStd.s_abs, ty, args);
            case MIN -> c.ext(OpenClStd.s_min, ty, args); // integers only, after JavaSemantics
            case MAX -> c.ext(OpenClStd.s_max, ty, args);
            case SIGMOID, RSQRT -> throw new IllegalStateException(fn + " survived JavaSemantics");
        };
    }
}
