package org.trm4j.jit.ir;

/**
 * Operators of the IR, all with Java semantics. Renderers do not emulate what their target lacks:
 * {@link org.trm4j.jit.lower.JavaSemantics} first rewrites each operation into forms the target's
 * native instruction computes exactly (masked shift counts, safe divisors, in-range conversions...).
 */
public final class Op {
    private Op() {}

    /** Binary arithmetic and bit operations. Shifts mask their count as Java does; DIV/REM by -1 of MIN_VALUE wrap. */
    public enum Binary { ADD, SUB, MUL, DIV, REM, AND, OR, XOR, SHL, SHR, USHR }

    /** Unary operations: arithmetic negation; NOT is logical not on BOOL. */
    public enum Unary { NEG, NOT }

    /** Comparison conditions. */
    public enum Cond { EQ, NE, LT, LE, GT, GE }

    /**
     * Intrinsic maths. MIN/MAX follow java.lang.Math (NaN wins, -0.0 < +0.0 for floats);
     * ABS/MIN/MAX also exist for INT and LONG. SIGMOID is 1/(1+exp(-x)). RSQRT is 1/sqrt(x).
     * ISNAN returns BOOL.
     */
    public enum Intrinsic {
        EXP(1), LOG(1), SQRT(1), RSQRT(1), TANH(1), SIN(1), COS(1), POW(2), ABS(1), MIN(2), MAX(2),
        FMA(3), FLOOR(1), CEIL(1), ATAN2(2), SIGMOID(1), ISNAN(1);
        public final int arity;
        Intrinsic(int arity) { this.arity = arity; }
    }

    /** Work-item geometry, per dimension 0..2, all INT. */
    public enum ThreadQuery { GLOBAL_ID, LOCAL_ID, GROUP_ID, LOCAL_SIZE, GLOBAL_SIZE }

    /** Barrier scope. */
    public enum BarrierScope { LOCAL, GLOBAL }
}
