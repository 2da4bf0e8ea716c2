package org.trm4j.backend.cuda;

import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ptx.PtxTarget;
import org.trm4j.runtime.CompiledKernel;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;

/** A kernel loaded on one CUDA device: its IR (to map arguments), the PTX and the CUmodule/CUfunction. */
public final class CudaKernel implements CompiledKernel {
    final CudaDevice device;
    final Method method;
    final Kernel ir;
    final String ptx;
    final PtxTarget target;
    final MemorySegment module;
    final MemorySegment function;
    final long compileNanos;
    /** The driver's limits for this kernel (cuFuncGetAttribute): threads per block, registers per thread, static shared bytes. */
    final int maxThreadsPerBlock, registers, sharedBytes;
    boolean released;

    CudaKernel(CudaDevice device, Method method, Kernel ir, String ptx, PtxTarget target, MemorySegment module,
               MemorySegment function, long compileNanos, int maxThreadsPerBlock, int registers, int sharedBytes) {
        this.device = device;
        this.method = method;
        this.ir = ir;
        this.ptx = ptx;
        this.target = target;
        this.module = module;
        this.function = function;
        this.compileNanos = compileNanos;
        this.maxThreadsPerBlock = maxThreadsPerBlock;
        this.registers = registers;
        this.sharedBytes = sharedBytes;
    }

    @Override public Method method() { return method; }

    @Override public String code() { return ptx; }

    @Override public long compileNanos() { return compileNanos; }

    public Kernel ir() { return ir; }

    public PtxTarget target() { return target; }

    @Override public String toString() { return "CudaKernel(" + ir.source + " on " + device.id() + ", " + target + ")"; }
}
