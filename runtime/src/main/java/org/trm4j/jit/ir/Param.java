package org.trm4j.jit.ir;

/**
 * A kernel parameter, in the order of the Java method's parameters (a KernelContext parameter
 * is not a kernel parameter and is skipped). {@code javaIndex} is the position in the Java method.
 */
public sealed interface Param permits Param.Scalar, Param.Array {
    String name();
    int javaIndex();

    /** A scalar argument: the register holds its value on entry. */
    record Scalar(String name, int javaIndex, Value.Reg reg) implements Param {}

    /**
     * A global array argument (FloatArray, IntArray, ...). Renderers also pass its element count
     * as a hidden {@code int} parameter right after it, read by {@link Instr.ArrayLength}.
     */
    record Array(String name, int javaIndex, Type elementType) implements Param, ArrayRef {}
}
