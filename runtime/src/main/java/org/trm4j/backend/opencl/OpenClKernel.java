package org.trm4j.backend.opencl;

import org.trm4j.jit.ir.Kernel;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;

/**
 * A kernel built for one OpenCL device: its IR (to map arguments), the OpenCL C source, and the
 * cl_program/cl_kernel. A second build without {@code restrict} is made on first need, for
 * launches that pass one array as two parameters.
 */
public final class OpenClKernel extends OpenClProgramKernel {
    final OpenClDevice device;
    final String source;
    final String functionName;
    /** The no-restrict build, or null until a launch with aliased arrays needs it. */
    MemorySegment aliasedProgram, aliasedKernel;

    OpenClKernel(OpenClDevice device, Method method, Kernel ir, String source, String functionName,
                 MemorySegment program, MemorySegment kernel, long compileNanos) {
        super(method, ir, program, kernel, compileNanos);
        this.device = device;
        this.source = source;
        this.functionName = functionName;
    }

    @Override public String code() { return source; }

    /** The device it was built for. */
    public OpenClDevice device() { return device; }

    @Override public String toString() { return "OpenClKernel(" + ir().source + " on " + device.id() + ")"; }
}
