package org.trm4j.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.TornadoProfilerResult;
import uk.ac.manchester.tornado.api.WorkerGrid2D;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.ProfilerMode;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Programs in TornadoVM's style, against the bridge only, run on every device and checked against plain Java.
 * Reductions live in {@link ReductionProgramsTest}.
 */
class TornadoStyleProgramsTest {
    private static final Random RANDOM = new Random();

    @Test
    void everyRequiredBackendHasADevice() {
        List<String> have = BridgeDevices.all().stream().map(d -> d.trm4jDevice().backend()).toList();
        for (String b : BridgeDevices.required())
            assertTrue(have.contains(b), "required backend " + b + " has no device; devices: " + BridgeDevices.all());
    }

    @TestFactory
    List<DynamicTest> programs() {
        List<DynamicTest> out = new ArrayList<>();
        for (TornadoDevice d : BridgeDevices.all()) {
            add(out, d, "vectorAdd", TornadoStyleProgramsTest::vectorAdd);
            add(out, d, "saxpy", TornadoStyleProgramsTest::saxpy);
            add(out, d, "matMul @Parallel", TornadoStyleProgramsTest::matMul);
            add(out, d, "matMul KernelContext + local float[] tiles", TornadoStyleProgramsTest::matMulTiled);
            add(out, d, "matMul on Matrix2DFloat (non-square)", TornadoStyleProgramsTest::matMulMatrix);
            add(out, d, "persistOnDevice / consumeFromDevice across two plans", TornadoStyleProgramsTest::persistAndConsume);
            add(out, d, "profiler", TornadoStyleProgramsTest::profiler);
            add(out, d, "TornadoMath", TornadoStyleProgramsTest::math);
            add(out, d, "KernelContext.atomicAdd on LongArray", TornadoStyleProgramsTest::longAtomics);
            add(out, d, "HalfFloatArray: HalfFloat.add, getFloat32, new HalfFloat(float)", TornadoStyleProgramsTest::halfFloats);
            add(out, d, "vector types: VectorFloat4/Float4 ops, VectorInt3, VectorDouble2", TornadoStyleProgramsTest::vectors);
            add(out, d, "ShortArray and CharArray", TornadoStyleProgramsTest::shortsAndChars);
        }
        return out;
    }

    private static void add(List<DynamicTest> out, TornadoDevice d, String name, Consumer<TornadoDevice> body) {
        out.add(DynamicTest.dynamicTest(name + " on " + BridgeDevices.id(d), () -> body.accept(d)));
    }

    static FloatArray randomFloats(int n) {
        FloatArray a = new FloatArray(n);
        for (int i = 0; i < n; i++) a.set(i, RANDOM.nextFloat() * 2f - 1f);
        return a;
    }

