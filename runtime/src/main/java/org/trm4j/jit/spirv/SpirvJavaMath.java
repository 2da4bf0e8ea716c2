package org.trm4j.jit.spirv;

import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Type;

import static org.trm4j.jit.spirv.Spv.OpenClStd;

/**
 * Java's arithmetic in SPIR-V instructions, computing exactly what the OpenCL C renderer's output
 * computes (see OpenClRenderer and OpenClHelpers):
 * <ul>
 * <li>integer add/sub/mul/neg wrap: SPIR-V integer arithmetic wraps unless decorated NoSignedWrap, which we never use;</li>
 * <li>shift counts are masked ({@code & 31} / {@code & 63}): SPIR-V leaves larger counts undefined;</li>
 * <li>{@code MIN_VALUE / -1 == MIN_VALUE}, {@code x % -1 == 0}, and division by zero gives 0 (a device cannot
 *     throw), without ever executing a trapping OpSDiv: the divisor is replaced by 1 in those cases first;</li>
 * <li>float to int/long truncates, saturates and maps NaN to 0;</li>
 * <li>Math.min/max: NaN wins and -0.0 &lt; +0.0 (OpenCL's fmin/fmax do neither);</li>
 * <li>Math.pow: NaN exponents and {@code pow(+-1, +-Inf)} give NaN, unlike C's pow;</li>
 * <li>float compares are ordered or unordered as javac's fcmpl/fcmpg decided (OpFOrd* / OpFUnord*).</li>
 * </ul>
 * Branch-free: every alternative is computed and the answer picked with OpSelect.
 */
final class SpirvJavaMath {
    private final SpirvCode c;

    SpirvJavaMath(SpirvCode c) { this.c = c; }

    // ---- binary operations ----

    /**
     * {@code a op b} of IR type {@code t}; {@code constantB} is b's value when it is a constant (it lets a
     * division skip the special cases and a shift mask its count at compile time), else null.
     */
    int binary(Op.Binary op, Type t, int a, int b, Long constantB) {
        int ty = c.type(t);
        boolean floating = t.isFloating();
        return switch (op) {
            case ADD -> c.op(floating ? Spv.Op.FAdd : Spv.Op.IAdd, ty, a, b);
            case SUB -> c.op(floating ? Spv.Op.FSub : Spv.Op.ISub, ty, a, b);
            case MUL -> c.op(floating ? Spv.Op.FMul : Spv.Op.IMul, ty, a, b);
            case DIV -> floating ? c.op(Spv.Op.FDiv, ty, a, b) : integerDivide(t, a, b, constantB, false);
            // Java's float % truncates toward zero, like C's fmod.
            case REM -> floating ? c.ext(OpenClStd.fmod, ty, a, b) : integerDivide(t, a, b, constantB, true);
            case AND -> c.op(t == Type.BOOL ? Spv.Op.LogicalAnd : Spv.Op.BitwiseAnd, ty, a, b);
            case OR -> c.op(t == Type.BOOL ? Spv.Op.LogicalOr : Spv.Op.BitwiseOr, ty, a, b);
            case XOR -> c.op(t == Type.BOOL ? Spv.Op.LogicalNotEqual : Spv.Op.BitwiseXor, ty, a, b);
            case SHL -> c.op(Spv.Op.ShiftLeftLogical, ty, a, shiftCount(t, b, constantB));
            case SHR -> c.op(Spv.Op.ShiftRightArithmetic, ty, a, shiftCount(t, b, constantB));
            case USHR -> c.op(Spv.Op.ShiftRightLogical, ty, a, shiftCount(t, b, constantB));
        };
    }

    /**
     * The shift count (an INT in the IR) masked as Java does and given the base's width: drivers that
     * lower SPIR-V to LLVM need both shift operands of one type.
     */
    private int shiftCount(Type t, int count, Long constantCount) {
        int mask = t == Type.LONG ? 63 : 31;
        if (constantCount != null) return c.constant(t, constantCount & mask);
        int masked = c.op(Spv.Op.BitwiseAnd, c.type(Type.INT), count, c.constant(Type.INT, mask));
        return t == Type.LONG ? c.op(Spv.Op.UConvert, c.type(Type.LONG), masked) : masked;
    }

