package org.trm4j.bench;

import org.trm4j.runtime.Scratch;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * cuBLAS's {@code cublasSgemm_v2} through FFM (with the CUDA runtime for memory), the GPU matmul our cuda kernels are
 * compared with. Loaded only where libcublas and libcudart are installed (a CUDA toolkit); the passes use the
 * column-major calls of {@link ColumnMajorGemm}, which the CPU tests check with OpenBLAS. Device 0 only.
 */
public final class CuBlas implements AutoCloseable {
    private static final String[] CUBLAS = {"libcublas.so", "libcublas.so.13", "libcublas.so.12", "libcublas.so.11"};
    private static final String[] CUDART = {"libcudart.so", "libcudart.so.13", "libcudart.so.12", "libcudart.so.11"};
    private static final int HOST_TO_DEVICE = 1, DEVICE_TO_HOST = 2, OP_N = 0, OP_T = 1;

    private final MethodHandle malloc, free, memcpy, sync, sgemm, destroy;
    private final MemorySegment handle;
    private final Arena arena = Arena.ofShared();

    private CuBlas(SymbolLookup blas, SymbolLookup rt) throws Throwable {
        Linker l = Linker.nativeLinker();
        var I = ValueLayout.JAVA_INT;
        var A = ValueLayout.ADDRESS;
        var J = ValueLayout.JAVA_LONG;
        malloc = l.downcallHandle(rt.findOrThrow("cudaMalloc"), FunctionDescriptor.of(I, A, J));
        free = l.downcallHandle(rt.findOrThrow("cudaFree"), FunctionDescriptor.of(I, A));
        memcpy = l.downcallHandle(rt.findOrThrow("cudaMemcpy"), FunctionDescriptor.of(I, A, A, J, I));
        sync = l.downcallHandle(rt.findOrThrow("cudaDeviceSynchronize"), FunctionDescriptor.of(I));
        MethodHandle create = l.downcallHandle(blas.findOrThrow("cublasCreate_v2"), FunctionDescriptor.of(I, A));
        destroy = l.downcallHandle(blas.findOrThrow("cublasDestroy_v2"), FunctionDescriptor.of(I, A));
        sgemm = l.downcallHandle(blas.findOrThrow("cublasSgemm_v2"), FunctionDescriptor.of(I, A, I, I, I, I, I, A, A, I, A, I, A, A, I));
        MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
        check("cublasCreate_v2", (int) create.invokeExact(out));
        handle = out.get(ValueLayout.ADDRESS, 0);
    }

    /** cuBLAS, or empty when its libraries are not installed or no GPU answers (the reason is in {@code why[0]}). */
    public static Optional<CuBlas> load(String[] why) {
        SymbolLookup blas = lookup(CUBLAS), rt = lookup(CUDART);
        if (blas == null || rt == null) {
            why[0] = "no " + (blas == null ? "libcublas" : "libcudart") + " on the loader path (a CUDA toolkit installs them)";
            return Optional.empty();
        }
        try {
            return Optional.of(new CuBlas(blas, rt));
        } catch (Throwable t) {
            why[0] = "cuBLAS did not start: " + t.getMessage();
            return Optional.empty();
        }
    }

    private static SymbolLookup lookup(String[] names) {
        for (String n : names) {
            try {
                return SymbolLookup.libraryLookup(n, Arena.global());
            } catch (IllegalArgumentException e) {
                // next name
            }
        }
        return null;
    }

    /** The arrays of one pass, on the GPU: allocated and filled from the host once, freed by {@link Resident#close}. */
    public final class Resident implements AutoCloseable {
        private final Map<ColumnMajorGemm.Operand, MemorySegment> device = new EnumMap<>(ColumnMajorGemm.Operand.class);
        private final ColumnMajorGemm.Call call;

        Resident(ColumnMajorGemm.Call call, java.util.function.Function<ColumnMajorGemm.Operand, MemorySegment> host) throws Throwable {
            this.call = call;
            for (ColumnMajorGemm.Operand o : new ColumnMajorGemm.Operand[]{call.a(), call.b(), call.c()}) {
                MemorySegment h = host.apply(o);
                MemorySegment p = arena.allocate(ValueLayout.ADDRESS);
                check("cudaMalloc", (int) malloc.invokeExact(p, h.byteSize()));
                MemorySegment d = p.get(ValueLayout.ADDRESS, 0);
                device.put(o, d);
                check("cudaMemcpy", (int) memcpy.invokeExact(d, h, h.byteSize(), HOST_TO_DEVICE));
            }
        }

        /** One sgemm, waited for. */
        public void run() {
            try (Arena a = Scratch.open()) {
                MemorySegment alpha = a.allocateFrom(ValueLayout.JAVA_FLOAT, 1f), beta = a.allocateFrom(ValueLayout.JAVA_FLOAT, call.beta());
                check("cublasSgemm_v2", (int) sgemm.invokeExact(handle, call.transA() ? OP_T : OP_N, call.transB() ? OP_T : OP_N, call.m(), call.n(), call.k(),
                        alpha, device.get(call.a()), call.lda(), device.get(call.b()), call.ldb(), beta, device.get(call.c()), call.ldc()));
                check("cudaDeviceSynchronize", (int) sync.invokeExact());
            } catch (Throwable t) {
                throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
            }
        }

        /** Copies the result back into {@code host}. */
        public void result(MemorySegment host) {
            try {
                check("cudaMemcpy", (int) memcpy.invokeExact(host, device.get(call.c()), host.byteSize(), DEVICE_TO_HOST));
            } catch (Throwable t) {
                throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
            }
        }

        @Override public void close() {
            for (MemorySegment d : device.values()) {
                try {
                    int ignored = (int) free.invokeExact(d);
                } catch (Throwable t) {
                    // freeing is best effort
                }
            }
        }
    }

    /** Puts the operands of {@code call} on the GPU. */
    public Resident resident(ColumnMajorGemm.Call call, java.util.function.Function<ColumnMajorGemm.Operand, MemorySegment> host) {
        try {
            return new Resident(call, host);
        } catch (Throwable t) {
            throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
        }
    }

    private static void check(String what, int status) {
        if (status != 0) throw new IllegalStateException(what + " returned " + status);
    }

    @Override public void close() {
        try {
            int ignored = (int) destroy.invokeExact(handle);
        } catch (Throwable t) {
            // best effort
        }
        arena.close();
    }
}
