package org.trm4j.backend.spirv;

import org.trm4j.api.DeviceType;
import org.trm4j.api.NativeArray;
import org.trm4j.api.WorkerGrid;
import org.trm4j.backend.opencl.OpenCl;
import org.trm4j.backend.opencl.OpenClBuildException;
import org.trm4j.backend.opencl.OpenClDevice;
import org.trm4j.backend.opencl.OpenClDeviceInfo;
import org.trm4j.runtime.BoundsChecks;
import org.trm4j.runtime.CompileOptions;
import org.trm4j.runtime.DeviceIr;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.spirv.SpirvRenderer;
import org.trm4j.jit.spirv.SpirvTools;
import org.trm4j.runtime.BoundsChecks;
import org.trm4j.runtime.CompiledKernel;
import org.trm4j.runtime.DeviceRuntime;
import org.trm4j.runtime.Cleanup;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenCL device fed SPIR-V. Everything but program creation is the opencl backend's: this class
 * holds its own {@link OpenClDevice} (own context, queue and buffers, id "spirv:P:D") and delegates
 * memory, copies and launches to it; only {@link #compile} differs, rendering SPIR-V and loading it
 * by the device's {@link SpirvLoadPath}.
 */
public final class SpirvDevice implements DeviceRuntime {
    private final OpenClDevice cl;
    private final SpirvLoadPath loadPath;
    private final LlvmSpirvTranslator translator; // null on the IL path
    private final List<SpirvKernel> kernels = new ArrayList<>();

    SpirvDevice(OpenClDevice cl, SpirvLoadPath loadPath, LlvmSpirvTranslator translator) {
        this.cl = cl;
        this.loadPath = loadPath;
        this.translator = translator;
        if (loadPath == SpirvLoadPath.LLVM_BITCODE && translator == null)
            throw new IllegalArgumentException("the LLVM bitcode path needs llvm-spirv");
    }

    // ---- Device ----

    @Override public String id() { return cl.id(); }
    @Override public String name() { return cl.name(); }
    @Override public DeviceType type() { return cl.type(); }
    @Override public int computeUnits() { return cl.computeUnits(); }
    @Override public long globalMemoryBytes() { return cl.globalMemoryBytes(); }
    @Override public long localMemoryBytes() { return cl.localMemoryBytes(); }
    @Override public int maxWorkGroupSize() { return cl.maxWorkGroupSize(); }
    /** The driver's version and how SPIR-V gets in, e.g. "OpenCL 3.0 PoCL ... (driver 3.1), SPIR-V via llvm-spirv-15 -r + clCreateProgramWithBinary". */
    @Override public String backendVersion() { return cl.backendVersion() + ", SPIR-V via " + loadPath.description; }
    @Override public String backend() { return "spirv"; }

    /** How modules are loaded on this device. */
    public SpirvLoadPath loadPath() { return loadPath; }

    public OpenClDeviceInfo info() { return cl.info(); }

    /** The OpenCL device that runs the kernels (memory, queue, launches). */
    public OpenClDevice openCl() { return cl; }

    // ---- compilation ----

    @Override public CompiledKernel compile(Method kernel, CompileOptions options) {
        long t0 = System.nanoTime();
        Kernel ir = DeviceIr.of(kernel, options); // KernelCompileException passes through: it names the source line
        return compile(kernel, ir, t0);
    }

    /** Builds hand-made or already compiled IR; {@code method} may be null (it is only reported). */
    public SpirvKernel compile(Method method, Kernel ir) { return compile(method, ir, System.nanoTime()); }

    private synchronized SpirvKernel compile(Method method, Kernel ir, long startNanos) {
        byte[] module = SpirvRenderer.render(ir);
        String entry = SpirvRenderer.entryPointName(ir);
        MemorySegment program = build(module, ir.source);
        MemorySegment kernel = cl.createKernel(program, entry);
        SpirvKernel k = new SpirvKernel(this, method, ir, module, entry, program, kernel, System.nanoTime() - startNanos);
        kernels.add(k);
        return k;
    }

    /**
     * Creates and builds the program. Build options: IEEE-exact float divide and sqrt where the device
     * offers it (Java's are exact), as for OpenCL C; the bitcode path adds cl_khr_spir's "-x spir".
     * A failed build reports the driver's log, spirv-val's verdict and the disassembly.
     */
    private MemorySegment build(byte[] module, String what) {
        String exact = cl.info().canRoundFloatDivideSqrtCorrectly() ? "-cl-fp32-correctly-rounded-divide-sqrt" : "";
        try {
            return switch (loadPath) {
                case IL -> cl.buildProgramFromIl(module, exact, what + " (SPIR-V)");
                case LLVM_BITCODE -> cl.buildProgramFromBinary(translator.toLlvmBitcode(module, what),
                        ("-x spir -spir-std=1.2 " + exact).strip(), what + " (SPIR-V translated to LLVM bitcode)");
            };
        } catch (OpenClBuildException e) {
            throw new OpenClBuildException(what + " from SPIR-V on " + id() + ":\n" + validatorVerdict(module),
                    e.code(), e.buildLog(), disassemblyOrNote(module));
        }
    }

    private static String validatorVerdict(byte[] module) {
        try {
            SpirvTools.Result r = SpirvTools.validate(module);
            return r.ok() ? "spirv-val accepts the module" : "spirv-val: " + r.output().strip();
        } catch (RuntimeException e) {
            return "spirv-val not run: " + e.getMessage();
        }
    }

    private static String disassemblyOrNote(byte[] module) {
        try {
            return SpirvTools.disassemble(module);
        } catch (RuntimeException e) {
            return "; no disassembly: " + e.getMessage() + "\n";
        }
    }

    // ---- memory: the OpenCL device's ----

    @Override public void allocate(NativeArray array) { cl.allocate(array); }

    @Override public long copyToDevice(NativeArray array) { return cl.copyToDevice(array); }

    @Override public long copyToHost(NativeArray array) { return cl.copyToHost(array); }

    @Override public void release(NativeArray array) { cl.release(array); }

    // ---- launch ----

    // SPIR-V parameters carry no NoAlias decoration, so one array passed twice needs no second build.
    @Override public long launch(CompiledKernel kernel, Object[] args, WorkerGrid grid) {
        SpirvKernel k = own(kernel);
        synchronized (this) {
            k.requireNotReleased();
            return cl.launch(k.kernelHandle(), k.ir(), args, grid);
        }
    }

    @Override public Launch enqueue(CompiledKernel kernel, Object[] args, WorkerGrid grid) {
        SpirvKernel k = own(kernel);
        synchronized (this) {
            k.requireNotReleased();
            return cl.enqueue(k.kernelHandle(), k.ir(), args, grid);
        }
    }

    @Override public void finish() { cl.finish(); }

    private SpirvKernel own(CompiledKernel kernel) {
        if (!(kernel instanceof SpirvKernel k) || k.device != this) throw new IllegalArgumentException(kernel + " was not compiled for " + id());
        return k;
    }

    // ---- lifetime ----

    @Override public synchronized void close() {
        Cleanup cleanup = new Cleanup();
        cleanup.run(this::finish); // kernels in flight end before their kernels and buffers are released
        cleanup.run(() -> DeviceRuntime.closing(this));
        OpenCl bindings = cl.bindings();
        for (SpirvKernel k : kernels) cleanup.run(() -> k.release(bindings));
        kernels.clear();
        cleanup.run(cl::close); // buffers, queue, context; a later call makes fresh ones
        cleanup.done();
    }

    @Override public String toString() {
        return id() + " [" + name() + ", " + type() + ", " + computeUnits() + " CU, " + backendVersion() + "]";
    }
}
