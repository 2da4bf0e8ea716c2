package org.trm4j.backend.java;

import org.junit.jupiter.api.Test;
import org.trm4j.api.*;
import org.trm4j.runtime.CompileOptions;
import org.trm4j.runtime.DeviceRuntime;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The vector device (IR -> bytecode with Vector API steps, {@link VectorDevice}) against java, the kernels' own
 * bytecode: bit for bit in strict maths for loops that run on vectors (with tails, shifted overlaps of one array,
 * arrays passed twice, NaNs through comparisons and selects), the same exception and the same partial results for
 * an index out of bounds, and within float rounding for the relaxed vector functions. Which loops got vector steps
 * is asserted from the kernel's {@code code()}, so a loop that silently stayed scalar fails here.
 */
class VectorDeviceTest {

    static void axpyRows(FloatArray x, FloatArray y, int n, int rows, float a) {
        for (@Parallel int r = 0; r < rows; r++) {
            int o = r * n;
            for (int j = 0; j < n; j++) y.set(o + j, y.get(o + j) + a * x.get(o + j));
        }
    }

    /** y[j + shift] += y[j]: a dependence between iterations `shift` apart. */
    static void shiftAdd(FloatArray y, int n, int shift) {
        for (@Parallel int t = 0; t < 1; t++)
            for (int j = 0; j < n; j++) y.set(j + shift, y.get(j + shift) + y.get(j));
    }

    /** Two rows of one array, `stride` apart, the second updated from the first: ascending indexes, maybe closer than a vector. */
    static void twoRows(FloatArray y, int n, int stride) {
        for (@Parallel int t = 0; t < 1; t++)
            for (int j = 0; j < n; j++) {
                y.set(j, y.get(j) * 0.5f);
                y.set(stride + j, y.get(stride + j) + y.get(j));
            }
    }

    /** Math.min/max/abs and division per lane, with NaN, -0.0 and 0/0 among the inputs. */
    static void clampScale(FloatArray x, FloatArray y, int n, float lo) {
        for (@Parallel int t = 0; t < 1; t++)
            for (int j = 0; j < n; j++) y.set(j, Math.max(Math.min(x.get(j), -lo), lo) * Math.abs(x.get(j)) / x.get(j) - KernelMath.sqrt(x.get(j)));
    }

    /** A ternary whose arm loads: a load that only some paths run is not if-converted, the loop stays scalar. */
    static void branchy(FloatArray x, FloatArray y, int n) {
        for (@Parallel int t = 0; t < 1; t++)
            for (int j = 0; j < n; j++) y.set(j, x.get(j) < 0 ? 0 : x.get(j));
    }

    /** A running sum: loop-carried, stays scalar (vectorising would reorder the additions). */
    static void rowSum(FloatArray x, FloatArray s, int n, int rows) {
        for (@Parallel int r = 0; r < rows; r++) {
            float acc = 0;
            for (int j = 0; j < n; j++) acc += x.get(r * n + j);
            s.set(r, acc);
        }
    }

    static void expRow(FloatArray x, FloatArray y, int n) {
        for (@Parallel int t = 0; t < 1; t++)
            for (int j = 0; j < n; j++) y.set(j, KernelMath.exp(x.get(j)) * KernelMath.sqrt(Math.abs(x.get(j))));
    }

    static void copyAt(FloatArray x, FloatArray y, int n, int offset) {
        for (@Parallel int t = 0; t < 1; t++)
            for (int j = 0; j < n; j++) y.set(j + offset, x.get(j) + 1f);
    }

    private static final int[] LENGTHS = {0, 1, 15, 16, 17, 47, 100, 1000};

    private static FloatArray random(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        FloatArray a = new FloatArray(Math.max(1, n));
        for (int i = 0; i < a.getSize(); i++) a.set(i, r.nextFloat() * 4 - 2);
        return a;
    }

    private static FloatArray copy(FloatArray a) { return FloatArray.fromArray(a.toHeapArray()); }

    private static void execute(String device, boolean relaxed, TaskGraph g) {
        try (ExecutionPlan p = new ExecutionPlan(g.snapshot()).withDevice(Devices.get(device))) {
            if (relaxed) p.withRelaxedMath();
            p.execute();
        }
    }

