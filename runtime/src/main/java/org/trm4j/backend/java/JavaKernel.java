package org.trm4j.backend.java;

import org.trm4j.runtime.CompiledKernel;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;

/**
 * A kernel prepared for the JVM. Exactly one way of running applies:
 * {@code direct} takes the arguments as one Object[] (a spreader, so calls need no adaptation);
 * a loop-parallel kernel has {@code split} (see ParallelLoopSplitter); a KernelContext kernel has
 * {@code contextIndex >= 0}; anything else runs once, as written, on one thread.
 */
record JavaKernel(Method method, MethodHandle direct, MethodHandle split, int contextIndex,
                  BarrierUse barriers, JavaReduction reduction, long compileNanos) implements CompiledKernel {

    /** Which barriers a KernelContext kernel may reach; decides how work-items are scheduled. */
    enum BarrierUse { NONE, LOCAL, GLOBAL }

    @Override public String code() {
        String how = split != null ? "outermost @Parallel loop split into " + Runtime.getRuntime().availableProcessors() + " contiguous blocks, one per thread"
                + (reduction != null ? ", each reducing into a private copy of argument " + reduction.javaIndex() + ", folded in order" : "")
                : contextIndex >= 0 ? "KernelContext work-items emulated per work-group (barriers: " + barriers + ")"
                : "runs once on one thread (no @Parallel loop)";
        return "// java backend: " + method.getDeclaringClass().getName() + "." + method.getName() + " runs as its own bytecode; " + how + "\n";
    }
}
