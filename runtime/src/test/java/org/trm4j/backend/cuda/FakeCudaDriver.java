package org.trm4j.backend.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A CUDA driver made of Java upcalls, for testing the CUDA backend's hygiene on machines without a GPU: one device
 * (sm_80, 1024 threads per block), real host memory behind cuMemAlloc, kernels that do nothing, and failures on
 * demand ({@link #failNext}). Counts every call. One instance at a time (the upcalls are static).
 */
final class FakeCudaDriver {
    static final int CUDA_ERROR_INVALID_VALUE = 1;
    static final int CUDA_ERROR_ILLEGAL_ADDRESS = 700;

    private static final Map<String, AtomicLong> CALLS = new ConcurrentHashMap<>();
    /** Per entry point: {calls to let pass before the failing one, the CUresult it returns}. */
    private static final Map<String, int[]> FAILURES = new ConcurrentHashMap<>();
    private static final List<String> LOG = new CopyOnWriteArrayList<>();
    private static final Map<Integer, Integer> FUNCTION_ATTRIBUTES = new ConcurrentHashMap<>();
    private static final AtomicLong HANDLES = new AtomicLong(0x1000);
    private static volatile int[] lastBlock;
    private static final Arena MEMORY = Arena.global();

    private FakeCudaDriver() {}

    /** A fresh fake: counters cleared, no failures planned, kernels allowed 1024 threads per block. */
    static CudaDriver create() {
        CALLS.clear();
        FAILURES.clear();
        LOG.clear();
        FUNCTION_ATTRIBUTES.clear();
        FUNCTION_ATTRIBUTES.put(CudaDriver.CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK, 1024);
        FUNCTION_ATTRIBUTES.put(CudaDriver.CU_FUNC_ATTRIBUTE_NUM_REGS, 32);
        FUNCTION_ATTRIBUTES.put(CudaDriver.CU_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES, 0);
        lastBlock = null;
        return CudaDriver.of("fake-libcuda", lookup());
    }

    /** The next call of {@code entryPoint} returns {@code code}. */
    static void failNext(String entryPoint, int code) { failCall(entryPoint, 1, code); }

    /** The {@code nth} call of {@code entryPoint} from now (1 = the next) returns {@code code}. */
    static void failCall(String entryPoint, int nth, int code) { FAILURES.put(entryPoint, new int[]{nth - 1, code}); }

    /** Every entry point called since {@link #create}, in order. */
    static List<String> log() { return List.copyOf(LOG); }

    static void functionAttribute(int attribute, int value) { FUNCTION_ATTRIBUTES.put(attribute, value); }

    static long calls(String entryPoint) { return CALLS.getOrDefault(entryPoint, new AtomicLong()).get(); }

    static int[] lastBlock() { return lastBlock; }

    private static int enter(String name) {
        CALLS.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
        LOG.add(name);
        int[] failure = FAILURES.get(name);
        if (failure == null) return 0;
        if (failure[0]-- > 0) return 0;
        FAILURES.remove(name);
        return failure[1];
    }

    private static MemorySegment at(MemorySegment p, long bytes) { return p.reinterpret(bytes); }

    private static long handle() { return HANDLES.addAndGet(16); }

    // ---- the entry points (names as the driver's symbols) ----

    static int cuInit(int flags) { return enter("cuInit"); }
    static int cuDriverGetVersion(MemorySegment out) { at(out, 4).set(JAVA_INT, 0, 12080); return enter("cuDriverGetVersion"); }
    static int cuDeviceGetCount(MemorySegment out) { at(out, 4).set(JAVA_INT, 0, 1); return enter("cuDeviceGetCount"); }
    static int cuDeviceGet(MemorySegment out, int ordinal) { at(out, 4).set(JAVA_INT, 0, ordinal); return enter("cuDeviceGet"); }
    static int cuDeviceGetName(MemorySegment out, int len, int dev) { at(out, len).setString(0, "Fake GPU"); return enter("cuDeviceGetName"); }

    static int cuDeviceGetAttribute(MemorySegment out, int attribute, int dev) {
        int v = switch (attribute) {
            case CudaDriver.CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK -> 1024;
            case CudaDriver.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK -> 48 * 1024;
            case CudaDriver.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT -> 4;
            case CudaDriver.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR -> 8;
            default -> 0;
        };
        at(out, 4).set(JAVA_INT, 0, v);
        return enter("cuDeviceGetAttribute");
    }

    static int cuDeviceTotalMem_v2(MemorySegment out, int dev) { at(out, 8).set(JAVA_LONG, 0, 1L << 30); return enter("cuDeviceTotalMem_v2"); }
    static int cuDevicePrimaryCtxRetain(MemorySegment out, int dev) { at(out, 8).set(JAVA_LONG, 0, handle()); return enter("cuDevicePrimaryCtxRetain"); }
    static int cuDevicePrimaryCtxRelease_v2(int dev) { return enter("cuDevicePrimaryCtxRelease_v2"); }
    static int cuCtxSetCurrent(MemorySegment ctx) { return enter("cuCtxSetCurrent"); }
    static int cuCtxSynchronize() { return enter("cuCtxSynchronize"); }

    static int cuModuleLoadDataEx(MemorySegment out, MemorySegment image, int n, MemorySegment options, MemorySegment values) {
        at(out, 8).set(JAVA_LONG, 0, handle());
        return enter("cuModuleLoadDataEx");
    }

    static int cuModuleGetFunction(MemorySegment out, MemorySegment module, MemorySegment name) {
        at(out, 8).set(JAVA_LONG, 0, handle());
        return enter("cuModuleGetFunction");
    }

    static int cuModuleUnload(MemorySegment module) { return enter("cuModuleUnload"); }

    static int cuFuncGetAttribute(MemorySegment out, int attribute, MemorySegment function) {
        at(out, 4).set(JAVA_INT, 0, FUNCTION_ATTRIBUTES.getOrDefault(attribute, 0));
        return enter("cuFuncGetAttribute");
    }

    static int cuMemAlloc_v2(MemorySegment out, long bytes) {
        at(out, 8).set(JAVA_LONG, 0, MEMORY.allocate(bytes, 16).address());
        return enter("cuMemAlloc_v2");
    }

    static int cuMemFree_v2(long ptr) { return enter("cuMemFree_v2"); }

    static int cuMemcpyHtoD_v2(long dst, MemorySegment src, long bytes) {
        MemorySegment.ofAddress(dst).reinterpret(bytes).copyFrom(at(src, bytes));
        return enter("cuMemcpyHtoD_v2");
    }

    static int cuMemcpyDtoH_v2(MemorySegment dst, long src, long bytes) {
        at(dst, bytes).copyFrom(MemorySegment.ofAddress(src).reinterpret(bytes));
        return enter("cuMemcpyDtoH_v2");
    }

    static int cuLaunchKernel(MemorySegment f, int gx, int gy, int gz, int bx, int by, int bz, int shared,
                              MemorySegment stream, MemorySegment params, MemorySegment extra) {
        lastBlock = new int[]{bx, by, bz};
        return enter("cuLaunchKernel");
    }

    static int cuEventCreate(MemorySegment out, int flags) { at(out, 8).set(JAVA_LONG, 0, handle()); return enter("cuEventCreate"); }
    static int cuEventRecord(MemorySegment event, MemorySegment stream) { return enter("cuEventRecord"); }
    static int cuEventSynchronize(MemorySegment event) { return enter("cuEventSynchronize"); }
    static int cuEventElapsedTime(MemorySegment out, MemorySegment a, MemorySegment b) { at(out, 4).set(JAVA_FLOAT, 0, 0.5f); return enter("cuEventElapsedTime"); }
    static int cuEventDestroy_v2(MemorySegment event) { return enter("cuEventDestroy_v2"); }

    private static final Map<Integer, MemorySegment> ERROR_NAMES = new HashMap<>();

    static synchronized int cuGetErrorName(int code, MemorySegment out) {
        String name = switch (code) {
            case CUDA_ERROR_INVALID_VALUE -> "CUDA_ERROR_INVALID_VALUE";
            case CUDA_ERROR_ILLEGAL_ADDRESS -> "CUDA_ERROR_ILLEGAL_ADDRESS";
            default -> null;
        };
        if (name == null) return CUDA_ERROR_INVALID_VALUE;
        at(out, 8).set(ADDRESS, 0, ERROR_NAMES.computeIfAbsent(code, c -> MEMORY.allocateFrom(name)));
        return 0;
    }

    /** Every static int-returning method above, as an upcall stub under its own name. */
    private static SymbolLookup lookup() {
        Map<String, MemorySegment> symbols = new HashMap<>();
        Linker linker = Linker.nativeLinker();
        for (Method m : FakeCudaDriver.class.getDeclaredMethods()) {
            if (!m.getName().startsWith("cu") || !Modifier.isStatic(m.getModifiers()) || m.getReturnType() != int.class) continue;
            MemoryLayout[] args = new MemoryLayout[m.getParameterCount()];
            Class<?>[] types = m.getParameterTypes();
            for (int i = 0; i < args.length; i++)
                args[i] = types[i] == int.class ? JAVA_INT : types[i] == long.class ? JAVA_LONG : ADDRESS;
            try {
                var handle = MethodHandles.lookup().findStatic(FakeCudaDriver.class, m.getName(), MethodType.methodType(int.class, types));
                symbols.put(m.getName(), linker.upcallStub(handle, FunctionDescriptor.of(JAVA_INT, args), MEMORY));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return name -> Optional.ofNullable(symbols.get(name));
    }
}