    /** Runs the graph {@code make} builds on copies of the arrays, on java and on vector; returns {java, vector} outputs. */
    private static FloatArray[] both(FloatArray out, boolean relaxed, Function<FloatArray, TaskGraph> make) {
        FloatArray onJava = copy(out), onVector = copy(out);
        execute("java", relaxed, make.apply(onJava));
        execute("vector", relaxed, make.apply(onVector));
        return new FloatArray[]{onJava, onVector};
    }

    private static void assertBitIdentical(FloatArray[] r, String what) {
        assertArrayEquals(r[0].toHeapArray(), r[1].toHeapArray(), what); // assertArrayEquals on float[] compares bits (NaN == NaN)
    }

    private static String code(String method, boolean relaxed, Class<?>... params) throws Exception {
        DeviceRuntime d = (DeviceRuntime) Devices.get("vector");
        return d.compile(VectorDeviceTest.class.getDeclaredMethod(method, params), relaxed ? CompileOptions.RELAXED : CompileOptions.STRICT).code();
    }

    @Test void innerLoopsRunOnVectorsBitForBitInStrictMaths() throws Exception {
        assertTrue(code("axpyRows", false, FloatArray.class, FloatArray.class, int.class, int.class, float.class).contains("vector steps"));
        for (int n : LENGTHS) {
            int rows = 3;
            FloatArray x = random(n * rows, n), y = random(n * rows, n + 1);
            assertBitIdentical(both(y, false, out -> new TaskGraph("g").task("t", VectorDeviceTest::axpyRows, x, out, n, rows, 0.75f)), "axpyRows n=" + n);
        }
    }

    @Test void theSameArrayTwiceRunsTheScalarLoop() {
        for (int n : LENGTHS) {
            FloatArray y = random(n * 2, n);
            // x and y are one array: no vector step may assume they are apart.
            FloatArray[] r = both(y, false, out -> new TaskGraph("g").task("t", VectorDeviceTest::axpyRows, out, out, n, 2, 0.5f));
            assertBitIdentical(r, "axpyRows(y, y) n=" + n);
        }
    }

    @Test void overlapsWithinOneArrayKeepTheirOrder() throws Exception {
        String c = code("shiftAdd", false, FloatArray.class, int.class, int.class);
        assertTrue(c.contains("vector steps") && c.contains("2 vector accesses, up to 1 distances checked"), c); // y[j + shift] loaded and stored, y[j] loaded
        for (int shift = 0; shift <= 40; shift++) {
            int n = 100, s = shift;
            FloatArray y = random(n + shift, shift);
            assertBitIdentical(both(y, false, out -> new TaskGraph("g").task("t", VectorDeviceTest::shiftAdd, out, n, s)), "shift " + shift);
        }
    }

    @Test void ascendingRowsCloserThanAVectorKeepTheirOrder() {
        for (int stride = 0; stride <= 40; stride++) {
            int n = 40, st = stride;
            FloatArray y = random(n + stride, stride);
            assertBitIdentical(both(y, false, out -> new TaskGraph("g").task("t", VectorDeviceTest::twoRows, out, n, st)), "stride " + stride);
        }
    }

    @Test void minMaxAbsDivisionPerLaneKeepJavasRulesForNaNAndZeros() throws Exception {
        assertTrue(code("clampScale", false, FloatArray.class, FloatArray.class, int.class, float.class).contains("vector steps"));
        for (int n : LENGTHS) {
            FloatArray x = random(n, 7 * n);
            for (int i = 0; i < x.getSize(); i += 5) x.set(i, Float.NaN);
            if (x.getSize() > 3) x.set(3, -0.0f);
            if (x.getSize() > 4) x.set(4, 0.0f);
            FloatArray y = new FloatArray(Math.max(1, n));
            assertBitIdentical(both(y, false, out -> new TaskGraph("g").task("t", VectorDeviceTest::clampScale, x, out, n, -0.25f)), "clampScale n=" + n);
        }
        String c = code("branchy", false, FloatArray.class, FloatArray.class, int.class);
        assertFalse(c.contains("vector steps"), c);
        FloatArray x = random(100, 1);
        assertBitIdentical(both(new FloatArray(100), false, out -> new TaskGraph("g").task("t", VectorDeviceTest::branchy, x, out, 100)), "branchy");
    }

