package org.trm4j.jit.lower;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.IrVerifier;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

/**
 * The Java rules GPUs do not give for free, written once as IR -> IR rewrites (DESIGN.md's "Traps
 * known in advance"), so that every renderer, and any new target, inherits them. The result means
 * exactly what the input means under Java's rules (IrInterpreter gives both the same results), but
 * every operation that remains lies where the targets' native instruction agrees with Java:
 * <ul>
 * <li>shift counts are constants in 0..31 (0..63 for long) or masked with {@code & 31} / {@code & 63};</li>
 * <li>an int/long DIV or REM never sees a divisor of 0 or -1 (Java's MIN_VALUE / -1 wraps, and / 0,
 *     which Java throws for, gives 0 as a device cannot throw);</li>
 * <li>a float -> int/long conversion only sees values in range: out-of-range inputs saturate and NaN gives 0 by selects;</li>
 * <li>Math.min/max on floats become compares, selects and a bit OR/AND for -0.0 (NaN wins, -0.0 &lt; +0.0);</li>
 * <li>Math.pow keeps C's pow but gives NaN where Java does and C does not ({@code pow(x, NaN)}, {@code pow(+-1, +-inf)});</li>
 * <li>SIGMOID becomes 1 / (1 + exp(-x)) and RSQRT 1 / sqrt(x) (correctly rounded steps, never rsqrt's approximation);</li>
 * <li>compares of booleans become XOR; unordered float compares become NOT of the ordered complement
 *     unless the target has them ({@link Capability#UNORDERED_COMPARE});</li>
 * <li>a select between booleans becomes {@code (c & a) | (!c & b)} unless the target has one ({@link Capability#BOOLEAN_SELECT});</li>
 * <li>a grid-wide barrier is refused unless the target has one ({@link Capability#GRID_BARRIER}).</li>
 * </ul>
 * Renderers call {@link #lower} on the shared front-end IR; it works on a copy.
 */
public final class JavaSemantics {
    private JavaSemantics() {}

    /** What a target spells natively, so that the pass leaves it alone. */
    public enum Capability {
        /** Float compares that are true on NaN (PTX setp.ltu..., SPIR-V OpFUnord*). */
        UNORDERED_COMPARE,
        /** A select between two booleans (PTX's selp has no .pred form). */
        BOOLEAN_SELECT,
        /** A barrier over the whole grid. */
        GRID_BARRIER
    }

    public static final Set<Capability> OPENCL_C = EnumSet.of(Capability.BOOLEAN_SELECT);
    public static final Set<Capability> PTX = EnumSet.of(Capability.UNORDERED_COMPARE);
    public static final Set<Capability> SPIRV = EnumSet.of(Capability.UNORDERED_COMPARE, Capability.BOOLEAN_SELECT);

    /**
     * A lowered copy of {@code k} for a target named {@code target} (for messages) with {@code caps}.
     *
     * @throws UnsupportedOperationException when the kernel needs what the target cannot do (a grid-wide barrier)
     */
    public static Kernel lower(Kernel k, String target, Set<Capability> caps) {
        Kernel c = k.copy();
        Rules r = new Rules(c, target, caps);
        for (Block b : c.blocks) {
            List<Instr> out = new ArrayList<>(b.instrs.size());
            r.block = b;
            for (Instr i : b.instrs) {
                r.out = out;
                if (!r.rewrite(i)) out.add(i);
            }
            b.instrs.clear();
            b.instrs.addAll(out);
        }
        IrVerifier.verify(c, "java semantics for " + target);
        return c;
    }

    private static final class Rules {
        final Kernel k;
        final String target;
        final Set<Capability> caps;
        Block block;
        List<Instr> out;

        Rules(Kernel k, String target, Set<Capability> caps) {
            this.k = k;
            this.target = target;
            this.caps = caps;
        }

