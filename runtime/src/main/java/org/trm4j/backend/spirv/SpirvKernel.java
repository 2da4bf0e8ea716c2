package org.trm4j.backend.spirv;

import org.trm4j.backend.opencl.OpenClProgramKernel;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.spirv.SpirvTools;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;

/** A kernel built from SPIR-V for one device: its IR (to map arguments), the module, and the cl_program/cl_kernel. */
public final class SpirvKernel extends OpenClProgramKernel {
    final SpirvDevice device;
    final byte[] module;
    final String entryPoint;
    private String disassembly;

    SpirvKernel(SpirvDevice device, Method method, Kernel ir, byte[] module, String entryPoint,
                MemorySegment program, MemorySegment kernel, long compileNanos) {
        super(method, ir, program, kernel, compileNanos);
        this.device = device;
        this.module = module;
        this.entryPoint = entryPoint;
    }

    /** The SPIR-V disassembly (made on first call: it runs spirv-dis), or a note saying how to get it. */
    @Override public synchronized String code() {
        if (disassembly == null) {
            try {
                disassembly = SpirvTools.disassemble(module);
            } catch (RuntimeException e) {
                disassembly = "; SPIR-V module of " + ir().source + ", " + module.length + " bytes, entry point " + entryPoint
                        + "\n; no disassembly: " + e.getMessage() + "\n";
            }
        }
        return disassembly;
    }

    /** The module's bytes (a copy). */
    public byte[] module() { return module.clone(); }

    public SpirvDevice device() { return device; }

    @Override public String toString() { return "SpirvKernel(" + ir().source + " on " + device.id() + ")"; }
}
