package org.trm4j.backend.opencl;

import org.trm4j.jit.ir.Kernel;
import org.trm4j.runtime.CompiledKernel;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;

/**
 * A kernel built into a cl_program and cl_kernel on one OpenCL device, with the IR it came from (to
 * map arguments): what the opencl backend's kernels (from OpenCL C) and the spirv backend's (from
 * SPIR-V) share. Its device releases it when closed; it cannot be launched after that.
 */
public abstract class OpenClProgramKernel implements CompiledKernel {
    private final Method method;
    private final Kernel ir;
    private final MemorySegment program;
    private final MemorySegment kernel;
    private final long compileNanos;
    private boolean released;

    protected OpenClProgramKernel(Method method, Kernel ir, MemorySegment program, MemorySegment kernel, long compileNanos) {
        this.method = method;
        this.ir = ir;
        this.program = program;
        this.kernel = kernel;
        this.compileNanos = compileNanos;
    }

    @Override public Method method() { return method; }

    @Override public long compileNanos() { return compileNanos; }

    /** The IR this kernel was built from. */
    public Kernel ir() { return ir; }

    /** The cl_kernel. */
    public MemorySegment kernelHandle() { return kernel; }

    /** Throws when the device released this kernel (it was closed). */
    public void requireNotReleased() {
        if (released) throw new IllegalStateException(this + " was released when the device was closed");
    }

    /** Releases the cl_kernel and cl_program; called by the device when it closes. */
    public void release(OpenCl cl) {
        released = true;
        cl.releaseKernel(kernel);
        cl.releaseProgram(program);
    }
}