        /** Emits the replacement of {@code i} and returns true, or returns false to keep {@code i}. */
        boolean rewrite(Instr i) {
            switch (i) {
                case Instr.Binary(var d, var op, var a, var b) when isShift(op) -> maskCount(d, op, a, b);
                case Instr.Binary(var d, var op, var a, var b) when isIntegerDivision(op, d.type()) && !safeDivisor(b) -> guardDivisor(d, op, a, b);
                case Instr.Convert(var d, var x) when x.type().isFloating() && d.type().isIntegral() -> saturate(d, x);
                case Instr.Compare c when c.a().type() == Type.BOOL -> booleanCompare(c);
                case Instr.Compare c when c.unordered() && !caps.contains(Capability.UNORDERED_COMPARE) -> notOfOrdered(c);
                case Instr.Select(var d, var c, var a, var b) when d.type() == Type.BOOL && !caps.contains(Capability.BOOLEAN_SELECT) ->
                        emit(new Instr.Binary(d, Op.Binary.OR, binary(Op.Binary.AND, c, a), binary(Op.Binary.AND, not(c), b)));
                case Instr.Call(var d, var fn, var args) when fn == Op.Intrinsic.SIGMOID -> sigmoid(d, args.getFirst());
                case Instr.Call(var d, var fn, var args) when fn == Op.Intrinsic.RSQRT -> emit(new Instr.Binary(d, Op.Binary.DIV, one(d.type()), call(Op.Intrinsic.SQRT, args.getFirst())));
                case Instr.Call(var d, var fn, var args) when (fn == Op.Intrinsic.MIN || fn == Op.Intrinsic.MAX) && d.type().isFloating() ->
                        minMax(d, fn == Op.Intrinsic.MIN, args.get(0), args.get(1));
                case Instr.Call(var d, var fn, var args) when fn == Op.Intrinsic.POW -> pow(d, args.get(0), args.get(1));
                case Instr.Barrier(var scope) when scope == Op.BarrierScope.GLOBAL && !caps.contains(Capability.GRID_BARRIER) ->
                        throw k.unsupported(target, block, "globalBarrier() has no " + target + " equivalent, which can only synchronise "
                                + "the work-items of one work-group. Split the kernel into two tasks at the barrier, or run it on the java backend");
                default -> { return false; }
            }
            return true;
        }

        // ---- shifts ----

        private static boolean isShift(Op.Binary op) { return op == Op.Binary.SHL || op == Op.Binary.SHR || op == Op.Binary.USHR; }

        /** Java uses the count's low 5 (int) or 6 (long) bits; targets clamp (PTX) or leave it undefined (C, SPIR-V). */
        private void maskCount(Value.Reg d, Op.Binary op, Value a, Value count) {
            int mask = d.type() == Type.LONG ? 63 : 31;
            Value masked = count instanceof Value.Const c ? Value.Const.i32(((Integer) c.value()) & mask)
                    : binary(Op.Binary.AND, count, Value.Const.i32(mask));
            emit(new Instr.Binary(d, op, a, masked));
        }

        // ---- integer division ----

        private static boolean isIntegerDivision(Op.Binary op, Type t) {
            return (op == Op.Binary.DIV || op == Op.Binary.REM) && (t == Type.INT || t == Type.LONG);
        }

        private static boolean safeDivisor(Value b) {
            if (!(b instanceof Value.Const c)) return false;
            long v = ((Number) c.value()).longValue();
            return v != 0 && v != -1;
        }

