package org.trm4j.jit.ir;

/**
 * One @Parallel loop, lowered to a grid-stride loop over dimension {@code dim}:
 * {@code for (i = start + global_id(dim); i < bound; i += global_size(dim))}.
 * The bound tells the runtime the default global size; it is read from the actual arguments.
 */
public record ParallelDim(int dim, Bound bound) {

    /** What the loop's upper bound was in the source, so the runtime can size the grid. */
    public sealed interface Bound {
        /** A compile-time constant. */
        record Constant(int value) implements Bound {}
        /** The value of an int parameter (index in the Java method's parameters). */
        record ScalarArg(int javaIndex) implements Bound {}
        /** The element count of an array parameter. */
        record ArraySize(int javaIndex) implements Bound {}
        /** {@code left op right} with op one of + - * / (Java int arithmetic), e.g. {@code rows * out}. */
        record Arith(char op, Bound left, Bound right) implements Bound {}
        /** Not known statically: the runtime sizes the grid from the device (the loop is still correct). */
        record Unknown() implements Bound {}
    }
}
