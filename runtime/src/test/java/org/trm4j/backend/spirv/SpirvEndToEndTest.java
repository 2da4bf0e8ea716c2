package org.trm4j.backend.spirv;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.trm4j.api.ByteArray;
import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelContext;
import org.trm4j.api.NativeArray;
import org.trm4j.api.WorkerGrid1D;
import org.trm4j.backend.opencl.OpenClBackend;
import org.trm4j.backend.opencl.OpenClDevice;
import org.trm4j.runtime.CompiledKernel;
import org.trm4j.runtime.DeviceRuntime;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Java kernels through the front end and the SPIR-V renderer, run on spirv:0:0 (PoCL here) and
 * compared with plain Java, and for the maths with the same kernel as OpenCL C on opencl:0:0.
 */
class SpirvEndToEndTest {
    private static final Random RANDOM = new Random();
    private static SpirvDevice device;

    /**
     * The first spirv device. Skipped only on a machine without OpenCL; a machine with OpenCL but no
     * spirv device is a failure that shows why each device was left out.
     */
    @BeforeAll
    static void findDevice() {
        SpirvBackend backend = new SpirvBackend();
        if (backend.devices().isEmpty()) {
            OpenClBackend opencl = new OpenClBackend();
            Assumptions.assumeFalse(opencl.devices().isEmpty(), () -> "no OpenCL device: " + opencl.unavailableReason());
            fail("OpenCL has devices " + opencl.devices().stream().map(DeviceRuntime::id).toList()
                    + " but the spirv backend lists none: " + backend.unavailableReason());
        }
        device = backend.devices().getFirst();
        System.out.println("spirv e2e on " + device);
    }