    /**
     * Java's / and % on INT or LONG. x86 (where PoCL runs) traps on MIN_VALUE / -1 and on / 0, and
     * SPIR-V leaves both undefined, so the divisor is first made safe (1 in those cases) and the Java
     * answer selected afterwards: q = (b == 0) ? 0 : (b == -1 ? -a : a / b'); r = (b == 0 || b == -1) ? 0 : a % b'.
     */
    private int integerDivide(Type t, int a, int b, Long constantB, boolean remainder) {
        int ty = c.type(t);
        int divide = remainder ? Spv.Op.SRem : Spv.Op.SDiv; // SRem: the sign follows the dividend, as in Java
        if (constantB != null && constantB != 0 && constantB != -1) return c.op(divide, ty, a, b);
        int bool = c.boolType();
        int zero = c.constant(t, 0), minusOne = c.constant(t, -1);
        int isZero = c.op(Spv.Op.IEqual, bool, b, zero);
        int isMinusOne = c.op(Spv.Op.IEqual, bool, b, minusOne);
        int special = c.op(Spv.Op.LogicalOr, bool, isZero, isMinusOne);
        int safeB = c.op(Spv.Op.Select, ty, special, c.constant(t, 1), b);
        int plain = c.op(divide, ty, a, safeB);
        if (remainder) return c.op(Spv.Op.Select, ty, special, zero, plain);
        int negated = c.op(Spv.Op.SNegate, ty, a); // wraps: -MIN_VALUE == MIN_VALUE
        int q = c.op(Spv.Op.Select, ty, isMinusOne, negated, plain);
        return c.op(Spv.Op.Select, ty, isZero, zero, q);
    }

    int negate(Type t, int a) {
        return c.op(t.isFloating() ? Spv.Op.FNegate : Spv.Op.SNegate, c.type(t), a);
    }

    // ---- conversions ----

    /** {@code (to) x} with Java semantics. */
    int convert(Type from, Type to, int x) {
        if (from == to) return x;
        if (from == Type.BOOL) return c.op(Spv.Op.Select, c.type(to), x, c.constant(to, 1), c.constant(to, 0));
        if (to == Type.BOOL) // C's (x != 0): true for NaN, hence unordered
            return c.op(from.isFloating() ? Spv.Op.FUnordNotEqual : Spv.Op.INotEqual, c.boolType(), x, c.constant(from, 0));
        if (from.isFloating() && to.isFloating()) return c.op(Spv.Op.FConvert, c.type(to), x); // double->float rounds to nearest
        if (!from.isFloating() && to.isFloating()) return c.op(Spv.Op.ConvertSToF, c.type(to), x);
        if (from.isFloating()) {
            int wide = floatToInteger(from, to == Type.LONG ? Type.LONG : Type.INT, x);
            return to == Type.BYTE ? c.op(Spv.Op.SConvert, c.type(Type.BYTE), wide) : wide; // Java's f2i then i2b
        }
        // Integer narrowing truncates, widening sign-extends: both are OpSConvert.
        return c.op(Spv.Op.SConvert, c.type(to), x);
    }

    /**
     * Java's f2i/f2l/d2i/d2l: round toward zero (OpConvertFToS always does), saturate, NaN -> 0. The
     * conversion carries the SaturatedConversion decoration, which is how SPIR-V says convert_int_sat;
     * the explicit range selects are kept as well because a driver that drops the decoration (a
     * translation to LLVM's fptosi, say) would otherwise give an undefined value out of range.
     */
    private int floatToInteger(Type from, Type to, int x) {
        int ty = c.type(to);
        int bool = c.boolType();
        int converted = c.op(Spv.Op.ConvertFToS, ty, x);
        c.module.decorate(converted, Spv.Decoration.SaturatedConversion);
        double limit = to == Type.LONG ? 0x1p63 : 0x1p31; // exact in float and double
        long max = to == Type.LONG ? Long.MAX_VALUE : Integer.MAX_VALUE;
        long min = to == Type.LONG ? Long.MIN_VALUE : Integer.MIN_VALUE;
        int tooBig = c.op(Spv.Op.FOrdGreaterThanEqual, bool, x, c.floating(from, limit));
        int tooSmall = c.op(Spv.Op.FOrdLessThan, bool, x, c.floating(from, -limit));
        int r = c.op(Spv.Op.Select, ty, tooBig, c.constant(to, max), converted);
        r = c.op(Spv.Op.Select, ty, tooSmall, c.constant(to, min), r);
        int nan = c.op(Spv.Op.IsNan, bool, x);
        return c.op(Spv.Op.Select, ty, nan, c.constant(to, 0), r);
    }

    // ---- comparisons ----

