package org.trm4j.backend.spirv;

import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.spirv.SpirvTools;
import org.trm4j.runtime.CompiledKernel;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;

/** A kernel built from SPIR-V for one device: its IR (to map arguments), the module, and the cl_program/cl_kernel. */
public final class SpirvKernel implements CompiledKernel {
    final SpirvDevice device;
    final Method method;
    final Kernel ir;
    final byte[] module;
    final String entryPoint;
    final MemorySegment program;
    final MemorySegment kernel;
    final long compileNanos;
    private String disassembly;
    boolean released;

    SpirvKernel(SpirvDevice device, Method method, Kernel ir, byte[] module, String entryPoint,
                MemorySegment program, MemorySegment kernel, long compileNanos) {
        this.device = device;
        this.method = method;
        this.ir = ir;
        this.module = module;
        this.entryPoint = entryPoint;
        this.program = program;
        this.kernel = kernel;
        this.compileNanos = compileNanos;
    }

    @Override public Method method() { return method; }

    /** The SPIR-V disassembly (made on first call: it runs spirv-dis), or a note saying how to get it. */
    @Override public synchronized String code() {
        if (disassembly == null) {
            try {
                disassembly = SpirvTools.disassemble(module);
            } catch (RuntimeException e) {
                disassembly = "; SPIR-V module of " + ir.source + ", " + module.length + " bytes, entry point " + entryPoint
                        + "\n; no disassembly: " + e.getMessage() + "\n";
            }
        }
        return disassembly;
    }

    @Override public long compileNanos() { return compileNanos; }

    /** The module's bytes (a copy). */
    public byte[] module() { return module.clone(); }

    public Kernel ir() { return ir; }

    public SpirvDevice device() { return device; }

    @Override public String toString() { return "SpirvKernel(" + ir.source + " on " + device.id() + ")"; }
}
