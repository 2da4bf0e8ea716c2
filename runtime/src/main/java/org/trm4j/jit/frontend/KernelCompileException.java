package org.trm4j.jit.frontend;

/**
 * A kernel method uses Java the JIT cannot compile (objects, exceptions, virtual calls, recursion...).
 * The message names the class, method, bytecode offset and source line, e.g.
 * {@code Kernels.bad (Kernels.java:42, bci 17): object allocation 'new java/util/ArrayList' is not supported in kernels}.
 */
public class KernelCompileException extends RuntimeException {
    public KernelCompileException(String message) { super(message); }
    public KernelCompileException(String message, Throwable cause) { super(message, cause); }
}
