package org.trm4j.conformance;

import org.trm4j.api.KernelContext;
import org.trm4j.api.NativeArray;

/**
 * One argument of a conformance task and its role. Every array is sent to the device (so the device
 * sees the poison in outputs); {@link Out} and {@link InOut} arrays come back and are compared.
 */
sealed interface KernelArg {

    /** The object passed to the task. */
    Object value();

    /** Read by the kernel only. */
    record In(NativeArray value) implements KernelArg {}

    /** Written by the kernel; poisoned before the run, then compared. */
    record Out(NativeArray value) implements KernelArg {}

    /** Read and written (e.g. histogram bins starting at zero): not poisoned, compared. */
    record InOut(NativeArray value) implements KernelArg {}

    /** A boxed int/long/float/double/boolean parameter. */
    record Scalar(Object value) implements KernelArg {}

    /** The KernelContext of a KernelContext-style kernel. */
    record Context(KernelContext value) implements KernelArg {}

    static KernelArg in(NativeArray a) { return new In(a); }
    static KernelArg out(NativeArray a) { return new Out(a); }
    static KernelArg inOut(NativeArray a) { return new InOut(a); }
    static KernelArg scalar(Object v) { return new Scalar(v); }
    static KernelArg context() { return new Context(new KernelContext()); }

    default boolean isCompared() { return this instanceof Out || this instanceof InOut; }
}
