package org.trm4j.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.WorkerGrid;

import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm4j.conformance.KernelArg.context;
import static org.trm4j.conformance.KernelArg.in;
import static org.trm4j.conformance.KernelArg.inOut;
import static org.trm4j.conformance.KernelArg.out;
import static org.trm4j.conformance.KernelArg.scalar;

/**
 * The reference itself must be right: a few kernels on the java backend, through the same task
 * graph path as the suite, against values worked out by hand from the Java Language Specification.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JavaReferenceSanityTest {
    private static final int MIN = Integer.MIN_VALUE;
    private static final int MAX = Integer.MAX_VALUE;

    private static List<KernelArg> runOnJava(ConformanceCase.Builder b, List<KernelArg> args, Supplier<WorkerGrid> grid) {
        Device java = Devices.get("java");
        return CaseRunner.run(b.inputs(r -> args).grid(grid).build(), java, 0);
    }

    private static List<KernelArg> runOnJava(ConformanceCase.Builder b, List<KernelArg> args) {
        return runOnJava(b, args, () -> null);
    }

    private static int[] ints(KernelArg a) { return ((IntArray) a.value()).toHeapArray(); }
    private static float[] floats(KernelArg a) { return ((FloatArray) a.value()).toHeapArray(); }

    @Test
    void intDivisionTruncatesAndMinValueOverMinusOneWraps() {
        var args = runOnJava(ConformanceCase.named("x").kernel(ArithmeticKernels::intDivRem), List.of(
                in(IntArray.fromElements(MIN, MIN, -7, 7, -7, 7)), in(IntArray.fromElements(-1, 1, 2, -2, -2, 3)),
                out(new IntArray(6)), out(new IntArray(6))));
        assertArrayEquals(new int[]{MIN, MIN, -3, -3, 3, 2}, ints(args.get(2)));
        assertArrayEquals(new int[]{0, 0, -1, 1, -1, 1}, ints(args.get(3)));
    }

    @Test
    void longDivisionOfMinValueByMinusOne() {
        var args = runOnJava(ConformanceCase.named("x").kernel(ArithmeticKernels::longDivRem), List.of(
                in(RandomData.packLongs(new long[]{Long.MIN_VALUE, -7})), in(RandomData.packLongs(new long[]{-1, 2})),
                out(new IntArray(8)), scalar(2)));
        IntArray o = (IntArray) args.get(2).value();
        assertEquals(Long.MIN_VALUE, RandomData.unpackLong(o, 0));
        assertEquals(0L, RandomData.unpackLong(o, 1));
        assertEquals(-3L, RandomData.unpackLong(o, 2));
        assertEquals(-1L, RandomData.unpackLong(o, 3));
    }

    @Test
    void intShiftCountsAreMaskedTo5Bits() {
        var args = runOnJava(ConformanceCase.named("x").kernel(BitAndShiftKernels::intShifts), List.of(
                in(IntArray.fromElements(1, -8, -8, 1)), in(IntArray.fromElements(33, 33, -1, 32)), out(new IntArray(12))));
        assertArrayEquals(new int[]{2, 0, 0, -16, -4, 0x7FFFFFFC, 0, -1, 1, 1, 1, 1}, ints(args.get(2)));
    }

    @Test
    void floatToIntSaturatesAndNaNIsZero() {
        var args = runOnJava(ConformanceCase.named("x").kernel(CastKernels::floatToIntAndLong), List.of(
                in(FloatArray.fromElements(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e20f, -2.5f, 2.9f)),
                out(new IntArray(6)), out(new IntArray(12))));
        assertArrayEquals(new int[]{0, MAX, MIN, MAX, -2, 2}, ints(args.get(1)));
        IntArray l = (IntArray) args.get(2).value();
        long[] expected = {0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, -2, 2};
        for (int i = 0; i < 6; i++) assertEquals(expected[i], RandomData.unpackLong(l, i), "element " + i);
    }

    @Test
    void intNarrowingWraps() {
        var args = runOnJava(ConformanceCase.named("x").kernel(CastKernels::intNarrowing), List.of(
                in(IntArray.fromElements(0x12345680, -1)), out(new IntArray(6))));
        assertArrayEquals(new int[]{-128, 0x5680, 0x5680, -1, -1, 65535}, ints(args.get(1)));
    }

    @Test
    void unorderedComparisonsFollowJava() {
        var args = runOnJava(ConformanceCase.named("x").kernel(ComparisonKernels::floatCompareFlags), List.of(
                in(FloatArray.fromElements(Float.NaN, 1, 2, -0.0f)), in(FloatArray.fromElements(1, 2, 1, 0.0f)), out(new IntArray(4))));
        // bits: 1 <, 2 >, 4 !(>=), 8 !(<=), 16 ==, 32 !=, 64 <= (as a boolean local)
        assertArrayEquals(new int[]{4 | 8 | 32, 1 | 4 | 32 | 64, 2 | 8 | 32, 16 | 64}, ints(args.get(2)));
    }

    @Test
    void minMaxWithNaNAndSignedZeros() {
        var args = runOnJava(ConformanceCase.named("x").kernel(MathKernels::minMaxNaNAndZeros), List.of(
                in(FloatArray.fromElements(-0.0f, Float.NaN)), in(FloatArray.fromElements(0.0f, 1.0f)), out(new FloatArray(8))));
        float inf = Float.POSITIVE_INFINITY, nan = Float.NaN;
        assertArrayEquals(new float[]{-0.0f, 0.0f, -inf, inf, nan, nan, nan, nan}, floats(args.get(2)));
    }

    @Test
    void ternaryAtMergeAndNestedTernaries() {
        var t = runOnJava(ConformanceCase.named("x").kernel(ControlFlowKernels::ternaryAtMerge), List.of(
                in(FloatArray.fromElements(-3, 2.5f, 0)), out(new FloatArray(3))));
        assertArrayEquals(new float[]{6, 5, -0.0f}, floats(t.get(1)));
        var n = runOnJava(ConformanceCase.named("x").kernel(ControlFlowKernels::nestedTernary), List.of(
                in(IntArray.fromElements(5, -10, -10, -10, 6)), in(IntArray.fromElements(3, -20, 4, 0, 6)), out(new IntArray(5))));
        assertArrayEquals(new int[]{8, 13, 11, 8, 14}, ints(n.get(2)));
    }

    @Test
    void loops() {
        var c = runOnJava(ConformanceCase.named("x").kernel(ControlFlowKernels::whileCollatz), List.of(
                in(IntArray.fromElements(1, 6, 27)), out(new IntArray(3))));
        assertArrayEquals(new int[]{0, 8, 111}, ints(c.get(1)));
        var d = runOnJava(ConformanceCase.named("x").kernel(ControlFlowKernels::doWhileDigitSum), List.of(
                in(IntArray.fromElements(0, -123, 905)), out(new IntArray(3))));
        assertArrayEquals(new int[]{1, -597, 1403}, ints(d.get(1)));
    }

    @Test
    void scalarBoundLeavesTheRestUntouched() {
        var args = runOnJava(ConformanceCase.named("x").kernel(ParallelLoopKernels::scaleFirstN), List.of(
                in(FloatArray.fromElements(1, 2, 3, 4)), out(new FloatArray(4)), scalar(2), scalar(3.0f)));
        FloatArray o = (FloatArray) args.get(1).value();
        assertEquals(3.0f, o.get(0));
        assertEquals(6.0f, o.get(1));
        assertTrue(Poison.isPoison(o, 2) && Poison.isPoison(o, 3));
    }

    @Test
    void threeDimensionalParallelLoops() {
        var args = runOnJava(ConformanceCase.named("x").kernel(ParallelLoopKernels::indexCode3D), List.of(
                out(new IntArray(4 * 3 * 2)), scalar(4), scalar(3), scalar(2)));
        int[] o = ints(args.get(0));
        assertEquals(3 * 10000 + 2 * 100 + 1, o[(1 * 3 + 2) * 4 + 3]);
        assertEquals(0, o[0]);
    }

    @Test
    void contextIdsIn2D() {
        var args = runOnJava(ConformanceCase.named("x").kernel(ContextKernels::ids2D), List.of(context(), out(new IntArray(4 * 48 * 20))),
                () -> Grids.twoD(48, 20, 16, 4));
        int[] o = ints(args.get(1));
        int at = 4 * (5 * 48 + 17);
        assertArrayEquals(new int[]{5017, 1001, 1001, 16 + 4000 + 20_000_000}, java.util.Arrays.copyOfRange(o, at, at + 4));
    }

    @Test
    void localMemoryTreeSum() {
        float[] v = new float[256];
        for (int i = 0; i < v.length; i++) v[i] = i;
        var args = runOnJava(ConformanceCase.named("x").kernel(ContextKernels::localTreeSum),
                List.of(context(), in(FloatArray.fromArray(v)), out(new FloatArray(2))), () -> Grids.oneD(256, ContextKernels.GROUP));
        assertArrayEquals(new float[]{8128, 24512}, floats(args.get(2)));
    }

    @Test
    void tiledMatmulMatchesTheSchoolbookProduct() {
        int n = 32;
        float[] a = new float[n * n], b = new float[n * n];
        for (int i = 0; i < n * n; i++) { a[i] = (i * 7) % 11 - 5; b[i] = (i * 5) % 13 - 6; }
        var args = runOnJava(ConformanceCase.named("x").kernel(ContextKernels::tiledMatmul),
                List.of(context(), in(FloatArray.fromArray(a)), in(FloatArray.fromArray(b)), out(new FloatArray(n * n)), scalar(n)),
                () -> Grids.twoD(n, n, ContextKernels.TILE, ContextKernels.TILE));
        float[] c = floats(args.get(3));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
                assertEquals(s, c[i * n + j], "c[" + i + "][" + j + "]");
            }
    }

    @Test
    void atomicHistogramCountsEverything() {
        int[] data = new int[4096];
        for (int i = 0; i < data.length; i++) data[i] = i;
        var args = runOnJava(ConformanceCase.named("x").kernel(ContextKernels::atomicHistogram),
                List.of(context(), in(IntArray.fromArray(data)), inOut(new IntArray(37))), () -> Grids.oneD(4096, 64));
        int[] bins = ints(args.get(2));
        for (int b = 0; b < 37; b++) assertEquals(b < 26 ? 111 : 110, bins[b], "bin " + b);
    }
}