    /** {@code a cond b} as a bool; {@code unordered} (floats only) makes it true when either operand is NaN. */
    int compare(Op.Cond cond, Type t, boolean unordered, int a, int b) {
        int bool = c.boolType();
        int opcode;
        if (t == Type.BOOL) {
            opcode = switch (cond) {
                case EQ -> Spv.Op.LogicalEqual;
                case NE -> Spv.Op.LogicalNotEqual;
                default -> throw new IllegalArgumentException("ordering comparison " + cond + " of booleans");
            };
        } else if (t.isFloating()) {
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
        return c.op(opcode, bool, a, b);
    }

    // ---- intrinsics ----

    /** {@code fn(args)}; {@code t} is the type of the arguments (ISNAN returns a bool, the rest {@code t}). */
    int call(Op.Intrinsic fn, Type t, int... args) {
        int ty = c.type(t);
        return switch (fn) {
            case EXP -> c.ext(OpenClStd.exp, ty, args);
            case LOG -> c.ext(OpenClStd.log, ty, args);
            case SQRT -> c.ext(OpenClStd.sqrt, ty, args);
            case RSQRT -> c.ext(OpenClStd.rsqrt, ty, args);
            case TANH -> c.ext(OpenClStd.tanh, ty, args);
            case SIN -> c.ext(OpenClStd.sin, ty, args);
            case COS -> c.ext(OpenClStd.cos, ty, args);
            case FLOOR -> c.ext(OpenClStd.floor, ty, args);
            case CEIL -> c.ext(OpenClStd.ceil, ty, args);
            case ATAN2 -> c.ext(OpenClStd.atan2, ty, args);
            case FMA -> c.ext(OpenClStd.fma, ty, args);
            case POW -> pow(t, args[0], args[1]);
            case SIGMOID -> sigmoid(t, args[0]);
            case ISNAN -> c.op(Spv.Op.IsNan, c.boolType(), args[0]);
            // s_abs of MIN_VALUE gives MIN_VALUE's bits back, as Java's abs does.
            case ABS -> t.isFloating() ? c.ext(OpenClStd.fabs, ty, args) : c.ext(OpenClStd.s_abs, ty, args);
            case MIN -> t.isFloating() ? javaMinMax(t, true, args[0], args[1]) : c.ext(OpenClStd.s_min, ty, args);
            case MAX -> t.isFloating() ? javaMinMax(t, false, args[0], args[1]) : c.ext(OpenClStd.s_max, ty, args);
        };
    }

    /**
     * Math.min/max: a NaN operand is the answer; equal operands (only +0.0 and -0.0 differ among them)
     * combine their bits with OR for min (-0.0 wins) and AND for max (+0.0 wins); otherwise the smaller/larger.
     */
    private int javaMinMax(Type t, boolean min, int a, int b) {
        int ty = c.type(t), bool = c.boolType(), bits = c.bitsType(t);
        int aWins = c.op(min ? Spv.Op.FOrdLessThan : Spv.Op.FOrdGreaterThan, bool, a, b);
        int pick = c.op(Spv.Op.Select, ty, aWins, a, b);
        int equal = c.op(Spv.Op.FOrdEqual, bool, a, b);
        int combined = c.op(min ? Spv.Op.BitwiseOr : Spv.Op.BitwiseAnd, bits, c.op(Spv.Op.Bitcast, bits, a), c.op(Spv.Op.Bitcast, bits, b));
        pick = c.op(Spv.Op.Select, ty, equal, c.op(Spv.Op.Bitcast, ty, combined), pick);
        pick = c.op(Spv.Op.Select, ty, c.op(Spv.Op.IsNan, bool, b), b, pick);
        return c.op(Spv.Op.Select, ty, c.op(Spv.Op.IsNan, bool, a), a, pick);
    }

    /** Math.pow: C's pow(1, NaN) is 1 and pow(-1, +-Inf) is 1, where Java says NaN. */
    private int pow(Type t, int x, int y) {
        int ty = c.type(t), bool = c.boolType();
        int absXIsOne = c.op(Spv.Op.FOrdEqual, bool, c.ext(OpenClStd.fabs, ty, x), c.floating(t, 1.0));
        int nanCase = c.op(Spv.Op.LogicalOr, bool, c.op(Spv.Op.IsNan, bool, y),
                c.op(Spv.Op.LogicalAnd, bool, absXIsOne, c.op(Spv.Op.IsInf, bool, y)));
        int nan = t == Type.FLOAT ? c.module.constantFloat(Float.intBitsToFloat(0x7fc00000))
                : c.module.constantDouble(Double.longBitsToDouble(0x7ff8000000000000L));
        return c.op(Spv.Op.Select, ty, nanCase, nan, c.ext(OpenClStd.pow, ty, x, y));
    }

    /** 1 / (1 + exp(-x)), the same operations in the same order as the OpenCL C helper. */
    private int sigmoid(Type t, int x) {
        int ty = c.type(t);
        int e = c.ext(OpenClStd.exp, ty, c.op(Spv.Op.FNegate, ty, x));
        int one = c.floating(t, 1.0);
        return c.op(Spv.Op.FDiv, ty, one, c.op(Spv.Op.FAdd, ty, one, e));
    }
}
