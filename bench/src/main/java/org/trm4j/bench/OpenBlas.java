package org.trm4j.bench;

import org.trm4j.runtime.Scratch;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * OpenBLAS's {@code cblas_sgemm} through FFM, the CPU matmul our kernels are compared with. The library is the one
 * the dynamic linker resolves for {@code libopenblas.so.0} (Debian's libopenblas0-pthread). OPENBLAS_CORETYPE, when
 * set in the environment, makes OpenBLAS use that processor's kernels: {@link #coreName()} says which ones ran.
 */
public final class OpenBlas {
    private static final int ROW_MAJOR = 101, COL_MAJOR = 102, NO_TRANS = 111, TRANS = 112;
    private static final String[] CANDIDATES = {"libopenblas.so.0", "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
            "/usr/lib/x86_64-linux-gnu/libopenblas.so.0"};

    private final MethodHandle sgemm, coreName, threads;
    private final String library;

    private OpenBlas(SymbolLookup lib, String library) {
        Linker l = Linker.nativeLinker();
        var I = ValueLayout.JAVA_INT;
        var A = ValueLayout.ADDRESS;
        var F = ValueLayout.JAVA_FLOAT;
        sgemm = l.downcallHandle(lib.findOrThrow("cblas_sgemm"), FunctionDescriptor.ofVoid(I, I, I, I, I, I, F, A, I, A, I, F, A, I));
        coreName = l.downcallHandle(lib.findOrThrow("openblas_get_corename"), FunctionDescriptor.of(A));
        threads = l.downcallHandle(lib.findOrThrow("openblas_get_num_threads"), FunctionDescriptor.of(I));
        this.library = library;
    }

    /** The library, or empty with nothing loaded when it is not installed. */
    public static Optional<OpenBlas> load() {
        for (String name : CANDIDATES) {
            if (name.startsWith("/") && !Files.exists(Path.of(name))) continue;
            try {
                String real = name.startsWith("/") ? Path.of(name).toRealPath().toString() : name;
                return Optional.of(new OpenBlas(SymbolLookup.libraryLookup(name, Arena.global()), real));
            } catch (IllegalArgumentException | IOException | java.util.NoSuchElementException e) {
                // try the next name
            }
        }
        return Optional.empty();
    }

    /** Which library file was loaded (resolved path, or the soname the linker resolved). */
    public String library() { return library; }

    /** OpenBLAS's name of the kernels it runs ("Haswell", "SkylakeX"...), its thread count, and OPENBLAS_CORETYPE if set. */
    public String describe() {
        String forced = System.getenv("OPENBLAS_CORETYPE");
        return "OpenBLAS " + coreName() + " kernels, " + threads() + " threads" + (forced == null ? "" : " (OPENBLAS_CORETYPE=" + forced + ")");
    }

    public String coreName() {
        try {
            return ((MemorySegment) coreName.invokeExact()).reinterpret(64).getString(0);
        } catch (Throwable t) {
            throw new IllegalStateException("openblas_get_corename failed", t);
        }
    }

    public int threads() {
        try {
            return (int) threads.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("openblas_get_num_threads failed", t);
        }
    }

    /** Row-major C[m, n] = alpha op(A) op(B) + beta C, op = transpose where asked; lda/ldb/ldc are the stored row lengths. */
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, MemorySegment a, int lda,
                      MemorySegment b, int ldb, float beta, MemorySegment c, int ldc) {
        try {
            sgemm.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        } catch (Throwable t) {
            throw new IllegalStateException("cblas_sgemm failed", t);
        }
    }

    /**
     * GFLOP/s of a square n x n x n sgemm, median of {@code reps} after a warm-up: the best rate this CPU is known to
     * reach on float32 matmul, an upper bound for the host's roofline where no probe kernel vectorises as well.
     */
    public double squareGflops(int n, int reps) {
        try (Arena arena = Scratch.open()) {
            long bytes = 4L * n * n;
            MemorySegment a = arena.allocate(bytes, 64), b = arena.allocate(bytes, 64), c = arena.allocate(bytes, 64);
            for (long i = 0; i < (long) n * n; i++) {
                a.setAtIndex(ValueLayout.JAVA_FLOAT, i, (i % 7) * 0.25f);
                b.setAtIndex(ValueLayout.JAVA_FLOAT, i, (i % 5) * 0.5f);
            }
            sgemm(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n);
            long[] ns = new long[reps];
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                sgemm(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n);
                ns[r] = System.nanoTime() - t0;
            }
            return 2.0 * n * n * (double) n / KernelClock.median(ns);
        }
    }

    /** A column-major call (as cuBLAS takes it) on {@code arrays}: how {@link ColumnMajorGemm} is checked on the CPU. */
    public void columnMajor(ColumnMajorGemm.Call c, java.util.function.Function<ColumnMajorGemm.Operand, MemorySegment> arrays) {
        try {
            sgemm.invokeExact(COL_MAJOR, c.transA() ? TRANS : NO_TRANS, c.transB() ? TRANS : NO_TRANS, c.m(), c.n(), c.k(), 1f,
                    arrays.apply(c.a()), c.lda(), arrays.apply(c.b()), c.ldb(), c.beta(), arrays.apply(c.c()), c.ldc());
        } catch (Throwable t) {
            throw new IllegalStateException("cblas_sgemm failed", t);
        }
    }

    /** The forward of a linear layer, y[rows, out] = x[rows, in] W[out, in]^T. */
    public void forward(MemorySegment x, MemorySegment w, MemorySegment y, int rows, int in, int out) {
        sgemm(false, true, rows, out, in, 1f, x, in, w, in, 0f, y, out);
    }

    /** dx[rows, in] = dy[rows, out] W[out, in]. */
    public void backwardInput(MemorySegment dy, MemorySegment w, MemorySegment dx, int rows, int in, int out) {
        sgemm(false, false, rows, in, out, 1f, dy, out, w, in, 0f, dx, in);
    }

    /** dW[out, in] += dy[rows, out]^T x[rows, in]. */
    public void backwardWeight(MemorySegment dy, MemorySegment x, MemorySegment dw, int rows, int in, int out) {
        sgemm(true, false, out, in, rows, 1f, dy, out, x, in, 1f, dw, in);
    }
}
