package org.trm4j.backend.opencl;

import org.trm4j.runtime.Scratch;
import org.trm4j.api.DeviceType;
import org.trm4j.api.NativeArray;
import org.trm4j.api.WorkerGrid;
import org.trm4j.jit.KernelAbi;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.opencl.OpenClRenderer;
import org.trm4j.runtime.BoundsChecks;
import org.trm4j.runtime.Cleanup;
import org.trm4j.runtime.CompileOptions;
import org.trm4j.runtime.CompiledKernel;
import org.trm4j.runtime.DeviceIr;
import org.trm4j.runtime.DeviceRuntime;
import org.trm4j.runtime.KernelArguments;
import org.trm4j.runtime.LaunchGeometry;
import org.trm4j.runtime.PendingLaunch;
import org.trm4j.runtime.Reductions;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;


/**
 * One OpenCL device: a lazily created context and in-order profiling queue, one buffer per host
 * array (resident until {@link #release} or {@link #close}), kernels JIT-compiled to OpenCL C.
 *
 * <p>Methods are synchronized: a cl_kernel's arguments are shared state, and the executor may call
 * from several threads. The program-building steps are public so that the spirv backend can build
 * from IL or a binary on the same context and launch through {@link #launch(MemorySegment, Kernel, Object[], WorkerGrid)}.
 */
public final class OpenClDevice implements DeviceRuntime {
    private final OpenCl cl;
    private final MemorySegment platform;
    private final MemorySegment device;
    private final String id;
    private final OpenClDeviceInfo info;

    private MemorySegment context;
    private MemorySegment queue;
    private final Map<NativeArray, MemorySegment> buffers = new IdentityHashMap<>();
    private final List<OpenClKernel> kernels = new ArrayList<>();
    /** How often the host has waited for kernels (a synchronous launch or a {@link #finish} with kernels in flight). */
    private long kernelWaits;
    /** Kernels enqueued by {@link #enqueue} and not yet waited for, in queue order. */
    private final List<QueuedKernel> pending = new ArrayList<>();

    /** An enqueued kernel and its event (released by {@link #finish}). */
    private static final class QueuedKernel extends PendingLaunch {
        final MemorySegment event;
        final long wallStart;

        QueuedKernel(String task, MemorySegment event, long wallStart) {
            super(task);
            this.event = event;
            this.wallStart = wallStart;
        }
    }

    public OpenClDevice(OpenCl cl, MemorySegment platform, MemorySegment device, String id) {
        this.cl = cl;
        this.platform = platform;
        this.device = device;
        this.id = id;
        this.info = OpenClDeviceInfo.query(cl, platform, device);
    }

    // ---- Device ----

    @Override public String id() { return id; }
    @Override public String name() { return info.name(); }
    @Override public DeviceType type() { return info.type(); }
    @Override public int computeUnits() { return info.computeUnits(); }
    @Override public long globalMemoryBytes() { return info.globalMemoryBytes(); }
    @Override public long localMemoryBytes() { return info.localMemoryBytes(); }
    @Override public int maxWorkGroupSize() { return info.maxWorkGroupSize(); }
    @Override public String backendVersion() { return info.versionString(); }
    @Override public String backend() { return "opencl"; }

    /** Everything the device reported, extensions included. */
    public OpenClDeviceInfo info() { return info; }

    public OpenCl bindings() { return cl; }

    public MemorySegment platformHandle() { return platform; }

    public MemorySegment deviceHandle() { return device; }

    /** The context, created on first use. */
    public synchronized MemorySegment context() {
        if (context == null) context = cl.createContext(device);
        return context;
    }

    /** The in-order, profiling-enabled queue, created on first use. */
    public synchronized MemorySegment queue() {
        if (queue == null) queue = cl.createCommandQueue(context(), device, OpenCl.CL_QUEUE_PROFILING_ENABLE);
        return queue;
    }

    // ---- compilation ----

    @Override public CompiledKernel compile(Method kernel, CompileOptions options) {
        long t0 = System.nanoTime();
        Kernel ir = DeviceIr.of(kernel, options); // KernelCompileException passes through: it names the source line
        return compile(kernel, ir, t0);
    }

