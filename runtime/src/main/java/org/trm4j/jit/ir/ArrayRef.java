package org.trm4j.jit.ir;

/** An array a kernel reads or writes: a global buffer passed as a parameter, or a work-group local array. */
public sealed interface ArrayRef permits Param.Array, LocalArray {
    Type elementType();
    String name();
}