        /**
         * q = b == 0 ? 0 : b == -1 ? -a : a / b', r = (b == 0 || b == -1) ? 0 : a % b', where b' is b with 0 and -1
         * replaced by 1: the target divides only where it cannot trap (x86 PoCL traps on both) or overflow.
         */
        private void guardDivisor(Value.Reg d, Op.Binary op, Value a, Value b) {
            Type t = d.type();
            boolean div = op == Op.Binary.DIV;
            if (b instanceof Value.Const c) { // 0 or -1
                boolean zero = ((Number) c.value()).longValue() == 0;
                if (zero || !div) emit(new Instr.Move(d, constant(t, 0)));
                else emit(new Instr.Unary(d, Op.Unary.NEG, a)); // wraps: -MIN_VALUE == MIN_VALUE
                return;
            }
            Value.Reg isZero = compare(Op.Cond.EQ, b, constant(t, 0));
            Value.Reg isMinusOne = compare(Op.Cond.EQ, b, constant(t, -1));
            Value.Reg special = binary(Op.Binary.OR, isZero, isMinusOne);
            Value.Reg safe = select(special, constant(t, 1), b);
            Value.Reg plain = binary(op, a, safe);
            if (!div) {
                emit(new Instr.Select(d, special, constant(t, 0), plain));
                return;
            }
            Value.Reg negated = temp(t);
            emit(new Instr.Unary(negated, Op.Unary.NEG, a));
            emit(new Instr.Select(d, isZero, constant(t, 0), select(isMinusOne, negated, plain)));
        }

        // ---- conversions ----

        /**
         * Java's f2i/f2l/d2i/d2l: truncate, saturate, NaN -> 0. The target converts only values in range
         * (anything else is undefined in C and SPIR-V); NaN fails both range tests and so converts 0.
         */
        private void saturate(Value.Reg d, Value x) {
            Type from = x.type(), to = d.type();
            if (x instanceof Value.Const c) {
                double v = ((Number) c.value()).doubleValue();
                emit(new Instr.Move(d, to == Type.LONG ? Value.Const.i64((long) v) : Value.Const.i32((int) v)));
                return;
            }
            double limit = to == Type.LONG ? 0x1p63 : 0x1p31; // exact in float and double
            Value.Reg notBelow = compare(Op.Cond.GE, x, floating(from, -limit));
            Value.Reg below = compare(Op.Cond.LT, x, floating(from, limit));
            Value.Reg inRange = binary(Op.Binary.AND, notBelow, below);
            Value.Reg raw = temp(to);
            emit(new Instr.Convert(raw, select(inRange, x, floating(from, 0))));
            Value.Reg tooBig = compare(Op.Cond.GE, x, floating(from, limit));
            Value.Reg tooSmall = compare(Op.Cond.LT, x, floating(from, -limit));
            Value max = to == Type.LONG ? Value.Const.i64(Long.MAX_VALUE) : Value.Const.i32(Integer.MAX_VALUE);
            Value min = to == Type.LONG ? Value.Const.i64(Long.MIN_VALUE) : Value.Const.i32(Integer.MIN_VALUE);
            emit(new Instr.Select(d, tooSmall, min, select(tooBig, max, raw)));
        }

        // ---- compares ----

        /** a == b on booleans is !(a ^ b); a != b is a ^ b (no target needs a boolean compare then). */
        private void booleanCompare(Instr.Compare c) {
            switch (c.cond()) {
                case NE -> emit(new Instr.Binary(c.dst(), Op.Binary.XOR, c.a(), c.b()));
                case EQ -> emit(new Instr.Unary(c.dst(), Op.Unary.NOT, binary(Op.Binary.XOR, c.a(), c.b())));
                default -> throw new IllegalStateException("ordering compare of booleans in " + k.source);
            }
        }

        /** Unordered a < b (true on NaN) is !(a >= b) ordered; likewise for the other conditions. */
        private void notOfOrdered(Instr.Compare c) {
            Op.Cond complement = switch (c.cond()) {
                case EQ -> Op.Cond.NE; case NE -> Op.Cond.EQ; case LT -> Op.Cond.GE; case LE -> Op.Cond.GT; case GT -> Op.Cond.LE; case GE -> Op.Cond.LT;
            };
            emit(new Instr.Unary(c.dst(), Op.Unary.NOT, compare(complement, c.a(), c.b())));
        }

        // ---- maths ----

        /** 1 / (1 + exp(-x)), each step rounded as Java's expression of it. */
        private void sigmoid(Value.Reg d, Value x) {
            Value.Reg negated = temp(d.type());
            emit(new Instr.Unary(negated, Op.Unary.NEG, x));
            Value.Reg e = call(Op.Intrinsic.EXP, negated);
            emit(new Instr.Binary(d, Op.Binary.DIV, one(d.type()), binary(Op.Binary.ADD, one(d.type()), e)));
        }

