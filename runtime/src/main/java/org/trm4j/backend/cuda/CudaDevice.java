package org.trm4j.backend.cuda;

import org.trm4j.runtime.Scratch;
import org.trm4j.api.DeviceType;
import org.trm4j.api.NativeArray;
import org.trm4j.api.WorkerGrid;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.lower.PaddedGrid;
import org.trm4j.jit.ptx.PtxRenderer;
import org.trm4j.jit.ptx.PtxTarget;
import org.trm4j.runtime.BoundsChecks;
import org.trm4j.runtime.Cleanup;
import org.trm4j.runtime.CompileOptions;
import org.trm4j.runtime.DeviceIr;
import org.trm4j.runtime.CompiledKernel;
import org.trm4j.runtime.DeviceRuntime;
import org.trm4j.runtime.KernelArguments;
import org.trm4j.runtime.LaunchGeometry;
import org.trm4j.runtime.PendingLaunch;
import org.trm4j.runtime.Reductions;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CUDA device: its primary context (retained on first use), one device allocation per host
 * array (resident until {@link #release} or {@link #close}), kernels rendered to PTX for the
 * driver's highest ISA and the device's own sm, loaded with cuModuleLoadDataEx.
 *
 * <p>Methods are synchronized and make the context current first: the driver API keeps the
 * current context per thread, and the executor may call from several threads.
 */
public final class CudaDevice implements DeviceRuntime {
    private final CudaDriver cu;
    private final int ordinal;
    private final int device;
    private final String id;
    private final String name;
    private final int driverVersion;
    private final int ccMajor, ccMinor;
    private final long totalMemory;
    private final int sharedMemoryPerBlock;
    private final int maxThreadsPerBlock;
    private final int multiprocessors;
    private final PtxTarget target;

    private MemorySegment context;
    /** Events of finished launches, for the next ones (a step launches hundreds of kernels). */
    private final ArrayDeque<MemorySegment> spareEvents = new ArrayDeque<>();
    /** Kernels launched by {@link #enqueue} and not yet waited for, in stream order. */
    private final List<StreamedKernel> pending = new ArrayList<>();
    private final Map<NativeArray, Long> buffers = new IdentityHashMap<>();
    private final List<CudaKernel> kernels = new ArrayList<>();

    /** A launched kernel between its start and end events (returned to the pool by {@link #finish}). */
    private static final class StreamedKernel extends PendingLaunch {
        final MemorySegment start, end;

        StreamedKernel(String task, MemorySegment start, MemorySegment end) {
            super(task);
            this.start = start;
            this.end = end;
        }
    }

    CudaDevice(CudaDriver cu, int ordinal, int driverVersion) {
        this.cu = cu;
        this.ordinal = ordinal;
        this.device = cu.device(ordinal);
        this.id = "cuda:" + ordinal;
        this.name = cu.deviceName(device);
        this.driverVersion = driverVersion;
        this.ccMajor = cu.attribute(device, CudaDriver.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        this.ccMinor = cu.attribute(device, CudaDriver.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        this.totalMemory = cu.totalMemory(device);
        this.sharedMemoryPerBlock = cu.attribute(device, CudaDriver.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK);
        this.maxThreadsPerBlock = cu.attribute(device, CudaDriver.CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK);
        this.multiprocessors = cu.attribute(device, CudaDriver.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        this.target = PtxTarget.forDriver(driverVersion, ccMajor, ccMinor);
    }

    // ---- Device ----

    @Override public String id() { return id; }
    @Override public String name() { return name; }
    @Override public DeviceType type() { return DeviceType.GPU; }
    @Override public int computeUnits() { return multiprocessors; }
    @Override public long globalMemoryBytes() { return totalMemory; }
    @Override public long localMemoryBytes() { return sharedMemoryPerBlock; }
    @Override public int maxWorkGroupSize() { return maxThreadsPerBlock; }
    @Override public String backendVersion() { return "CUDA driver " + PtxTarget.versionString(driverVersion) + ", compute capability " + ccMajor + "." + ccMinor; }
    @Override public String backend() { return "cuda"; }

    /** The PTX ISA and sm this device's kernels are rendered for. */
    public PtxTarget target() { return target; }

    public int ordinal() { return ordinal; }

    /** Retains the primary context on first use and makes it current on this thread. */
    private MemorySegment enter() {
        if (context == null) context = cu.retainPrimaryContext(device);
        cu.setCurrent(context);
        return context;
    }

    // ---- compilation ----

    @Override public CompiledKernel compile(Method kernel, CompileOptions options) {
        long t0 = System.nanoTime();
        Kernel ir = DeviceIr.of(kernel, options); // the front end's shared IR (only read here), or a checked copy
        // A global size without a good divisor (a prime) must not mean blocks of one thread: pad where it is safe.
        if (PaddedGrid.applies(ir)) ir = PaddedGrid.apply(ir, kernel.getParameterCount() + 3); // after checks' and reductions' hidden arguments
        return compile(kernel, ir, t0);
    }

    /** Loads hand-made or already compiled IR; {@code method} may be null (it is only reported). */
    public CudaKernel compile(Method method, Kernel ir) { return compile(method, ir, System.nanoTime()); }

    private synchronized CudaKernel compile(Method method, Kernel ir, long t0) {
        String ptx = PtxRenderer.render(ir, target);
        enter();
        MemorySegment module = cu.loadModule(ptx, ir.source + " for " + target + " on " + id + " [" + name + "]");
        MemorySegment function;
        int maxThreads, registers, shared;
        try {
            function = cu.function(module, PtxRenderer.entryName(ir));
            maxThreads = cu.functionAttribute(function, CudaDriver.CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK);
            registers = cu.functionAttribute(function, CudaDriver.CU_FUNC_ATTRIBUTE_NUM_REGS);
            shared = cu.functionAttribute(function, CudaDriver.CU_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES);
        } catch (CudaException e) {
            cu.unloadModule(module);
            throw e;
        }
        CudaKernel k = new CudaKernel(this, method, ir, ptx, target, module, function, System.nanoTime() - t0, maxThreads, registers, shared);
        kernels.add(k);
        return k;
    }

    // ---- memory ----

    @Override public synchronized void allocate(NativeArray array) { buffer(array); }

    private long buffer(NativeArray array) {
        Long b = buffers.get(array);
        if (b == null) {
            enter();
            b = cu.malloc(Math.max(1, array.getNumBytes())); // zero-byte allocations are an error in CUDA
            buffers.put(array, b);
        }
        return b;
    }

    public synchronized boolean isResident(NativeArray array) { return buffers.containsKey(array); }

    @Override public synchronized long copyToDevice(NativeArray array) {
        long b = buffer(array);
        if (array.getNumBytes() == 0) return 0;
        enter();
        long t0 = System.nanoTime();
        cu.copyHostToDevice(b, array.getSegment(), array.getNumBytes()); // synchronous for pageable host memory
        return System.nanoTime() - t0;
    }

    @Override public synchronized long copyToHost(NativeArray array) {
        Long b = buffers.get(array);
        if (b == null) throw new IllegalStateException(array + " has no copy on " + id + " to read back (was it ever copied or written there?)");
        if (array.getNumBytes() == 0) return 0;
        enter();
        long t0 = System.nanoTime();
        cu.copyDeviceToHost(array.getSegment(), b, array.getNumBytes());
        return System.nanoTime() - t0;
    }

    @Override public synchronized void release(NativeArray array) {
        Long b = buffers.remove(array);
        if (b != null) {
            enter();
            cu.free(b);
        }
    }

    // ---- launch ----

    @Override public synchronized long launch(CompiledKernel kernel, Object[] args, WorkerGrid grid) {
        CudaKernel k = own(kernel);
        return Reductions.launch(this, k.ir, args, withPartials -> BoundsChecks.launch(this, k.ir, withPartials, all -> launchOnce(k, all, grid)));
    }

    /**
     * Launches without waiting (the default stream runs kernels and copies in order); a fault surfaces at {@link #finish},
     * which names the task. A bounds-checked kernel or a lowered reduction runs synchronously (its error array or its
     * partial results are read right after it).
     */
    @Override public synchronized Launch enqueue(CompiledKernel kernel, Object[] args, WorkerGrid grid) {
        CudaKernel k = own(kernel);
        if (k.ir.checkedAccesses != null || k.ir.reduction != null) {
            long nanos = launch(k, args, grid);
            return () -> nanos;
        }
        StreamedKernel p = start(k, args, grid);
        pending.add(p);
        return p;
    }

    private CudaKernel own(CompiledKernel kernel) {
        if (!(kernel instanceof CudaKernel k) || k.device != this)
            throw new IllegalArgumentException(kernel + " was not compiled for " + id);
        if (k.released) throw new IllegalStateException(k + " was released when the device was closed");
        return k;
    }

    private long launchOnce(CudaKernel k, Object[] args, WorkerGrid grid) {
        StreamedKernel p = start(k, args, grid);
        pending.add(p);
        finish();
        return p.nanos();
    }

    /** Sets up and launches {@code k} between two recorded events; does not wait. */
    private StreamedKernel start(CudaKernel k, Object[] args, WorkerGrid grid) {
        String task = KernelArguments.kernelName(k.ir);
        LaunchGeometry geometry = LaunchGeometry.of(k.ir, args, grid, task, this);
        Param.Scalar padded = PaddedGrid.sizeParam(k.ir);
        if (padded != null) { // the real global size in x, for the kernel's guard
            args = java.util.Arrays.copyOf(args, Math.max(args.length, padded.javaIndex() + 1));
            args[padded.javaIndex()] = (int) geometry.global()[0];
        }
        // The kernel's own limit (registers, shared memory) can be below the device's.
        CudaLaunchConfig config = CudaLaunchConfig.of(geometry, !k.ir.parallelDims.isEmpty(), padded != null,
                Math.min(maxThreadsPerBlock, k.maxThreadsPerBlock));
        int threads = config.block()[0] * config.block()[1] * config.block()[2];
        if (threads > k.maxThreadsPerBlock)
            throw new IllegalArgumentException("task " + task + ": a block of " + threads + " threads (" + config + ") exceeds what this kernel can run on "
                    + id + ": " + k.maxThreadsPerBlock + " threads per block (it uses " + k.registers + " registers per thread and "
                    + k.sharedBytes + " bytes of shared memory); give a smaller local work size");
        Object[] values = KernelArguments.values(k.ir, args);
        enter();
        for (Object v : values) if (v instanceof NativeArray arr && !isResident(arr)) copyToDevice(arr);
        MemorySegment start = event(), end = event();
        try (Arena a = Scratch.open()) {
            MemorySegment params = CudaKernelParams.build(a, k.ir, values, buffers::get); // the driver copies the arguments at launch
            cu.recordEvent(start);
            // Shared arrays are static (.shared in the PTX): no dynamic shared memory.
            cu.launch(k.function, config.grid(), config.block(), 0, params, task + " with " + geometry + " as " + config + " on " + id);
            cu.recordEvent(end);
        } catch (RuntimeException e) {
            spareEvents.push(start);
            spareEvents.push(end);
            throw e;
        }
        return new StreamedKernel(task + " (" + config + " on " + id + ")", start, end);
    }

    private MemorySegment event() { return spareEvents.isEmpty() ? cu.createEvent() : spareEvents.pop(); }

    /**
     * Waits for every launched kernel in order and reads its time from its events. A fault inside a kernel surfaces
     * here, asynchronously: the first launch whose end event fails is named (those before it completed).
     */
    @Override public synchronized void finish() {
        if (pending.isEmpty()) return;
        CudaException first = null;
        enter();
        for (StreamedKernel p : pending) {
            if (first == null) {
                try {
                    cu.synchronizeEvent(p.end);
                    p.finished(Math.round(cu.elapsedMillis(p.start, p.end) * 1e6));
                } catch (CudaException e) {
                    p.failed(0);
                    first = e.in("asynchronous fault in " + p.task + "; the CUDA context may be unusable until the device is closed");
                }
            }
            spareEvents.push(p.start);
            spareEvents.push(p.end);
        }
        pending.clear();
        if (first != null) throw first;
    }

    // ---- lifetime ----

    @Override public synchronized void close() {
        Cleanup cleanup = new Cleanup();
        cleanup.run(this::finish); // kernels in flight end before their buffers and modules go
        cleanup.run(() -> DeviceRuntime.closing(this));
        if (context == null) {
            buffers.clear();
            kernels.clear();
            cleanup.done();
            return;
        }
        cleanup.run(this::enter);
        for (long b : buffers.values()) cleanup.run(() -> cu.free(b));
        buffers.clear();
        for (CudaKernel k : kernels) {
            k.released = true;
            cleanup.run(() -> cu.unloadModule(k.module));
        }
        kernels.clear();
        pending.forEach(p -> { spareEvents.push(p.start); spareEvents.push(p.end); });
        pending.clear();
        for (MemorySegment e : spareEvents) cleanup.run(() -> cu.destroyEvent(e));
        spareEvents.clear();
        cleanup.run(() -> cu.releasePrimaryContext(device));
        context = null;
        // A closed device can be used again: the next call retains the primary context anew.
        cleanup.done();
    }

    @Override public String toString() {
        return id + " [" + name + ", sm_" + ccMajor + ccMinor + ", " + multiprocessors + " SMs, " + backendVersion() + "]";
    }
}