    @Test void aRunningSumStaysScalarAndExact() throws Exception {
        String c = code("rowSum", false, FloatArray.class, FloatArray.class, int.class, int.class);
        assertTrue(c.contains("scalar:") && c.contains("carried") && !c.contains("vector steps"), c);
        FloatArray x = random(4 * 1000, 3);
        assertBitIdentical(both(new FloatArray(4), false, out -> new TaskGraph("g").task("t", VectorDeviceTest::rowSum, x, out, 1000, 4)), "rowSum");
    }

    @Test void vectorFunctionsOnlyUnderRelaxedMathsAndWithinRounding() throws Exception {
        String strict = code("expRow", false, FloatArray.class, FloatArray.class, int.class);
        assertTrue(strict.contains("vectorised under relaxed maths only") && !strict.contains("vector steps"), strict);
        assertTrue(code("expRow", true, FloatArray.class, FloatArray.class, int.class).contains("vector steps"));
        FloatArray x = random(1000, 11);
        assertBitIdentical(both(new FloatArray(1000), false, out -> new TaskGraph("g").task("t", VectorDeviceTest::expRow, x, out, 1000)), "expRow strict");
        FloatArray[] r = both(new FloatArray(1000), true, out -> new TaskGraph("g").task("t", VectorDeviceTest::expRow, x, out, 1000));
        for (int i = 0; i < 1000; i++) assertEquals(r[0].get(i), r[1].get(i), 4 * Math.ulp(r[0].get(i)), "expRow relaxed at " + i);
    }

    @Test void anIndexOutOfBoundsFailsAsOnJavaWithTheSamePartialResult() {
        for (int offset : new int[]{1, 16, 90}) {
            int n = 64, length = n + offset - 10; // the last 10 iterations write past the end
            FloatArray x = random(n, offset), yJava = new FloatArray(length), yVector = new FloatArray(length);
            RuntimeException onJava = assertThrows(RuntimeException.class,
                    () -> execute("java", false, new TaskGraph("g").task("t", VectorDeviceTest::copyAt, x, yJava, n, offset)));
            RuntimeException onVector = assertThrows(RuntimeException.class,
                    () -> execute("vector", false, new TaskGraph("g").task("t", VectorDeviceTest::copyAt, x, yVector, n, offset)));
            assertEquals(rootMessage(onJava).replace("java", "vector"), rootMessage(onVector).replace("java", "vector"), "offset " + offset);
            assertTrue(rootMessage(onVector).contains("Index " + length + " out of bounds for length " + length), rootMessage(onVector));
            assertArrayEquals(yJava.toHeapArray(), yVector.toHeapArray(), "elements written before the failing one, offset " + offset);
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && !(t instanceof KernelIndexOutOfBoundsException)) t = t.getCause();
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    @Test void kernelContextKernelsRunAsTheirOwnBytecode() throws Exception {
        DeviceRuntime d = (DeviceRuntime) Devices.get("vector");
        String c = d.compile(JavaBackendTest.class.getDeclaredMethod("groupSum", KernelContext.class, FloatArray.class, FloatArray.class)).code();
        assertTrue(c.contains("runs as its own bytecode") && c.contains("KernelContext"), c);
        int n = 256;
        FloatArray in = random(n, 5), sums = new FloatArray(n / 64);
        TaskGraph g = new TaskGraph("g").task("t", JavaBackendTest::groupSum, new KernelContext(), in, sums);
        WorkerGrid1D grid = new WorkerGrid1D(n);
        grid.setLocalWork(64, 1, 1);
        try (ExecutionPlan p = new ExecutionPlan(g.snapshot()).withDevice(d).withGridScheduler(new GridScheduler("g.t", grid))) {
            p.execute();
        }
        for (int gIdx = 0; gIdx < n / 64; gIdx++) {
            float s = 0;
            for (int i = 0; i < 64; i++) s += in.get(gIdx * 64 + i);
            assertEquals(s, sums.get(gIdx), 1e-4f);
        }
    }
}