        /**
         * Math.min/max: a NaN operand is the answer; equal operands (only +0.0 and -0.0 differ among them)
         * combine their bits with OR for min (-0.0 wins) and AND for max (+0.0 wins); else the smaller/larger.
         */
        private void minMax(Value.Reg d, boolean min, Value a, Value b) {
            Type t = d.type(), bits = t == Type.FLOAT ? Type.INT : Type.LONG;
            Value.Reg pick = select(compare(min ? Op.Cond.LT : Op.Cond.GT, a, b), a, b);
            Value.Reg combined = binary(min ? Op.Binary.OR : Op.Binary.AND, bitcast(bits, a), bitcast(bits, b));
            pick = select(compare(Op.Cond.EQ, a, b), bitcast(t, combined), pick);
            pick = select(call(Op.Intrinsic.ISNAN, b), b, pick);
            emit(new Instr.Select(d, call(Op.Intrinsic.ISNAN, a), a, pick));
        }

        /** C's pow(1, NaN) is 1 and pow(-1, +-inf) is 1, where Java says NaN. */
        private void pow(Value.Reg d, Value x, Value y) {
            Type t = d.type();
            Value.Reg raw = temp(t);
            emit(new Instr.Call(raw, Op.Intrinsic.POW, List.of(x, y)));
            Value.Reg unitBase = compare(Op.Cond.EQ, call(Op.Intrinsic.ABS, x), one(t));
            Value.Reg infiniteExponent = compare(Op.Cond.EQ, call(Op.Intrinsic.ABS, y), floating(t, Double.POSITIVE_INFINITY));
            Value.Reg nanCase = binary(Op.Binary.OR, call(Op.Intrinsic.ISNAN, y), binary(Op.Binary.AND, unitBase, infiniteExponent));
            Value nan = t == Type.FLOAT ? Value.Const.f32(Float.intBitsToFloat(0x7fc00000)) : Value.Const.f64(Double.longBitsToDouble(0x7ff8000000000000L));
            emit(new Instr.Select(d, nanCase, nan, raw));
        }

        // ---- building blocks ----

        private void emit(Instr i) { out.add(i); }

        private Value.Reg temp(Type t) { return k.newReg(t, null); }

        private Value.Reg binary(Op.Binary op, Value a, Value b) {
            Value.Reg d = temp(a.type());
            emit(new Instr.Binary(d, op, a, b));
            return d;
        }

        /** An ordered compare (false on NaN). */
        private Value.Reg compare(Op.Cond cond, Value a, Value b) {
            Value.Reg d = temp(Type.BOOL);
            emit(new Instr.Compare(d, cond, a, b, false));
            return d;
        }

        private Value.Reg not(Value v) {
            Value.Reg d = temp(Type.BOOL);
            emit(new Instr.Unary(d, Op.Unary.NOT, v));
            return d;
        }

        private Value.Reg select(Value cond, Value a, Value b) {
            Value.Reg d = temp(a.type());
            emit(new Instr.Select(d, cond, a, b));
            return d;
        }

        private Value.Reg call(Op.Intrinsic fn, Value... args) {
            Value.Reg d = temp(fn == Op.Intrinsic.ISNAN ? Type.BOOL : args[0].type());
            emit(new Instr.Call(d, fn, List.of(args)));
            return d;
        }

        private Value.Reg bitcast(Type to, Value v) {
            Value.Reg d = temp(to);
            emit(new Instr.Bitcast(d, v));
            return d;
        }

        private static Value.Const constant(Type t, long v) { return t == Type.LONG ? Value.Const.i64(v) : Value.Const.i32((int) v); }

        private static Value.Const floating(Type t, double v) { return t == Type.FLOAT ? Value.Const.f32((float) v) : Value.Const.f64(v); }

        private static Value.Const one(Type t) { return floating(t, 1); }
    }
}
