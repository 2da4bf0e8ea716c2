package org.trm4j.backend.opencl;

import org.junit.jupiter.api.Test;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelContext;
import org.trm4j.api.WorkerGrid1D;
import org.trm4j.runtime.CompiledKernel;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java kernels through the front end, run on every OpenCL device and compared with plain Java. */
class OpenClEndToEndTest {
    private static final Random RANDOM = new Random();

    private static Method kernel(String name) {
        return Arrays.stream(OpenClE2eKernels.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    /** Compiles, copies in, launches, copies every array back. */
    private static void run(OpenClDevice d, String name, WorkerGrid1D grid, Object... args) {
        CompiledKernel k = d.compile(kernel(name));
        for (Object a : args) if (a instanceof org.trm4j.api.NativeArray arr) d.copyToDevice(arr);
        d.launch(k, args, grid);
        for (Object a : args) if (a instanceof org.trm4j.api.NativeArray arr) { d.copyToHost(arr); d.release(arr); }
    }

    private static FloatArray randomFloats(int n) {
        FloatArray a = new FloatArray(n);
        for (int i = 0; i < n; i++) a.set(i, RANDOM.nextFloat() * 2 - 1);
        return a;
    }

    @Test
    void vectorAdd() {
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            int n = 100_003;
            FloatArray a = randomFloats(n), b = randomFloats(n), c = new FloatArray(n), expect = new FloatArray(n);
            c.init(Float.NaN);
            OpenClE2eKernels.vectorAdd(a, b, expect);
            run(d, "vectorAdd", null, a, b, c);
            assertArrayEquals(expect.toHeapArray(), c.toHeapArray(), d.id());
            assertTrue(d.compile(kernel("vectorAdd")).code().contains("__kernel void vectorAdd("));
        }
    }

    @Test
    void matmulIn2D() {
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            int rows = 37, cols = 23, inner = 19;
            FloatArray a = randomFloats(rows * inner), b = randomFloats(inner * cols), c = new FloatArray(rows * cols), expect = new FloatArray(rows * cols);
            c.init(Float.NaN);
            OpenClE2eKernels.matmul(a, b, expect, rows, cols, inner);
            run(d, "matmul", null, a, b, c, rows, cols, inner);
            // Same operations in the same order without contraction: bit-identical to Java.
            assertArrayEquals(expect.toHeapArray(), c.toHeapArray(), d.id());
        }
    }

    @Test
    void javaSemanticsSurviveTheWholePipeline() {
        float[] xs = {0f, -0f, 1f, -1f, 0.25f, 0.75f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-3f, 5e8f, -5e8f};
        int[] ks = {-1, 1, 0x7fffffff, -2, 3, Integer.MIN_VALUE, -1, 7, 1 << 20, -1, 5, -5};
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            FloatArray x = FloatArray.fromArray(xs);
            IntArray k = IntArray.fromArray(ks), out = new IntArray(xs.length), expect = new IntArray(xs.length);
            OpenClE2eKernels.javaSemantics(x, k, expect);
            run(d, "javaSemantics", null, x, k, out);
            assertArrayEquals(expect.toHeapArray(), out.toHeapArray(), d.id());
        }
    }

    @Test
    void kernelContextReductionWithLocalMemory() {
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            int groups = 32, n = groups * OpenClE2eKernels.GROUP;
            FloatArray in = new FloatArray(n), out = new FloatArray(groups);
            for (int i = 0; i < n; i++) in.set(i, RANDOM.nextInt(100));
            WorkerGrid1D grid = new WorkerGrid1D(n);
            grid.setLocalWork(OpenClE2eKernels.GROUP, 1, 1);
            run(d, "groupSum", grid, new KernelContext(), in, out);
            for (int g = 0; g < groups; g++) {
                float expect = 0; // small integers: every summation order is exact
                for (int i = 0; i < OpenClE2eKernels.GROUP; i++) expect += in.get(g * OpenClE2eKernels.GROUP + i);
                assertEquals(expect, out.get(g), "group " + g + " on " + d.id());
            }
        }
    }

    @Test
    void atomicAddHistogram() {
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            int n = 50_000;
            IntArray in = new IntArray(n), counts = new IntArray(8);
            int[] expect = new int[8];
            for (int i = 0; i < n; i++) { in.set(i, RANDOM.nextInt()); expect[in.get(i) & 7]++; }
            WorkerGrid1D grid = new WorkerGrid1D(n);
            run(d, "histogram", grid, new KernelContext(), in, counts);
            assertArrayEquals(expect, counts.toHeapArray(), d.id());
        }
    }

    @Test
    void globalBarrierIsRefusedOnOpenCl() {
        OpenClDevice d = OpenClTestSupport.devices().getFirst();
        var e = assertThrows(UnsupportedOperationException.class, () -> d.compile(kernel("gridBarrier")));
        assertTrue(e.getMessage().contains("globalBarrier()"), e.getMessage());
        assertTrue(e.getMessage().contains("OpenClE2eKernels.gridBarrier"), e.getMessage());
    }
}
