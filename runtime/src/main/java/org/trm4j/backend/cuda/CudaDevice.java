package org.trm4j.backend.cuda;

import org.trm4j.api.DeviceType;
import org.trm4j.api.NativeArray;
import org.trm4j.api.WorkerGrid;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ptx.PtxRenderer;
import org.trm4j.jit.ptx.PtxTarget;
import org.trm4j.runtime.BoundsChecks;
import org.trm4j.runtime.CompiledKernel;
import org.trm4j.runtime.DeviceRuntime;
import org.trm4j.runtime.KernelArguments;
import org.trm4j.runtime.LaunchGeometry;
import org.trm4j.runtime.Reductions;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
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
    private MemorySegment startEvent, endEvent;
    private final Map<NativeArray, Long> buffers = new IdentityHashMap<>();
    private final List<CudaKernel> kernels = new ArrayList<>();

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

    @Override public CompiledKernel compile(Method kernel) {
        long t0 = System.nanoTime();
        Kernel ir = BoundsChecks.kernelFor(kernel); // the front end's shared IR (only read here), or a checked copy
        return compile(kernel, ir, t0);
    }

    /** Loads hand-made or already compiled IR; {@code method} may be null (it is only reported). */
    public CudaKernel compile(Method method, Kernel ir) { return compile(method, ir, System.nanoTime()); }

    private synchronized CudaKernel compile(Method method, Kernel ir, long t0) {
        String ptx = PtxRenderer.render(ir, target);
        enter();
        MemorySegment module = cu.loadModule(ptx, ir.source + " for " + target + " on " + id + " [" + name + "]");
        MemorySegment function;
        try {
            function = cu.function(module, PtxRenderer.entryName(ir));
        } catch (CudaException e) {
            cu.unloadModule(module);
            throw e;
        }
        CudaKernel k = new CudaKernel(this, method, ir, ptx, target, module, function, System.nanoTime() - t0);
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
        if (!(kernel instanceof CudaKernel k) || k.device != this)
            throw new IllegalArgumentException(kernel + " was not compiled for " + id);
        if (k.released) throw new IllegalStateException(k + " was released when the device was closed");
        return Reductions.launch(this, k.ir, args, withPartials -> BoundsChecks.launch(this, k.ir, withPartials, all -> launchOnce(k, all, grid)));
    }

    private long launchOnce(CudaKernel k, Object[] args, WorkerGrid grid) {
        String task = KernelArguments.kernelName(k.ir);
        LaunchGeometry geometry = LaunchGeometry.of(k.ir, args, grid, task);
        CudaLaunchConfig config = CudaLaunchConfig.of(geometry, !k.ir.parallelDims.isEmpty(), maxThreadsPerBlock);
        Object[] values = KernelArguments.values(k.ir, args);
        enter();
        for (Object v : values) if (v instanceof NativeArray arr && !isResident(arr)) copyToDevice(arr);
        if (startEvent == null) {
            startEvent = cu.createEvent();
            endEvent = cu.createEvent();
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = CudaKernelParams.build(a, k.ir, values, buffers::get);
            cu.recordEvent(startEvent);
            // Shared arrays are static (.shared in the PTX): no dynamic shared memory.
            cu.launch(k.function, config.grid(), config.block(), 0, params, task + " with " + geometry + " as " + config + " on " + id);
            cu.recordEvent(endEvent);
            cu.synchronizeEvent(endEvent);
        }
        return Math.round(cu.elapsedMillis(startEvent, endEvent) * 1e6);
    }

    // ---- lifetime ----

    @Override public synchronized void close() {
        if (context == null) {
            buffers.clear();
            kernels.clear();
            return;
        }
        enter();
        for (long b : buffers.values()) cu.free(b);
        buffers.clear();
        for (CudaKernel k : kernels) {
            k.released = true;
            cu.unloadModule(k.module);
        }
        kernels.clear();
        if (startEvent != null) {
            cu.destroyEvent(startEvent);
            cu.destroyEvent(endEvent);
            startEvent = endEvent = null;
        }
        cu.releasePrimaryContext(device);
        context = null;
        // A closed device can be used again: the next call retains the primary context anew.
    }

    @Override public String toString() {
        return id + " [" + name + ", sm_" + ccMajor + ccMinor + ", " + multiprocessors + " SMs, " + backendVersion() + "]";
    }
}
