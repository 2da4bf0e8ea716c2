package org.trm4j.backend.java;

import org.trm4j.jit.ir.Kernel;
import org.trm4j.runtime.CompiledKernel;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.List;

/**
 * A kernel prepared for the {@code vector} device: either rendered to bytecode by our JIT ({@code run}, taking the
 * task's arguments then lo, hi, g0, g1, g2, vectorOk as one Object[]), or, when the renderer refused it
 * ({@code refusal}), the java backend's own preparation of its bytecode ({@code fallback}).
 */
record VectorKernel(Method method, Kernel ir, MethodHandle run, List<String> loops, CompiledKernel fallback, String refusal,
                    long compileNanos) implements CompiledKernel {

    @Override public String code() {
        if (fallback != null)
            return "// vector device: runs as its own bytecode on the java backend, because the JVM renderer refused it: " + refusal + "\n"
                    + fallback.code();
        StringBuilder sb = new StringBuilder("// vector device: " + method.getDeclaringClass().getName() + "." + method.getName()
                + " rendered from our IR to bytecode; work-items split into contiguous blocks, one per thread\n");
        for (String l : loops) sb.append("//   loop ").append(l).append('\n');
        return sb.toString();
    }
}
