package org.trm4j.backend.opencl;

import org.trm4j.jit.ir.Kernel;
import org.trm4j.runtime.CompiledKernel;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;

/**
 * A kernel built for one OpenCL device: its IR (to map arguments), the OpenCL C source, and the
 * cl_program/cl_kernel. A second build without {@code restrict} is made on first need, for
 * launches that pass one array as two parameters.
 */
public final class OpenClKernel implements CompiledKernel {
    final OpenClDevice device;
    final Method method;
    final Kernel ir;
    final String source;
    final String functionName;
    final MemorySegment program;
    final MemorySegment kernel;
    final long compileNanos;
    /** The no-restrict build, or null until a launch with aliased arrays needs it. */
    MemorySegment aliasedProgram, aliasedKernel;
    boolean released;

    OpenClKernel(OpenClDevice device, Method method, Kernel ir, String source, String functionName,
                 MemorySegment program, MemorySegment kernel, long compileNanos) {
        this.device = device;
        this.method = method;
        this.ir = ir;
        this.source = source;
        this.functionName = functionName;
        this.program = program;
        this.kernel = kernel;
        this.compileNanos = compileNanos;
    }

    @Override public Method method() { return method; }

    @Override public String code() { return source; }

    @Override public long compileNanos() { return compileNanos; }

    /** The IR this kernel was rendered from. */
    public Kernel ir() { return ir; }

    /** The device it was built for. */
    public OpenClDevice device() { return device; }

    @Override public String toString() { return "OpenClKernel(" + ir.source + " on " + device.id() + ")"; }
}
