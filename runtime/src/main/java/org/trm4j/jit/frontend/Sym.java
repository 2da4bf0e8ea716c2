package org.trm4j.jit.frontend;

import org.trm4j.jit.ir.ArrayRef;

/**
 * What a reference on the operand stack or in a local slot stands for. References never become
 * registers: the front end knows statically which array (or the KernelContext) each one is.
 */
sealed interface Sym {

    /** A global array parameter or a work-group local array. */
    record Array(ArrayRef ref) implements Sym {}

    /** The kernel's KernelContext parameter. */
    record Context() implements Sym {}

    /**
     * A half-precision number object (the TornadoVM bridge's HalfFloat): its value, kept in a FLOAT register. A
     * kernel computes with it in float; it is rounded to half precision when stored into a half array.
     */
    record Half(org.trm4j.jit.ir.Value value) implements Sym {}

    /** A HalfFloat between {@code new} and its constructor call; {@code id} tells allocations apart. */
    record NewHalf(int id) implements Sym {}

    /** A vector value object (TornadoVM's Float4...): its lanes. */
    record Vec(java.util.List<org.trm4j.jit.ir.Value> lanes) implements Sym {}

    /** A vector between {@code new} and its constructor call. */
    record NewVec(int id, String owner) implements Sym {}

    /** Different references reach this point on different paths: using it is a compile error. */
    record Conflict(String why) implements Sym {}
}
