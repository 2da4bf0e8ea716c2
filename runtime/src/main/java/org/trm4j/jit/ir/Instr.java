package org.trm4j.jit.ir;

import java.util.List;

/**
 * Three-address instructions. Every instruction that defines a value writes one register
 * {@code dst}; its type is the result type.
 */
public sealed interface Instr {

    /** dst = src (same type). */
    record Move(Value.Reg dst, Value src) implements Instr {}

    /** dst = a op b; operands and result share one type, except shifts whose count is INT. */
    record Binary(Value.Reg dst, Op.Binary op, Value a, Value b) implements Instr {}

    /** dst = op a. */
    record Unary(Value.Reg dst, Op.Unary op, Value a) implements Instr {}

    /** dst = (dst.type) src with Java semantics (float to int saturates, NaN to 0; int to byte wraps). */
    record Convert(Value.Reg dst, Value src) implements Instr {}

    /** dst = the bits of src reinterpreted: INT <-> FLOAT or LONG <-> DOUBLE (the lowering's way to -0.0). */
    record Bitcast(Value.Reg dst, Value src) implements Instr {}

    /**
     * dst (BOOL) = a cond b. For floating operands {@code unordered} says whether the result is
     * true when either operand is NaN (javac's fcmpl/fcmpg decide this); it is false for integers.
     */
    record Compare(Value.Reg dst, Op.Cond cond, Value a, Value b, boolean unordered) implements Instr {}

    /** dst = cond ? a : b (BOOL cond). */
    record Select(Value.Reg dst, Value cond, Value a, Value b) implements Instr {}

    /** dst = fn(args...). */
    record Call(Value.Reg dst, Op.Intrinsic fn, List<Value> args) implements Instr {}

    /** dst = array[index]; BYTE elements load sign-extended into an INT dst. */
    record Load(Value.Reg dst, ArrayRef array, Value index) implements Instr {}

    /** array[index] = value; an INT value stored to a BYTE array is truncated. */
    record Store(ArrayRef array, Value index, Value value) implements Instr {}

    /** dst (INT) = number of elements of a global array parameter. */
    record ArrayLength(Value.Reg dst, Param.Array array) implements Instr {}

    /** dst (INT) = the work-item query for dimension {@code dim} (0, 1 or 2). */
    record Thread(Value.Reg dst, Op.ThreadQuery query, int dim) implements Instr {}

    /** Work-group (LOCAL) or whole-grid (GLOBAL) barrier with memory fence. */
    record Barrier(Op.BarrierScope scope) implements Instr {}

    /** dst (the element type, may be null) = old value; array[index] += value atomically (INT or LONG arrays). */
    record AtomicAdd(Value.Reg dst, ArrayRef array, Value index, Value value) implements Instr {}
}
