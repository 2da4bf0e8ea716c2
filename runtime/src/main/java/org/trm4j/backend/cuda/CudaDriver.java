package org.trm4j.backend.cuda;

import org.trm4j.runtime.Scratch;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * FFM bindings to the CUDA driver API (libcuda.so.1), the calls trm4j needs and nothing else.
 * The {@code _v2} entry points are bound by their real symbol names (the header's macros do that for C).
 * CUresult is an int, CUdevice an int, handles are pointers, CUdeviceptr and size_t are 64-bit.
 * Every failing call throws {@link CudaException} naming the call and the CUresult's name.
 */
public final class CudaDriver {
    /** The driver library on Linux. */
    public static final String DEFAULT_LIBRARY = "libcuda.so.1";

    public static final int CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK = 1;
    public static final int CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK = 8;
    public static final int CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
    public static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
    public static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;
    public static final int CUDA_ERROR_NO_DEVICE = 100;
    public static final int CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK = 0;
    public static final int CU_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES = 1;
    public static final int CU_FUNC_ATTRIBUTE_NUM_REGS = 4;

    private final String library;
    private final MethodHandle cuInit, cuDriverGetVersion, cuDeviceGetCount, cuDeviceGet, cuDeviceGetName,
            cuDeviceGetAttribute, cuDeviceTotalMem, cuDevicePrimaryCtxRetain, cuDevicePrimaryCtxRelease,
            cuCtxSetCurrent, cuCtxSynchronize, cuModuleLoadDataEx, cuModuleGetFunction, cuModuleUnload,
            cuMemAlloc, cuMemFree, cuMemcpyHtoD, cuMemcpyDtoH, cuLaunchKernel, cuEventCreate, cuEventRecord,
            cuEventSynchronize, cuEventElapsedTime, cuEventDestroy, cuGetErrorName, cuFuncGetAttribute;

    private CudaDriver(String library, SymbolLookup lookup) {
        this.library = library;
        Linker l = Linker.nativeLinker();
        cuInit = bind(l, lookup, "cuInit", JAVA_INT);
        cuDriverGetVersion = bind(l, lookup, "cuDriverGetVersion", ADDRESS);
        cuDeviceGetCount = bind(l, lookup, "cuDeviceGetCount", ADDRESS);
        cuDeviceGet = bind(l, lookup, "cuDeviceGet", ADDRESS, JAVA_INT);
        cuDeviceGetName = bind(l, lookup, "cuDeviceGetName", ADDRESS, JAVA_INT, JAVA_INT);
        cuDeviceGetAttribute = bind(l, lookup, "cuDeviceGetAttribute", ADDRESS, JAVA_INT, JAVA_INT);
        cuDeviceTotalMem = bind(l, lookup, "cuDeviceTotalMem_v2", ADDRESS, JAVA_INT);
        cuDevicePrimaryCtxRetain = bind(l, lookup, "cuDevicePrimaryCtxRetain", ADDRESS, JAVA_INT);
        cuDevicePrimaryCtxRelease = bind(l, lookup, "cuDevicePrimaryCtxRelease_v2", JAVA_INT);
        cuCtxSetCurrent = bind(l, lookup, "cuCtxSetCurrent", ADDRESS);
        cuCtxSynchronize = bind(l, lookup, "cuCtxSynchronize");
        cuModuleLoadDataEx = bind(l, lookup, "cuModuleLoadDataEx", ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        cuModuleGetFunction = bind(l, lookup, "cuModuleGetFunction", ADDRESS, ADDRESS, ADDRESS);
        cuModuleUnload = bind(l, lookup, "cuModuleUnload", ADDRESS);
        cuMemAlloc = bind(l, lookup, "cuMemAlloc_v2", ADDRESS, JAVA_LONG);
        cuMemFree = bind(l, lookup, "cuMemFree_v2", JAVA_LONG);
        cuMemcpyHtoD = bind(l, lookup, "cuMemcpyHtoD_v2", JAVA_LONG, ADDRESS, JAVA_LONG);
        cuMemcpyDtoH = bind(l, lookup, "cuMemcpyDtoH_v2", ADDRESS, JAVA_LONG, JAVA_LONG);
        cuLaunchKernel = bind(l, lookup, "cuLaunchKernel", ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        cuFuncGetAttribute = bind(l, lookup, "cuFuncGetAttribute", ADDRESS, JAVA_INT, ADDRESS);
        cuEventCreate = bind(l, lookup, "cuEventCreate", ADDRESS, JAVA_INT);
        cuEventRecord = bind(l, lookup, "cuEventRecord", ADDRESS, ADDRESS);
        cuEventSynchronize = bind(l, lookup, "cuEventSynchronize", ADDRESS);
        cuEventElapsedTime = bind(l, lookup, "cuEventElapsedTime", ADDRESS, ADDRESS, ADDRESS);
        cuEventDestroy = bind(l, lookup, "cuEventDestroy_v2", ADDRESS);
        cuGetErrorName = bind(l, lookup, "cuGetErrorName", JAVA_INT, ADDRESS);
    }

    /**
     * Loads the driver library by name (or path). Throws {@link CudaUnavailableException} with a
     * reason a user can act on when it is missing or lacks a symbol; never anything else.
     */
    public static CudaDriver load(String library) {
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException | UnsatisfiedLinkError e) {
            throw new CudaUnavailableException(library + " not found: no NVIDIA driver is installed (or it is not on the loader path)");
        }
        return of(library, lookup);
    }

    /** A driver whose entry points {@code lookup} finds (tests give one of their own, to fake the driver's failures). */
    static CudaDriver of(String library, SymbolLookup lookup) {
        try {
            return new CudaDriver(library, lookup);
        } catch (IllegalStateException e) {
            throw new CudaUnavailableException(library + " is not a usable CUDA driver: " + e.getMessage());
        }
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lookup, String name, MemoryLayout... args) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new IllegalStateException("symbol " + name + " is missing (driver too old?)"));
        return linker.downcallHandle(symbol, FunctionDescriptor.of(JAVA_INT, args));
    }

    public String library() { return library; }

    // ---- error handling ----

    /** The CUresult's name ("CUDA_ERROR_INVALID_PTX"), or its number when the driver does not know it. */
    public String errorName(int code) {
        try (Arena a = Scratch.open()) {
            MemorySegment out = a.allocate(ADDRESS);
            int rc = (int) cuGetErrorName.invokeExact(code, out);
            MemorySegment s = out.get(ADDRESS, 0);
            if (rc != 0 || s.equals(MemorySegment.NULL)) return "CUresult " + code;
            return s.reinterpret(256).getString(0, StandardCharsets.UTF_8);
        } catch (Throwable t) {
            return "CUresult " + code;
        }
    }

    void check(int rc, String call) { check(rc, call, null); }

    void check(int rc, String call, String detail) {
        if (rc != 0) throw new CudaException(call, rc, errorName(rc), detail);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    // ---- device discovery ----

    public void init() {
        try { check((int) cuInit.invokeExact(0), "cuInit"); } catch (Throwable t) { throw rethrow(t); }
    }

    /** 1000 * major + 10 * minor, e.g. 12040 for CUDA 12.4. */
    public int driverVersion() { return intOut(cuDriverGetVersion, "cuDriverGetVersion"); }

    public int deviceCount() { return intOut(cuDeviceGetCount, "cuDeviceGetCount"); }

    public int device(int ordinal) {
        try (Arena a = Scratch.open()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check((int) cuDeviceGet.invokeExact(out, ordinal), "cuDeviceGet(" + ordinal + ")");
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    public String deviceName(int device) {
        try (Arena a = Scratch.open()) {
            MemorySegment out = a.allocate(256);
            check((int) cuDeviceGetName.invokeExact(out, 256, device), "cuDeviceGetName");
            return out.getString(0, StandardCharsets.UTF_8);
        } catch (Throwable t) { throw rethrow(t); }
    }

    public int attribute(int device, int attribute) {
        try (Arena a = Scratch.open()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check((int) cuDeviceGetAttribute.invokeExact(out, attribute, device), "cuDeviceGetAttribute(" + attribute + ")");
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    public long totalMemory(int device) {
        try (Arena a = Scratch.open()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check((int) cuDeviceTotalMem.invokeExact(out, device), "cuDeviceTotalMem_v2");
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    // ---- contexts ----

    /** The device's primary context (shared with any other CUDA user in this process). */
    public MemorySegment retainPrimaryContext(int device) {
        try (Arena a = Scratch.open()) {
            MemorySegment out = a.allocate(ADDRESS);
            check((int) cuDevicePrimaryCtxRetain.invokeExact(out, device), "cuDevicePrimaryCtxRetain");
            return out.get(ADDRESS, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    public void releasePrimaryContext(int device) {
        try { check((int) cuDevicePrimaryCtxRelease.invokeExact(device), "cuDevicePrimaryCtxRelease_v2"); } catch (Throwable t) { throw rethrow(t); }
    }

    /** Makes {@code ctx} current on the calling thread (contexts are per thread in the driver API). */
    public void setCurrent(MemorySegment ctx) {
        try { check((int) cuCtxSetCurrent.invokeExact(ctx), "cuCtxSetCurrent"); } catch (Throwable t) { throw rethrow(t); }
    }

    public void synchronize() {
        try { check((int) cuCtxSynchronize.invokeExact(), "cuCtxSynchronize"); } catch (Throwable t) { throw rethrow(t); }
    }

    // ---- modules ----

    /**
     * JIT-compiles a PTX module. A refusal throws {@link CudaModuleLoadException} carrying the JIT's
     * error and info logs and the PTX.
     */
    public MemorySegment loadModule(String ptx, String what) {
        try (Arena a = Scratch.open()) {
            MemorySegment image = a.allocateFrom(ptx, StandardCharsets.UTF_8);
            CudaJitOptions opts = new CudaJitOptions(a);
            MemorySegment out = a.allocate(ADDRESS);
            int rc = (int) cuModuleLoadDataEx.invokeExact(out, image, opts.count(), opts.options(), opts.values());
            if (rc != 0) throw new CudaModuleLoadException(what, rc, errorName(rc), opts.combinedLog(), ptx);
            return out.get(ADDRESS, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    public MemorySegment function(MemorySegment module, String name) {
        try (Arena a = Scratch.open()) {
            MemorySegment out = a.allocate(ADDRESS);
            check((int) cuModuleGetFunction.invokeExact(out, module, a.allocateFrom(name)), "cuModuleGetFunction(\"" + name + "\")");
            return out.get(ADDRESS, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    /** One CU_FUNC_ATTRIBUTE_* of a loaded kernel (its real register, shared-memory and block limits). */
    public int functionAttribute(MemorySegment function, int attribute) {
        try (Arena a = Scratch.open()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check((int) cuFuncGetAttribute.invokeExact(out, attribute, function), "cuFuncGetAttribute(" + attribute + ")");
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    public void unloadModule(MemorySegment module) {
        try { check((int) cuModuleUnload.invokeExact(module), "cuModuleUnload"); } catch (Throwable t) { throw rethrow(t); }
    }

    // ---- memory ----

    /** A device allocation; returns the CUdeviceptr. */
    public long malloc(long bytes) {
        try (Arena a = Scratch.open()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check((int) cuMemAlloc.invokeExact(out, bytes), "cuMemAlloc_v2", bytes + " bytes");
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    public void free(long ptr) {
        try { check((int) cuMemFree.invokeExact(ptr), "cuMemFree_v2"); } catch (Throwable t) { throw rethrow(t); }
    }

    public void copyHostToDevice(long dst, MemorySegment src, long bytes) {
        try { check((int) cuMemcpyHtoD.invokeExact(dst, src, bytes), "cuMemcpyHtoD_v2", bytes + " bytes"); } catch (Throwable t) { throw rethrow(t); }
    }

    public void copyDeviceToHost(MemorySegment dst, long src, long bytes) {
        try { check((int) cuMemcpyDtoH.invokeExact(dst, src, bytes), "cuMemcpyDtoH_v2", bytes + " bytes"); } catch (Throwable t) { throw rethrow(t); }
    }

    // ---- launch and events ----

    /** Launches on the default stream; {@code params} is the void*[] of pointers to each argument. */
    public void launch(MemorySegment function, int[] grid, int[] block, int sharedBytes, MemorySegment params, String what) {
        try {
            int rc = (int) cuLaunchKernel.invokeExact(function, grid[0], grid[1], grid[2], block[0], block[1], block[2], sharedBytes,
                    MemorySegment.NULL, params, MemorySegment.NULL);
            check(rc, "cuLaunchKernel", what);
        } catch (Throwable t) { throw rethrow(t); }
    }

    public MemorySegment createEvent() {
        try (Arena a = Scratch.open()) {
            MemorySegment out = a.allocate(ADDRESS);
            check((int) cuEventCreate.invokeExact(out, 0), "cuEventCreate");
            return out.get(ADDRESS, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    public void recordEvent(MemorySegment event) {
        try { check((int) cuEventRecord.invokeExact(event, MemorySegment.NULL), "cuEventRecord"); } catch (Throwable t) { throw rethrow(t); }
    }

    public void synchronizeEvent(MemorySegment event) {
        try { check((int) cuEventSynchronize.invokeExact(event), "cuEventSynchronize"); } catch (Throwable t) { throw rethrow(t); }
    }

    /** Milliseconds between two recorded, completed events. */
    public float elapsedMillis(MemorySegment start, MemorySegment end) {
        try (Arena a = Scratch.open()) {
            MemorySegment out = a.allocate(JAVA_FLOAT);
            check((int) cuEventElapsedTime.invokeExact(out, start, end), "cuEventElapsedTime");
            return out.get(JAVA_FLOAT, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    public void destroyEvent(MemorySegment event) {
        try { check((int) cuEventDestroy.invokeExact(event), "cuEventDestroy_v2"); } catch (Throwable t) { throw rethrow(t); }
    }

    private int intOut(MethodHandle h, String call) {
        try (Arena a = Scratch.open()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check((int) h.invokeExact(out), call);
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }
}