    private static Method kernel(String name) {
        return Arrays.stream(SpirvE2eKernels.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    /** Compiles, copies in, launches, copies every array back and releases it. */
    private static void run(DeviceRuntime d, String name, WorkerGrid1D grid, Object... args) {
        CompiledKernel k = d.compile(kernel(name));
        for (Object a : args) if (a instanceof NativeArray arr) d.copyToDevice(arr);
        d.launch(k, args, grid);
        for (Object a : args) if (a instanceof NativeArray arr) { d.copyToHost(arr); d.release(arr); }
    }

    private static FloatArray randomFloats(int n) {
        FloatArray a = new FloatArray(n);
        for (int i = 0; i < n; i++) a.set(i, RANDOM.nextFloat() * 2 - 1);
        return a;
    }

    @Test
    void theDeviceSaysHowItLoadsSpirv() {
        assertEquals("spirv", device.backend());
        assertTrue(device.id().startsWith("spirv:"), device.id());
        assertTrue(device.backendVersion().contains(device.loadPath().description), device.backendVersion());
        if (device.info().platformName().contains("Portable Computing Language") && !device.info().hasExtension("cl_khr_il_program"))
            assertEquals(SpirvLoadPath.LLVM_BITCODE, device.loadPath(), "PoCL 3.x without cl_khr_il_program goes through llvm-spirv");
    }

    @Test
    void vectorAdd() {
        int n = 100_003;
        FloatArray a = randomFloats(n), b = randomFloats(n), c = new FloatArray(n), expect = new FloatArray(n);
        c.init(Float.NaN);
        SpirvE2eKernels.vectorAdd(a, b, expect);
        run(device, "vectorAdd", null, a, b, c);
        assertArrayEquals(expect.toHeapArray(), c.toHeapArray());
        String code = device.compile(kernel("vectorAdd")).code();
        assertTrue(code.contains("OpEntryPoint Kernel") && code.contains("\"vectorAdd\""), code);
    }

    @Test
    void matmulIn2D() {
        int rows = 37, cols = 23, inner = 19;
        FloatArray a = randomFloats(rows * inner), b = randomFloats(inner * cols), c = new FloatArray(rows * cols), expect = new FloatArray(rows * cols);
        c.init(Float.NaN);
        SpirvE2eKernels.matmul(a, b, expect, rows, cols, inner);
        run(device, "matmul", null, a, b, c, rows, cols, inner);
        // Same operations in the same order and ContractionOff: bit-identical to Java.
        assertArrayEquals(expect.toHeapArray(), c.toHeapArray());
    }

    @Test
    void localMemoryReductionWithBarriers() {
        int groups = 32, n = groups * SpirvE2eKernels.GROUP;
        FloatArray in = new FloatArray(n), out = new FloatArray(groups);
        for (int i = 0; i < n; i++) in.set(i, RANDOM.nextInt(100));
        WorkerGrid1D grid = new WorkerGrid1D(n);
        grid.setLocalWork(SpirvE2eKernels.GROUP, 1, 1);
        run(device, "groupSum", grid, new KernelContext(), in, out);
        for (int g = 0; g < groups; g++) {
            float expect = 0; // small integers: every summation order is exact
            for (int i = 0; i < SpirvE2eKernels.GROUP; i++) expect += in.get(g * SpirvE2eKernels.GROUP + i);
            assertEquals(expect, out.get(g), "group " + g);
        }
    }

    @Test
    void atomicAdds() {
        int n = 50_000;
        IntArray in = new IntArray(n), counts = new IntArray(8), tickets = new IntArray(2);
        int[] expect = new int[8];
        for (int i = 0; i < n; i++) { in.set(i, RANDOM.nextInt()); expect[in.get(i) & 7]++; }
        run(device, "histogram", new WorkerGrid1D(n), new KernelContext(), in, counts, tickets);
        assertArrayEquals(expect, counts.toHeapArray());
        assertArrayEquals(new int[] {2 * n, 0}, tickets.toHeapArray());
    }

    @Test
    void mathsAgreesWithJavaAndWithOpenClC() {
        float[] special = {0f, -0f, 1f, -1f, 0.5f, 2f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-30f, 88f, -100f, 3.5f, -2.5f};
        int n = 1000;
        FloatArray x = new FloatArray(n), y = new FloatArray(n);
        for (int i = 0; i < n; i++) {
            x.set(i, i < special.length ? special[i] : RANDOM.nextFloat() * 20 - 5);
            y.set(i, i < special.length ? special[special.length - 1 - i] : RANDOM.nextFloat() * 8 - 4);
        }
        x.set(special.length, 1f); y.set(special.length, Float.NaN);          // Java: pow(1, NaN) is NaN
        x.set(special.length + 1, -1f); y.set(special.length + 1, Float.POSITIVE_INFINITY); // and pow(-1, Inf)
        x.set(special.length + 2, -0f); y.set(special.length + 2, 0f);        // min/max of signed zeros
        x.set(special.length + 3, 0f); y.set(special.length + 3, -0f);
        FloatArray out = new FloatArray(n * 16), expect = new FloatArray(n * 16);
        out.init(12345f);
        SpirvE2eKernels.maths(x, y, expect);
        run(device, "maths", null, x, y, out);
        // exp, log, sqrt, rsqrt, tanh, sin, cos, pow, abs, min, max, fma, floor, ceil, atan2, sigmoid
        int[] ulps = {4, 4, 0, 2, 6, 4, 4, 16, 0, 0, 0, 0, 0, 0, 6, 8};
        for (int i = 0; i < n; i++)
            for (int f = 0; f < 16; f++) {
                float e = expect.get(i * 16 + f), a = out.get(i * 16 + f);
                if (!withinUlps(e, a, ulps[f]))
                    fail("function " + f + " of x=" + x.get(i) + ", y=" + y.get(i) + ": java " + e + ", spirv " + a);
            }
        // The same kernel as OpenCL C on the same driver: the same library, so the same bits.
        OpenClBackend opencl = new OpenClBackend();
        OpenClDevice cl = opencl.devices().stream()
                .filter(d -> d.id().substring("opencl".length()).equals(device.id().substring("spirv".length()))).findFirst().orElse(null);
        if (cl != null) {
            FloatArray viaC = new FloatArray(n * 16);
            run(cl, "maths", null, x, y, viaC);
            for (int i = 0; i < n * 16; i++)
                assertEquals(Float.floatToIntBits(viaC.get(i)), Float.floatToIntBits(out.get(i)),
                        "element " + i + " (function " + i % 16 + " of x=" + x.get(i / 16) + ", y=" + y.get(i / 16) + "): OpenCL C " + viaC.get(i) + ", SPIR-V " + out.get(i));
        }
    }

    private static boolean withinUlps(float expect, float actual, int ulps) {
        if (Float.isNaN(expect) || Float.isNaN(actual)) return Float.isNaN(expect) && Float.isNaN(actual);
        if (Float.floatToIntBits(expect) == Float.floatToIntBits(actual)) return true;
        if (ulps == 0 || Float.isInfinite(expect) || Float.isInfinite(actual)) return false;
        return Math.abs(expect - actual) <= ulps * Math.ulp(expect) || Math.abs(expect) < 1e-30f && Math.abs(actual) < 1e-30f;
    }

    @Test
    void integerAndConversionEdgeCasesMatchJava() {
        int[] ps = {Integer.MIN_VALUE, Integer.MIN_VALUE, 7, -7, 0, Integer.MAX_VALUE, 12345, -1, 100, 3};
        int[] qs = {-1, 2, -1, -3, 5, 31, 33, -40, 64, 1 << 20}; // never 0: Java throws where a device gives 0
        double[] ds = {Double.NaN, 1e300, -1e300, 3e9, -3e9, 2.7, -2.7, 9.3e18, -0.0, Double.POSITIVE_INFINITY};
        int n = 200;
        IntArray p = new IntArray(n), q = new IntArray(n);
        DoubleArray d = new DoubleArray(n);
        ByteArray bytes = new ByteArray(n), expectBytes = new ByteArray(n);
        for (int i = 0; i < n; i++) {
            p.set(i, i < ps.length ? ps[i] : RANDOM.nextInt());
            q.set(i, i < qs.length ? qs[i] : (RANDOM.nextInt(100) + 1) * (RANDOM.nextBoolean() ? 1 : -1));
            d.set(i, i < ds.length ? ds[i] : RANDOM.nextGaussian() * 1e10);
            byte b = (byte) RANDOM.nextInt();
            bytes.set(i, b);
            expectBytes.set(i, b);
        }
        IntArray out = new IntArray(n * 10), expect = new IntArray(n * 10);
        out.init(0x5a5a5a5a);
        SpirvE2eKernels.integers(p, q, d, expectBytes, expect);
        run(device, "integers", null, p, q, d, bytes, out);
        int[] e = expect.toHeapArray(), a = out.toHeapArray();
        for (int i = 0; i < e.length; i++)
            assertEquals(e[i], a[i], "slot " + i % 10 + " of p=" + p.get(i / 10) + ", q=" + q.get(i / 10) + ", d=" + d.get(i / 10));
        assertArrayEquals(expectBytes.toHeapArray(), bytes.toHeapArray());
    }

    @Test
    void divisionByZeroGivesZeroWithoutATrap() {
        IntArray p = IntArray.fromArray(new int[] {5, -5, Integer.MIN_VALUE, 0}), q = new IntArray(4), out = new IntArray(16);
        out.init(99);
        run(device, "divideByZero", null, p, q, out);
        assertArrayEquals(new int[16], out.toHeapArray());
    }

    @Test
    void globalBarrierIsRefused() {
        Method m = Arrays.stream(org.trm4j.backend.opencl.OpenClE2eKernels.class.getDeclaredMethods())
                .filter(x -> x.getName().equals("gridBarrier")).findFirst().orElseThrow();
        var e = assertThrows(UnsupportedOperationException.class, () -> device.compile(m));
        assertTrue(e.getMessage().contains("globalBarrier()") && e.getMessage().contains("SPIR-V"), e.getMessage());
    }
}