    /** A double kernel on a device without cl_khr_fp64 (e.g. rusticl on llvmpipe) would only fail as an opaque build error. */
    private void requireFp64IfUsed(Kernel ir) {
        if (info.hasExtension("cl_khr_fp64")) return;
        boolean usesDouble = ir.regs.stream().anyMatch(r -> r.type() == org.trm4j.jit.ir.Type.DOUBLE)
                || ir.params.stream().anyMatch(p -> p instanceof org.trm4j.jit.ir.Param.Array a && a.elementType() == org.trm4j.jit.ir.Type.DOUBLE)
                || ir.localArrays.stream().anyMatch(l -> l.elementType() == org.trm4j.jit.ir.Type.DOUBLE);
        if (usesDouble)
            throw new UnsupportedOperationException(ir.source + " computes in double, but " + id() + " (" + name()
                    + ") has no cl_khr_fp64; note that Math.exp/log/... on floats compute in double: use KernelMath's float versions");
    }

    /** A long atomicAdd on a device without cl_khr_int64_base_atomics would only fail as an opaque build error. */
    private void requireLongAtomicsIfUsed(Kernel ir) {
        if (info.hasExtension("cl_khr_int64_base_atomics")) return;
        for (org.trm4j.jit.ir.Block b : ir.blocks)
            for (org.trm4j.jit.ir.Instr i : b.instrs)
                if (i instanceof org.trm4j.jit.ir.Instr.AtomicAdd a && a.array().elementType() == org.trm4j.jit.ir.Type.LONG)
                    throw new UnsupportedOperationException(ir.source + " uses atomicAdd on a LongArray, but " + id() + " (" + name()
                            + ") has no cl_khr_int64_base_atomics");
    }

    /** Builds hand-made or already compiled IR; {@code method} may be null (it is only reported). */
    public OpenClKernel compile(Method method, Kernel ir) { return compile(method, ir, System.nanoTime()); }

    private synchronized OpenClKernel compile(Method method, Kernel ir, long startNanos) {
        requireFp64IfUsed(ir);
        requireLongAtomicsIfUsed(ir);
        String source = OpenClRenderer.render(ir);
        String fn = OpenClRenderer.functionName(ir);
        MemorySegment program = buildProgramFromSource(source, defaultBuildOptions(), ir.source);
        MemorySegment kernel = createKernel(program, fn);
        OpenClKernel k = new OpenClKernel(this, method, ir, source, fn, program, kernel, System.nanoTime() - startNanos);
        kernels.add(k);
        return k;
    }

    /**
     * Build options for OpenCL C from our renderer: the language version, and IEEE-exact float
     * divide/sqrt where the device offers it (Java's are exact; OpenCL's default allows 2.5 ulp).
     * Never fast-math: NaN and signed-zero handling must stay Java's.
     */
    public String defaultBuildOptions() {
        String opts = "-cl-std=" + info.openclCStd();
        if (info.canRoundFloatDivideSqrtCorrectly()) opts += " -cl-fp32-correctly-rounded-divide-sqrt";
        return opts;
    }

    /** Creates and builds a program from OpenCL C; a failed build throws with the build log and the numbered source. */
    public MemorySegment buildProgramFromSource(String source, String options, String what) {
        return build(cl.createProgramWithSource(context(), source), options, what, source);
    }

    /** Creates and builds a program from SPIR-V (the device needs cl_khr_il_program or OpenCL 2.1+). */
    public MemorySegment buildProgramFromIl(byte[] il, String options, String what) {
        return build(cl.createProgramWithIL(context(), il), options, what, null);
    }

    /** Creates and builds a program from a device binary (for PoCL, LLVM bitcode). */
    public MemorySegment buildProgramFromBinary(byte[] binary, String options, String what) {
        return build(cl.createProgramWithBinary(context(), device, binary), options, what, null);
    }

    /** The kernel {@code name} of a built program; when there is none, releases the program and throws. */
    public MemorySegment createKernel(MemorySegment program, String name) {
        try {
            return cl.createKernel(program, name);
        } catch (OpenClException e) {
            cl.releaseProgram(program);
            throw e;
        }
    }

    private MemorySegment build(MemorySegment program, String options, String what, String source) {
        int rc = cl.buildProgram(program, device, options);
        if (rc != OpenCl.CL_SUCCESS) {
            String log;
            try {
                log = cl.programBuildLog(program, device);
            } catch (OpenClException e) {
                log = "(no build log: " + e.getMessage() + ")";
            }
            cl.releaseProgram(program);
            throw new OpenClBuildException(what + " on " + id + " [" + info.name() + "] with options \"" + options + "\"", rc, log, source);
        }
        return program;
    }

    // ---- memory ----

    @Override public synchronized void allocate(NativeArray array) { buffer(array); }

