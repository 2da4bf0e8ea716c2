package org.trm4j.backend.opencl;

import org.trm4j.runtime.Scratch;
import org.trm4j.runtime.SignalChaining;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * FFM bindings to the OpenCL ICD loader (libOpenCL.so.1): the calls the opencl and spirv backends
 * need, each checked. Handles (cl_platform_id, cl_context, cl_mem...) are plain {@link MemorySegment}
 * addresses; {@code size_t} is {@code JAVA_LONG} (64-bit hosts only); {@code cl_uint} is {@code JAVA_INT};
 * {@code cl_ulong} and bitfields are {@code JAVA_LONG}. Every failing call throws an
 * {@link OpenClException} naming the call and the error.
 *
 * <p>Obtain the process-wide instance with {@link #get()}; it throws {@link IllegalStateException}
 * with a readable reason when no OpenCL library is installed.
 */
public final class OpenCl {
    // ---- constants (from CL/cl.h) ----
    public static final long CL_DEVICE_TYPE_CPU = 1L << 1, CL_DEVICE_TYPE_GPU = 1L << 2,
            CL_DEVICE_TYPE_ACCELERATOR = 1L << 3, CL_DEVICE_TYPE_ALL = 0xFFFFFFFFL;
    public static final int CL_PLATFORM_VERSION = 0x0901, CL_PLATFORM_NAME = 0x0902, CL_PLATFORM_VENDOR = 0x0903,
            CL_PLATFORM_EXTENSIONS = 0x0904;
    public static final int CL_DEVICE_TYPE = 0x1000, CL_DEVICE_MAX_COMPUTE_UNITS = 0x1002,
            CL_DEVICE_MAX_WORK_GROUP_SIZE = 0x1004, CL_DEVICE_MAX_MEM_ALLOC_SIZE = 0x1010,
            CL_DEVICE_SINGLE_FP_CONFIG = 0x101B, CL_DEVICE_GLOBAL_MEM_SIZE = 0x101F, CL_DEVICE_LOCAL_MEM_SIZE = 0x1023,
            CL_DEVICE_NAME = 0x102B, CL_DEVICE_VENDOR = 0x102C, CL_DRIVER_VERSION = 0x102D, CL_DEVICE_VERSION = 0x102F,
            CL_DEVICE_EXTENSIONS = 0x1030, CL_DEVICE_OPENCL_C_VERSION = 0x103D, CL_DEVICE_IL_VERSION = 0x105B;
    /** Bit of CL_DEVICE_SINGLE_FP_CONFIG: the device can do IEEE-exact float divide and sqrt. */
    public static final long CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT = 1L << 7;
    public static final long CL_QUEUE_PROFILING_ENABLE = 1L << 1;
    public static final long CL_MEM_READ_WRITE = 1L;
    public static final int CL_PROGRAM_BUILD_LOG = 0x1183;
    public static final int CL_PROFILING_COMMAND_START = 0x1282, CL_PROFILING_COMMAND_END = 0x1283;
    public static final int CL_SUCCESS = 0, CL_DEVICE_NOT_FOUND = -1, CL_PLATFORM_NOT_FOUND_KHR = -1001;

    private static final String[] LIBRARY_NAMES = {"libOpenCL.so.1", "libOpenCL.so", "OpenCL", "/System/Library/Frameworks/OpenCL.framework/OpenCL"};
    private static volatile Object instance; // an OpenCl, or the Throwable that made loading fail

    private final String library;
    private final MethodHandle clGetPlatformIDs, clGetPlatformInfo, clGetDeviceIDs, clGetDeviceInfo,
            clCreateContext, clReleaseContext, clCreateCommandQueue, clReleaseCommandQueue,
            clCreateBuffer, clReleaseMemObject, clEnqueueWriteBuffer, clEnqueueReadBuffer,
            clCreateProgramWithSource, clCreateProgramWithBinary, clBuildProgram, clGetProgramBuildInfo, clReleaseProgram,
            clCreateKernel, clReleaseKernel, clSetKernelArg, clEnqueueNDRangeKernel,
            clWaitForEvents, clGetEventProfilingInfo, clReleaseEvent;
    /** OpenCL 2.1+; null when the ICD loader predates it. */
    private final MethodHandle clCreateProgramWithIL;

    /** The bindings, loaded once per process. */
    public static OpenCl get() {
        Object o = instance;
        if (o == null) {
            synchronized (OpenCl.class) {
                if (instance == null) {
                    try {
                        instance = new OpenCl();
                    } catch (Throwable t) {
                        instance = t;
                    }
                }
                o = instance;
            }
        }
        if (o instanceof OpenCl cl) return cl;
        Throwable t = (Throwable) o;
        throw new IllegalStateException("OpenCL is not available: " + t.getMessage(), t);
    }

    private OpenCl() {
        Linker linker = Linker.nativeLinker();
        SymbolLookup lib = null;
        String found = null;
        StringBuilder tried = new StringBuilder();
        SignalChaining.warnIfInactive("OpenCL (PoCL)"); // the ICD loads the driver, which replaces the JVM's signal handlers
        for (String name : LIBRARY_NAMES) {
            try {
                lib = SymbolLookup.libraryLookup(name, Arena.global());
                found = name;
                break;
            } catch (IllegalArgumentException e) {
                tried.append(tried.isEmpty() ? "" : ", ").append(name);
            }
        }
        if (lib == null)
            throw new IllegalStateException("no OpenCL ICD loader found (tried " + tried + "); install ocl-icd-libopencl1 and a driver such as pocl-opencl-icd");
        library = found;
        var P = ADDRESS;
        var I = JAVA_INT;
        var L = JAVA_LONG;
        clGetPlatformIDs = fn(linker, lib, "clGetPlatformIDs", I, I, P, P);
        clGetPlatformInfo = fn(linker, lib, "clGetPlatformInfo", I, P, I, L, P, P);
        clGetDeviceIDs = fn(linker, lib, "clGetDeviceIDs", I, P, L, I, P, P);
        clGetDeviceInfo = fn(linker, lib, "clGetDeviceInfo", I, P, I, L, P, P);
        clCreateContext = fn(linker, lib, "clCreateContext", P, P, I, P, P, P, P);
        clReleaseContext = fn(linker, lib, "clReleaseContext", I, P);
        clCreateCommandQueue = fn(linker, lib, "clCreateCommandQueue", P, P, P, L, P);
        clReleaseCommandQueue = fn(linker, lib, "clReleaseCommandQueue", I, P);
        clCreateBuffer = fn(linker, lib, "clCreateBuffer", P, P, L, L, P, P);
        clReleaseMemObject = fn(linker, lib, "clReleaseMemObject", I, P);
        clEnqueueWriteBuffer = fn(linker, lib, "clEnqueueWriteBuffer", I, P, P, I, L, L, P, I, P, P);
        clEnqueueReadBuffer = fn(linker, lib, "clEnqueueReadBuffer", I, P, P, I, L, L, P, I, P, P);
        clCreateProgramWithSource = fn(linker, lib, "clCreateProgramWithSource", P, P, I, P, P, P);
        clCreateProgramWithBinary = fn(linker, lib, "clCreateProgramWithBinary", P, P, I, P, P, P, P, P);
        clCreateProgramWithIL = lib.find("clCreateProgramWithIL")
                .map(s -> linker.downcallHandle(s, FunctionDescriptor.of(P, P, P, L, P))).orElse(null);
        clBuildProgram = fn(linker, lib, "clBuildProgram", I, P, I, P, P, P, P);
        clGetProgramBuildInfo = fn(linker, lib, "clGetProgramBuildInfo", I, P, P, I, L, P, P);
        clReleaseProgram = fn(linker, lib, "clReleaseProgram", I, P);
        clCreateKernel = fn(linker, lib, "clCreateKernel", P, P, P, P);
        clReleaseKernel = fn(linker, lib, "clReleaseKernel", I, P);
        clSetKernelArg = fn(linker, lib, "clSetKernelArg", I, P, I, L, P);
        clEnqueueNDRangeKernel = fn(linker, lib, "clEnqueueNDRangeKernel", I, P, P, I, P, P, P, I, P, P);
        clWaitForEvents = fn(linker, lib, "clWaitForEvents", I, I, P);
        clGetEventProfilingInfo = fn(linker, lib, "clGetEventProfilingInfo", I, P, I, L, P, P);
        clReleaseEvent = fn(linker, lib, "clReleaseEvent", I, P);
    }

    private static MethodHandle fn(Linker linker, SymbolLookup lib, String name, MemoryLayout ret, MemoryLayout... args) {
        MemorySegment sym = lib.find(name).orElseThrow(() -> new IllegalStateException("the OpenCL library has no symbol " + name));
        return linker.downcallHandle(sym, FunctionDescriptor.of(ret, args));
    }

    /** The library file that was loaded, e.g. "libOpenCL.so.1". */
    public String library() { return library; }

    /** True when the loader exports clCreateProgramWithIL (the device must still list cl_khr_il_program or OpenCL 2.1+). */
    public boolean hasProgramWithIL() { return clCreateProgramWithIL != null; }

    // ---- discovery ----

    /** All platforms; empty (not an error) when the loader finds no ICD. */
    public List<MemorySegment> platforms() {
        return handles("clGetPlatformIDs", CL_PLATFORM_NOT_FOUND_KHR, (count, ids, n) -> (int) clGetPlatformIDs.invoke(count, ids, n));
    }

    public String platformInfo(MemorySegment platform, int param) {
        return string("clGetPlatformInfo", (size, value, sizeRet) -> (int) clGetPlatformInfo.invoke(platform, param, size, value, sizeRet)).strip();
    }

    /** The platform's devices of {@code type}; empty when it has none. */
    public List<MemorySegment> devices(MemorySegment platform, long type) {
        return handles("clGetDeviceIDs", CL_DEVICE_NOT_FOUND, (count, ids, n) -> (int) clGetDeviceIDs.invoke(platform, type, count, ids, n));
    }

    public String deviceInfoString(MemorySegment device, int param) {
        return string("clGetDeviceInfo", (size, value, sizeRet) -> (int) clGetDeviceInfo.invoke(device, param, size, value, sizeRet)).strip();
    }

    /** A cl_uint device property. */
    public int deviceInfoInt(MemorySegment device, int param) {
        return (int) scalar("clGetDeviceInfo", JAVA_INT, (size, value, sizeRet) -> (int) clGetDeviceInfo.invoke(device, param, size, value, sizeRet));
    }

    /** A cl_ulong, bitfield or size_t device property. */
    public long deviceInfoLong(MemorySegment device, int param) {
        return scalar("clGetDeviceInfo", JAVA_LONG, (size, value, sizeRet) -> (int) clGetDeviceInfo.invoke(device, param, size, value, sizeRet));
    }

    // ---- context, queue, memory ----

    public MemorySegment createContext(MemorySegment device) {
        try (Arena a = Scratch.open()) {
            MemorySegment devs = a.allocate(ADDRESS);
            devs.set(ADDRESS, 0, device);
            MemorySegment err = a.allocate(JAVA_INT);
            MemorySegment ctx = call(() -> (MemorySegment) clCreateContext.invoke(MemorySegment.NULL, 1, devs, MemorySegment.NULL, MemorySegment.NULL, err));
            check("clCreateContext", err.get(JAVA_INT, 0));
            return ctx;
        }
    }

    public void releaseContext(MemorySegment context) { check("clReleaseContext", call(() -> (int) clReleaseContext.invoke(context))); }

    /** An in-order queue; pass {@link #CL_QUEUE_PROFILING_ENABLE} to time commands with events. */
    public MemorySegment createCommandQueue(MemorySegment context, MemorySegment device, long properties) {
        try (Arena a = Scratch.open()) {
            MemorySegment err = a.allocate(JAVA_INT);
            MemorySegment q = call(() -> (MemorySegment) clCreateCommandQueue.invoke(context, device, properties, err));
            check("clCreateCommandQueue", err.get(JAVA_INT, 0));
            return q;
        }
    }

    public void releaseCommandQueue(MemorySegment queue) { check("clReleaseCommandQueue", call(() -> (int) clReleaseCommandQueue.invoke(queue))); }

    public MemorySegment createBuffer(MemorySegment context, long flags, long bytes) {
        try (Arena a = Scratch.open()) {
            MemorySegment err = a.allocate(JAVA_INT);
            MemorySegment buf = call(() -> (MemorySegment) clCreateBuffer.invoke(context, flags, bytes, MemorySegment.NULL, err));
            check("clCreateBuffer(" + bytes + " bytes)", err.get(JAVA_INT, 0));
            return buf;
        }
    }

    public void releaseMemObject(MemorySegment mem) { check("clReleaseMemObject", call(() -> (int) clReleaseMemObject.invoke(mem))); }

    /** Enqueues host -> device; returns the command's event (release it with {@link #releaseEvent}). */
    public MemorySegment enqueueWriteBuffer(MemorySegment queue, MemorySegment buffer, boolean blocking, long offset, long bytes, MemorySegment host) {
        try (Arena a = Scratch.open()) {
            MemorySegment ev = a.allocate(ADDRESS);
            check("clEnqueueWriteBuffer", call(() -> (int) clEnqueueWriteBuffer.invoke(queue, buffer, blocking ? 1 : 0, offset, bytes, host, 0, MemorySegment.NULL, ev)));
            return ev.get(ADDRESS, 0);
        }
    }

    /** Enqueues device -> host; returns the command's event (release it with {@link #releaseEvent}). */
    public MemorySegment enqueueReadBuffer(MemorySegment queue, MemorySegment buffer, boolean blocking, long offset, long bytes, MemorySegment host) {
        try (Arena a = Scratch.open()) {
            MemorySegment ev = a.allocate(ADDRESS);
            check("clEnqueueReadBuffer", call(() -> (int) clEnqueueReadBuffer.invoke(queue, buffer, blocking ? 1 : 0, offset, bytes, host, 0, MemorySegment.NULL, ev)));
            return ev.get(ADDRESS, 0);
        }
    }

    // ---- programs and kernels ----

    public MemorySegment createProgramWithSource(MemorySegment context, String source) {
        try (Arena a = Scratch.open()) {
            MemorySegment strings = a.allocate(ADDRESS);
            strings.set(ADDRESS, 0, a.allocateFrom(source));
            MemorySegment err = a.allocate(JAVA_INT);
            MemorySegment p = call(() -> (MemorySegment) clCreateProgramWithSource.invoke(context, 1, strings, MemorySegment.NULL, err));
            check("clCreateProgramWithSource", err.get(JAVA_INT, 0));
            return p;
        }
    }

    /** A program from an intermediate language (SPIR-V); the device needs cl_khr_il_program or OpenCL 2.1+. */
    public MemorySegment createProgramWithIL(MemorySegment context, byte[] il) {
        if (clCreateProgramWithIL == null)
            throw new UnsupportedOperationException(library + " does not export clCreateProgramWithIL (OpenCL 2.1 ICD loader needed)");
        try (Arena a = Scratch.open()) {
            MemorySegment bytes = a.allocateFrom(ValueLayout.JAVA_BYTE, il);
            MemorySegment err = a.allocate(JAVA_INT);
            MemorySegment p = call(() -> (MemorySegment) clCreateProgramWithIL.invoke(context, bytes, (long) il.length, err));
            check("clCreateProgramWithIL", err.get(JAVA_INT, 0));
            return p;
        }
    }

    /** A program from a device binary (for PoCL: LLVM bitcode, e.g. from {@code llvm-spirv -r}). */
    public MemorySegment createProgramWithBinary(MemorySegment context, MemorySegment device, byte[] binary) {
        try (Arena a = Scratch.open()) {
            MemorySegment devs = a.allocate(ADDRESS);
            devs.set(ADDRESS, 0, device);
            MemorySegment lengths = a.allocate(JAVA_LONG);
            lengths.set(JAVA_LONG, 0, binary.length);
            MemorySegment binaries = a.allocate(ADDRESS);
            binaries.set(ADDRESS, 0, a.allocateFrom(ValueLayout.JAVA_BYTE, binary));
            MemorySegment status = a.allocate(JAVA_INT);
            MemorySegment err = a.allocate(JAVA_INT);
            MemorySegment p = call(() -> (MemorySegment) clCreateProgramWithBinary.invoke(context, 1, devs, lengths, binaries, status, err));
            check("clCreateProgramWithBinary", err.get(JAVA_INT, 0));
            check("clCreateProgramWithBinary (binary status)", status.get(JAVA_INT, 0));
            return p;
        }
    }

    /** Builds for one device and returns the raw cl_int, so that the caller can fetch the build log on failure. */
    public int buildProgram(MemorySegment program, MemorySegment device, String options) {
        try (Arena a = Scratch.open()) {
            MemorySegment devs = a.allocate(ADDRESS);
            devs.set(ADDRESS, 0, device);
            MemorySegment opts = a.allocateFrom(options == null ? "" : options);
            return call(() -> (int) clBuildProgram.invoke(program, 1, devs, opts, MemorySegment.NULL, MemorySegment.NULL));
        }
    }

    public String programBuildLog(MemorySegment program, MemorySegment device) {
        return string("clGetProgramBuildInfo", (size, value, sizeRet) -> (int) clGetProgramBuildInfo.invoke(program, device, CL_PROGRAM_BUILD_LOG, size, value, sizeRet));
    }

    public void releaseProgram(MemorySegment program) { check("clReleaseProgram", call(() -> (int) clReleaseProgram.invoke(program))); }

    public MemorySegment createKernel(MemorySegment program, String name) {
        try (Arena a = Scratch.open()) {
            MemorySegment n = a.allocateFrom(name);
            MemorySegment err = a.allocate(JAVA_INT);
            MemorySegment k = call(() -> (MemorySegment) clCreateKernel.invoke(program, n, err));
            check("clCreateKernel(" + name + ")", err.get(JAVA_INT, 0));
            return k;
        }
    }

    public void releaseKernel(MemorySegment kernel) { check("clReleaseKernel", call(() -> (int) clReleaseKernel.invoke(kernel))); }

    /** Sets argument {@code index} to the {@code size} bytes at {@code value}. */
    public void setKernelArg(MemorySegment kernel, int index, long size, MemorySegment value) {
        int rc = call(() -> (int) clSetKernelArg.invoke(kernel, index, size, value));
        if (rc != CL_SUCCESS) throw new OpenClException("clSetKernelArg(index " + index + ")", rc);
    }

    /**
     * Enqueues a kernel over {@code global} work-items ({@code local}: null lets the driver choose);
     * returns the command's event.
     */
    public MemorySegment enqueueNDRangeKernel(MemorySegment queue, MemorySegment kernel, long[] global, long[] local) {
        try (Arena a = Scratch.open()) {
            int dims = global.length;
            MemorySegment g = a.allocateFrom(JAVA_LONG, global);
            MemorySegment l = local == null ? MemorySegment.NULL : a.allocateFrom(JAVA_LONG, local);
            MemorySegment ev = a.allocate(ADDRESS);
            check("clEnqueueNDRangeKernel", call(() -> (int) clEnqueueNDRangeKernel.invoke(queue, kernel, dims, MemorySegment.NULL, g, l, 0, MemorySegment.NULL, ev)));
            return ev.get(ADDRESS, 0);
        }
    }

    // ---- events ----

    public void waitForEvent(MemorySegment event) {
        try (Arena a = Scratch.open()) {
            MemorySegment list = a.allocate(ADDRESS);
            list.set(ADDRESS, 0, event);
            check("clWaitForEvents", call(() -> (int) clWaitForEvents.invoke(1, list)));
        }
    }

    /** END - START of a finished command, in nanoseconds (the queue must have profiling enabled). */
    public long eventDurationNanos(MemorySegment event) {
        return eventProfilingInfo(event, CL_PROFILING_COMMAND_END) - eventProfilingInfo(event, CL_PROFILING_COMMAND_START);
    }

    private long eventProfilingInfo(MemorySegment event, int param) {
        return scalar("clGetEventProfilingInfo", JAVA_LONG, (size, value, sizeRet) -> (int) clGetEventProfilingInfo.invoke(event, param, size, value, sizeRet));
    }

    public void releaseEvent(MemorySegment event) { check("clReleaseEvent", call(() -> (int) clReleaseEvent.invoke(event))); }

    // ---- plumbing ----

    /** Throws when {@code rc} is an error. */
    public static void check(String call, int rc) {
        if (rc != CL_SUCCESS) throw new OpenClException(call, rc);
    }

    /** A clGet...IDs call: fills {@code ids} with up to {@code count} handles and stores how many there are at {@code n}. */
    @FunctionalInterface private interface IdsCall { int call(int count, MemorySegment ids, MemorySegment n) throws Throwable; }

    /** The handles a clGet...IDs call lists: asks for the count, then for that many; none when it returns {@code none}. */
    private static List<MemorySegment> handles(String name, int none, IdsCall c) {
        try (Arena a = Scratch.open()) {
            MemorySegment n = a.allocate(JAVA_INT);
            int rc = call(() -> c.call(0, MemorySegment.NULL, n));
            if (rc == none) return List.of();
            check(name, rc);
            int count = n.get(JAVA_INT, 0);
            if (count == 0) return List.of();
            MemorySegment ids = a.allocate(ADDRESS, count);
            check(name, call(() -> c.call(count, ids, MemorySegment.NULL)));
            List<MemorySegment> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) out.add(ids.getAtIndex(ADDRESS, i));
            return List.copyOf(out);
        }
    }

    /** A clGet...Info call: writes up to {@code size} bytes to {@code value} and the size it has at {@code sizeRet}. */
    @FunctionalInterface private interface InfoCall { int call(long size, MemorySegment value, MemorySegment sizeRet) throws Throwable; }

    /** The string a clGet...Info call returns: asks for its size, then for the string. */
    private static String string(String name, InfoCall c) {
        try (Arena a = Scratch.open()) {
            MemorySegment size = a.allocate(JAVA_LONG);
            check(name, call(() -> c.call(0L, MemorySegment.NULL, size)));
            long n = size.get(JAVA_LONG, 0);
            MemorySegment buf = a.allocate(Math.max(1, n));
            check(name, call(() -> c.call(n, buf, MemorySegment.NULL)));
            return buf.getString(0);
        }
    }

    /** The cl_uint ({@code JAVA_INT}) or 8-byte ({@code JAVA_LONG}) value a clGet...Info call returns. */
    private static long scalar(String name, ValueLayout layout, InfoCall c) {
        try (Arena a = Scratch.open()) {
            MemorySegment v = a.allocate(layout);
            check(name, call(() -> c.call(layout.byteSize(), v, MemorySegment.NULL)));
            return layout == JAVA_INT ? v.get(JAVA_INT, 0) : v.get(JAVA_LONG, 0);
        }
    }

    @FunctionalInterface private interface NativeCall<T> { T call() throws Throwable; }

    /** Runs a downcall; a checked Throwable (MethodHandle.invoke declares one) becomes an IllegalStateException. */
    private static <T> T call(NativeCall<T> c) {
        try {
            return c.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