    static void vectorAdd(TornadoDevice device) {
        int n = 1000 + RANDOM.nextInt(100);
        FloatArray a = randomFloats(n), b = randomFloats(n), c = new FloatArray(n);
        TaskGraph tg = new TaskGraph("s0")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, a, b)
                .task("t0", Kernels::vectorAdd, a, b, c)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, c);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
            plan.withDevice(device).execute();
        }
        for (int i = 0; i < n; i++) assertEquals(a.get(i) + b.get(i), c.get(i), "c[" + i + "]");
    }

    static void saxpy(TornadoDevice device) {
        int n = 4096 + 3;
        float alpha = 1.5f;
        FloatArray x = randomFloats(n), y = randomFloats(n);
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) expected[i] = alpha * x.get(i) + y.get(i);
        ImmutableTaskGraph itg = new TaskGraph("blas")
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, x, y)
                .task("saxpy", Kernels::saxpy, alpha, x, y)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, y)
                .snapshot();
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(itg)) {
            plan.withDevice(device).execute();
        }
        assertArrayEquals(expected, y.toHeapArray(), 0f);
    }

    static float[] javaMatMul(FloatArray a, FloatArray b, int n) {
        float[] c = new float[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int k = 0; k < n; k++) sum += a.get(i * n + k) * b.get(k * n + j);
                c[i * n + j] = sum;
            }
        return c;
    }

    static void matMul(TornadoDevice device) {
        int n = 48;
        FloatArray a = randomFloats(n * n), b = randomFloats(n * n), c = new FloatArray(n * n);
        TaskGraph tg = new TaskGraph("mxm")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, a, b)
                .task("t0", Kernels::matMul, a, b, c, n)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, c);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
            plan.withDevice(device).execute();
        }
        assertArrayEquals(javaMatMul(a, b, n), c.toHeapArray(), 1e-4f);
    }

    static void matMulMatrix(TornadoDevice device) {
        int n = 19, m = 23, p = 17;
        uk.ac.manchester.tornado.api.types.matrix.Matrix2DFloat a = new uk.ac.manchester.tornado.api.types.matrix.Matrix2DFloat(n, m),
                b = new uk.ac.manchester.tornado.api.types.matrix.Matrix2DFloat(m, p),
                c = new uk.ac.manchester.tornado.api.types.matrix.Matrix2DFloat(n, p);
        for (int i = 0; i < n; i++) for (int k = 0; k < m; k++) a.set(i, k, RANDOM.nextFloat());
        for (int k = 0; k < m; k++) for (int j = 0; j < p; j++) b.set(k, j, RANDOM.nextFloat());
        c.fill(Float.NaN);
        TaskGraph tg = new TaskGraph("matrix")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, a, b)
                .task("mxm", Kernels::matMulMatrix, a, b, c)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, c);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
            plan.withDevice(device).execute();
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) {
                float sum = 0f;
                for (int k = 0; k < m; k++) sum += a.get(i, k) * b.get(k, j);
                assertEquals(sum, c.get(i, j), 1e-5f, "c(" + i + ", " + j + ")");
            }
    }

    static void matMulTiled(TornadoDevice device) {
        int n = 4 * Kernels.TILE;
        FloatArray a = randomFloats(n * n), b = randomFloats(n * n), c = new FloatArray(n * n);
        c.init(Float.NaN);
        KernelContext context = new KernelContext();
        TaskGraph tg = new TaskGraph("tiled")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, a, b, c)
                .task("mxm", Kernels::matMulTiled, context, a, b, c, n)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, c);
        WorkerGrid2D worker = new WorkerGrid2D(n, n);
        GridScheduler scheduler = new GridScheduler("tiled.mxm", worker);
        worker.setLocalWork(Kernels.TILE, Kernels.TILE, 1);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
            plan.withDevice(device).withGridScheduler(scheduler).execute();
        }
        assertArrayEquals(javaMatMul(a, b, n), c.toHeapArray(), 1e-4f);
    }

    /** Graph one scales and persists; graph two, in another plan, consumes the persisted array and adds. */
    static void persistAndConsume(TornadoDevice device) {
        int n = 777;
        FloatArray a = randomFloats(n), b = randomFloats(n), c = new FloatArray(n);
        float[] a0 = a.toHeapArray();
        TaskGraph first = new TaskGraph("producer")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, a)
                .task("scale", Kernels::scale, a, 2f)
                .persistOnDevice(a);
        TaskGraph second = new TaskGraph("consumer")
                .consumeFromDevice("producer", a)
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, b)
                .task("add", Kernels::vectorAdd, a, b, c)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, c);
        try (TornadoExecutionPlan p1 = new TornadoExecutionPlan(first.snapshot())) {
            p1.withDevice(device).execute();
        }
        // The producer is closed: its persisted buffer stays for the consumer, which copies in only b and c.
        TornadoProfilerResult consumed;
        try (TornadoExecutionPlan p2 = new TornadoExecutionPlan(second.snapshot())) {
            consumed = p2.withDevice(device).execute().getProfilerResult();
        }
        for (int i = 0; i < n; i++) assertEquals(a0[i] * 2f + b.get(i), c.get(i), "c[" + i + "]");
        if (device.trm4jDevice().type() != org.trm4j.api.DeviceType.JVM) { // java and vector compute on the host arrays
            assertEquals(2L * n * 4, consumed.getTotalBytesCopyIn(), "the consumer copies in b and c, not the persisted a");
            assertEquals(a0[0], a.get(0), "a persisted array is not copied back to the host");
        }
    }

    static void profiler(TornadoDevice device) {
        int n = 2048;
        FloatArray a = randomFloats(n), b = randomFloats(n), c = new FloatArray(n);
        TaskGraph tg = new TaskGraph("prof")
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, a, b)
                .task("t0", Kernels::vectorAdd, a, b, c)
                .transferToHost(DataTransferMode.UNDER_DEMAND, c);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
            TornadoExecutionResult r = plan.withDevice(device).withProfiler(ProfilerMode.SILENT).execute();
            r.transferToHost(c);
            TornadoProfilerResult p = r.getProfilerResult();
            assertTrue(p.getDeviceKernelTime() > 0, "kernel time " + p.getDeviceKernelTime());
            assertTrue(p.getTotalTime() >= p.getDeviceKernelTime(), "total " + p.getTotalTime() + " < kernel " + p.getDeviceKernelTime());
            assertTrue(p.getTotalBytesCopyIn() >= 2L * n * 4, "bytes in " + p.getTotalBytesCopyIn());
            assertTrue(p.getTotalBytesCopyOut() >= (long) n * 4, "bytes out " + p.getTotalBytesCopyOut());
        }
        for (int i = 0; i < n; i++) assertEquals(a.get(i) + b.get(i), c.get(i), "c[" + i + "]");
    }

    static void longAtomics(TornadoDevice device) {
        int n = 1024, binCount = 7;
        uk.ac.manchester.tornado.api.types.arrays.IntArray values = new uk.ac.manchester.tornado.api.types.arrays.IntArray(n);
        for (int i = 0; i < n; i++) values.set(i, RANDOM.nextInt(100));
        uk.ac.manchester.tornado.api.types.arrays.LongArray bins = new uk.ac.manchester.tornado.api.types.arrays.LongArray(binCount);
        long[] expected = new long[binCount];
        for (int i = 0; i < n; i++) expected[values.get(i) % binCount] += 5_000_000_000L;
        TaskGraph tg = new TaskGraph("hist")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, values, bins)
                .task("count", Kernels::histogramLong, new KernelContext(), values, bins)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, bins);
        uk.ac.manchester.tornado.api.WorkerGrid1D grid = new uk.ac.manchester.tornado.api.WorkerGrid1D(n);
        grid.setLocalWork(64, 1, 1);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
            plan.withDevice(device).withGridScheduler(new GridScheduler("hist.count", grid)).execute();
        }
        assertArrayEquals(expected, bins.toHeapArray());
    }

    static void halfFloats(TornadoDevice device) {
        int n = 1000;
        uk.ac.manchester.tornado.api.types.arrays.HalfFloatArray a = new uk.ac.manchester.tornado.api.types.arrays.HalfFloatArray(n),
                b = new uk.ac.manchester.tornado.api.types.arrays.HalfFloatArray(n), c = new uk.ac.manchester.tornado.api.types.arrays.HalfFloatArray(n),
                h = new uk.ac.manchester.tornado.api.types.arrays.HalfFloatArray(n + 9);
        for (int i = 0; i < n; i++) {
            a.set(i, new uk.ac.manchester.tornado.api.types.HalfFloat(RANDOM.nextFloat() * 200f - 100f));
            b.set(i, new uk.ac.manchester.tornado.api.types.HalfFloat(RANDOM.nextFloat() * 2f - 1f));
        }
        // Rounding edges: ties to even, overflow to infinity, subnormals, signed zero, infinity, NaN.
        float[] specials = {2049f, 2051f, 65520f, 70000f, 1e-7f, -3e-6f, -0f, Float.POSITIVE_INFINITY, Float.NaN};
        FloatArray in = new FloatArray(n + specials.length), scaled = new FloatArray(n);
        for (int i = 0; i < n; i++) in.set(i, RANDOM.nextFloat() * 1000f - 500f);
        for (int i = 0; i < specials.length; i++) in.set(n + i, specials[i]);
        TaskGraph tg = new TaskGraph("half")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, a, b, in)
                .task("add", Kernels::halfAdd, a, b, c)
                .task("widen", Kernels::halfToFloatScaled, c, scaled, 0.5f)
                .task("narrow", Kernels::floatToHalf, in, h)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, c, scaled, h);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
            plan.withDevice(device).execute();
        }
        for (int i = 0; i < n; i++) {
            uk.ac.manchester.tornado.api.types.HalfFloat sum = uk.ac.manchester.tornado.api.types.HalfFloat.add(a.get(i), b.get(i));
            assertEquals(sum.getHalfFloatValue(), c.get(i).getHalfFloatValue(), "c[" + i + "] = " + c.get(i) + ", Java " + sum);
            assertEquals(sum.getFloat32() * 0.5f, scaled.get(i), "scaled[" + i + "]");
        }
        for (int i = 0; i < in.getSize(); i++) {
            short want = Float.floatToFloat16(in.get(i)), got = h.get(i).getHalfFloatValue();
            if (Float.isNaN(in.get(i))) assertTrue(Float.isNaN(Float.float16ToFloat(got)), "NaN stays NaN, got " + got);
            else assertEquals(want, got, "half of " + in.get(i));
        }
    }

    static void vectors(TornadoDevice device) {
        int n = 517;
        var a = new uk.ac.manchester.tornado.api.types.collections.VectorFloat4(n);
        var b = new uk.ac.manchester.tornado.api.types.collections.VectorFloat4(n);
        var c = new uk.ac.manchester.tornado.api.types.collections.VectorFloat4(n);
        var ints = new uk.ac.manchester.tornado.api.types.collections.VectorInt3(n);
        var doubles = new uk.ac.manchester.tornado.api.types.collections.VectorDouble2(n);
        FloatArray dots = new FloatArray(n);
        IntArray products = new IntArray(n);
        uk.ac.manchester.tornado.api.types.arrays.DoubleArray in = new uk.ac.manchester.tornado.api.types.arrays.DoubleArray(n);
        for (int i = 0; i < n; i++) {
            a.set(i, new uk.ac.manchester.tornado.api.types.vectors.Float4(RANDOM.nextFloat(), RANDOM.nextFloat(), RANDOM.nextFloat(), RANDOM.nextFloat()));
            b.set(i, new uk.ac.manchester.tornado.api.types.vectors.Float4(RANDOM.nextFloat(), RANDOM.nextFloat(), RANDOM.nextFloat(), RANDOM.nextFloat()));
            ints.set(i, new uk.ac.manchester.tornado.api.types.vectors.Int3(RANDOM.nextInt(1000), RANDOM.nextInt(1000), RANDOM.nextInt(1000)));
            in.set(i, RANDOM.nextDouble() * 100);
        }
        TaskGraph tg = new TaskGraph("vec")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, a, b, ints, in)
                .task("f4", Kernels::float4Ops, a, b, c, dots)
                .task("i3", Kernels::int3Ops, ints, products)
                .task("d2", Kernels::double2Build, in, doubles)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, c, dots, products, doubles);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
            plan.withDevice(device).execute();
        }
        for (int i = 0; i < n; i++) {
            var x = a.get(i);
            var y = b.get(i);
            assertEquals(uk.ac.manchester.tornado.api.types.vectors.Float4.add(uk.ac.manchester.tornado.api.types.vectors.Float4.mult(x, 2f), y), c.get(i), "c[" + i + "]");
            assertEquals(uk.ac.manchester.tornado.api.types.vectors.Float4.dot(x, y) + x.getW(), dots.get(i), "dots[" + i + "]");
            var v = ints.get(i);
            assertEquals(v.getX() * v.getY() - v.getZ(), products.get(i), "products[" + i + "]");
            assertEquals(new uk.ac.manchester.tornado.api.types.vectors.Double2(in.get(i), Math.sqrt(in.get(i))), doubles.get(i), "doubles[" + i + "]");
        }
    }

    static void shortsAndChars(TornadoDevice device) {
        int n = 600;
        var s = new uk.ac.manchester.tornado.api.types.arrays.ShortArray(n);
        var c = new uk.ac.manchester.tornado.api.types.arrays.CharArray(n);
        var shorts = new uk.ac.manchester.tornado.api.types.arrays.ShortArray(n);
        var chars = new uk.ac.manchester.tornado.api.types.arrays.CharArray(n);
        IntArray sums = new IntArray(n);
        for (int i = 0; i < n; i++) {
            s.set(i, (short) RANDOM.nextInt());
            c.set(i, (char) RANDOM.nextInt());
        }
        TaskGraph tg = new TaskGraph("sc").transferToDevice(DataTransferMode.FIRST_EXECUTION, s, c)
                .task("t", Kernels::shortsAndChars, s, c, sums, shorts, chars)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, sums, shorts, chars);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
            plan.withDevice(device).execute();
        }
        for (int i = 0; i < n; i++) {
            assertEquals(s.get(i) + c.get(i), sums.get(i), "sums[" + i + "]");
            assertEquals((short) (s.get(i) * 3), shorts.get(i), "shorts[" + i + "]");
            assertEquals((char) (c.get(i) + s.get(i)), chars.get(i), "chars[" + i + "]");
        }
    }

    static void math(TornadoDevice device) {
        int n = 513;
        FloatArray in = randomFloats(n), out = new FloatArray(n);
        for (int i = 0; i < n; i++) in.set(i, Math.abs(in.get(i)) * 10f);
        TaskGraph tg = new TaskGraph("m")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, in)
                .task("t", Kernels::sqrtAll, in, out)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
            plan.withDevice(device).execute();
        }
        for (int i = 0; i < n; i++)
            assertEquals((float) Math.sqrt(in.get(i)) + Math.abs(in.get(i) - 2f), out.get(i), 1e-6f * (1 + out.get(i)), "out[" + i + "]");
    }
}