    /** The device buffer of {@code array}, allocated (not filled) if it has none yet. */
    public synchronized MemorySegment buffer(NativeArray array) {
        MemorySegment b = buffers.get(array);
        if (b == null) {
            // Zero-sized buffers are invalid in OpenCL; an empty array still gets a valid (unused) one.
            b = cl.createBuffer(context(), OpenCl.CL_MEM_READ_WRITE, Math.max(1, array.getNumBytes()));
            buffers.put(array, b);
        }
        return b;
    }

    /** True when {@code array} has a buffer on this device. */
    public synchronized boolean isResident(NativeArray array) { return buffers.containsKey(array); }

    @Override public synchronized long copyToDevice(NativeArray array) { return copy(array, buffer(array), true); }

    @Override public synchronized long copyToHost(NativeArray array) {
        MemorySegment b = buffers.get(array);
        if (b == null) throw new IllegalStateException(array + " has no copy on " + id + " to read back (was it ever copied or written there?)");
        return copy(array, b, false);
    }

    /** A blocking copy of all of {@code array} to or from its {@code buffer}: the device time, 0 for an empty array. */
    private long copy(NativeArray array, MemorySegment buffer, boolean toDevice) {
        if (array.getNumBytes() == 0) return 0;
        long t0 = System.nanoTime();
        MemorySegment ev = toDevice
                ? cl.enqueueWriteBuffer(queue(), buffer, true, 0, array.getNumBytes(), array.getSegment())
                : cl.enqueueReadBuffer(queue(), buffer, true, 0, array.getNumBytes(), array.getSegment());
        return finished(ev, t0);
    }

    @Override public synchronized void release(NativeArray array) {
        MemorySegment b = buffers.remove(array);
        if (b != null) cl.releaseMemObject(b);
    }

    // ---- launch ----

    @Override public long launch(CompiledKernel kernel, Object[] args, WorkerGrid grid) {
        OpenClKernel k = own(kernel);
        synchronized (this) {
            k.requireNotReleased();
            boolean aliased = KernelArguments.hasAliasedArrays(k.ir(), args);
            return launch(aliased ? aliasedKernel(k) : k.kernelHandle(), k.ir(), args, grid);
        }
    }

    @Override public Launch enqueue(CompiledKernel kernel, Object[] args, WorkerGrid grid) {
        OpenClKernel k = own(kernel);
        synchronized (this) {
            k.requireNotReleased();
            boolean aliased = KernelArguments.hasAliasedArrays(k.ir(), args);
            return enqueue(aliased ? aliasedKernel(k) : k.kernelHandle(), k.ir(), args, grid);
        }
    }

    private OpenClKernel own(CompiledKernel kernel) {
        if (!(kernel instanceof OpenClKernel k) || k.device != this) throw new IllegalArgumentException(kernel + " was not compiled for " + id);
        return k;
    }

    /**
     * {@link #launch(MemorySegment, Kernel, Object[], WorkerGrid)} without the wait: the event is kept until
     * {@link #finish}. A bounds-checked kernel or a lowered reduction runs synchronously (its error array or its
     * partial results are read right after it).
     */
    public synchronized Launch enqueue(MemorySegment clKernel, Kernel ir, Object[] args, WorkerGrid grid) {
        if (ir.checkedAccesses != null || ir.reduction != null) { // read back right after: checks, reduction partials
            long nanos = launch(clKernel, ir, args, grid);
            return () -> nanos;
        }
        long t0 = System.nanoTime();
        QueuedKernel p = new QueuedKernel(KernelArguments.kernelName(ir), enqueueOnce(clKernel, ir, args, grid), t0);
        pending.add(p);
        return p;
    }

    /** How often the host has waited for kernels on this device: once per finish() with kernels in flight, once per launch(). */
    public synchronized long kernelWaits() { return kernelWaits; }

    @Override public synchronized void finish() {
        if (pending.isEmpty()) return;
        kernelWaits++;
        OpenClException first = null;
        for (QueuedKernel p : pending) {
            try {
                cl.waitForEvent(p.event);
                p.finished(cl.eventDurationNanos(p.event));
            } catch (OpenClException e) {
                if (first == null) first = new OpenClException(e.call() + " for " + p.task + " on " + id, e.code());
                p.failed(System.nanoTime() - p.wallStart);
            } finally {
                cl.releaseEvent(p.event);
            }
        }
        pending.clear();
        if (first != null) throw first;
    }

    /**
     * Sets the arguments of {@code clKernel} (arrays: buffer then hidden int length; scalars by their
     * IR type), enqueues it over the launch geometry, waits and returns the device's kernel time.
     * Arrays not yet on the device are allocated and copied first.
     */
    public synchronized long launch(MemorySegment clKernel, Kernel ir, Object[] args, WorkerGrid grid) {
        return Reductions.launch(this, ir, args, withPartials ->
                BoundsChecks.launch(this, ir, withPartials, all -> launchOnce(clKernel, ir, all, grid)));
    }

    private long launchOnce(MemorySegment clKernel, Kernel ir, Object[] args, WorkerGrid grid) {
        kernelWaits++;
        long t0 = System.nanoTime();
        MemorySegment ev = enqueueOnce(clKernel, ir, args, grid);
        try {
            cl.waitForEvent(ev);
        } catch (OpenClException e) {
            cl.releaseEvent(ev); // the command failed: its event must not leak
            throw new OpenClException(e.call() + " for " + KernelArguments.kernelName(ir) + " on " + id, e.code());
        }
        return finished(ev, t0);
    }

    /** Sets the arguments and enqueues the kernel; returns its event (the caller waits and releases it). */
    private MemorySegment enqueueOnce(MemorySegment clKernel, Kernel ir, Object[] args, WorkerGrid grid) {
        String task = KernelArguments.kernelName(ir);
        LaunchGeometry geometry = LaunchGeometry.of(ir, args, grid, task, this);
        Object[] values = KernelArguments.values(ir, args);
        try (Arena a = Scratch.open()) {
            List<KernelAbi.Slot> slots = KernelAbi.slots(ir);
            for (int i = 0; i < slots.size(); i++) {
                KernelAbi.Slot slot = slots.get(i);
                Object v = values[slot.index()];
                if (slot instanceof KernelAbi.Buffer && !isResident((NativeArray) v)) copyToDevice((NativeArray) v);
                MemorySegment arg = KernelAbi.encode(a, slot, v, arr -> buffers.get(arr).address()); // cl_mem handles are pointers
                cl.setKernelArg(clKernel, i, arg.byteSize(), arg);
            }
        }
        try {
            return cl.enqueueNDRangeKernel(queue(), clKernel, geometry.global(), geometry.local());
        } catch (OpenClException e) {
            throw new OpenClException(e.call() + " for " + task + " with " + geometry + " on " + id
                    + " (max work-group size " + info.maxWorkGroupSize() + ")", e.code());
        }
    }

    private MemorySegment aliasedKernel(OpenClKernel k) {
        if (k.aliasedKernel == null) {
            String source = OpenClRenderer.render(k.ir(), false);
            k.aliasedProgram = buildProgramFromSource(source, defaultBuildOptions(), k.ir().source + " (aliased arrays)");
            k.aliasedKernel = cl.createKernel(k.aliasedProgram, k.functionName);
        }
        return k.aliasedKernel;
    }

    /** The device time of a finished command (wall time if the driver has no profiling info); releases the event. */
    private long finished(MemorySegment event, long wallStart) {
        try {
            return cl.eventDurationNanos(event);
        } catch (OpenClException e) {
            return System.nanoTime() - wallStart;
        } finally {
            cl.releaseEvent(event);
        }
    }

    // ---- lifetime ----

    @Override public synchronized void close() {
        Cleanup cleanup = new Cleanup();
        cleanup.run(this::finish);
        cleanup.run(() -> DeviceRuntime.closing(this));
        for (MemorySegment b : buffers.values()) cleanup.run(() -> cl.releaseMemObject(b));
        buffers.clear();
        for (OpenClKernel k : kernels) {
            cleanup.run(() -> k.release(cl));
            if (k.aliasedKernel != null) cleanup.run(() -> cl.releaseKernel(k.aliasedKernel));
            if (k.aliasedProgram != null) cleanup.run(() -> cl.releaseProgram(k.aliasedProgram));
        }
        kernels.clear();
        MemorySegment q = queue, ctx = context;
        if (q != null) cleanup.run(() -> cl.releaseCommandQueue(q));
        if (ctx != null) cleanup.run(() -> cl.releaseContext(ctx));
        queue = null;
        context = null;
        // A closed device can be used again: the next call creates a fresh context.
        cleanup.done();
    }

    @Override public String toString() {
        return id + " [" + info.name() + ", " + info.type() + ", " + info.computeUnits() + " CU, " + info.versionString() + "]";
    }
}
