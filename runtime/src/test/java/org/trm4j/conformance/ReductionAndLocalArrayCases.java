package org.trm4j.conformance;

import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.HalfArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.LongArray;

import java.util.List;
import java.util.Random;

import static org.trm4j.conformance.KernelArg.context;
import static org.trm4j.conformance.KernelArg.in;
import static org.trm4j.conformance.KernelArg.inOut;
import static org.trm4j.conformance.KernelArg.out;
import static org.trm4j.conformance.KernelArg.scalar;

/**
 * Cases for {@link ReductionAndLocalArrayKernels}. Reduction inputs are sizes no work-group size divides; the result
 * arrays start at the identity (in/out, not poisoned). {@link ReductionAgainstJavaTest} checks the same loops
 * against plain Java, so a java backend that raced would not pass unnoticed.
 */
final class ReductionAndLocalArrayCases {
    static final int N = 10_007;
    static final int GROUPS = 16;

    private ReductionAndLocalArrayCases() {}

    static LongArray longArray(Random r, int n) {
        LongArray a = new LongArray(n);
        for (int i = 0; i < n; i++) a.set(i, r.nextLong() >> 16);
        return a;
    }

    static List<ConformanceCase> cases() {
        int g = ReductionAndLocalArrayKernels.GROUP;
        return List.of(
                ConformanceCase.named("reduceSumFloat").kernel(ReductionAndLocalArrayKernels::reduceSumFloat)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, N, -1, 1)), inOut(FloatArray.fromElements(0f))))
                        .tolerance(Tolerance.ARITHMETIC.withScale(N)).build(),
                ConformanceCase.named("reduceMaxInt").kernel(ReductionAndLocalArrayKernels::reduceMaxInt)
                        .inputs(r -> List.of(in(RandomData.intArray(r, N, -1_000_000, 1_000_000)), inOut(IntArray.fromElements(Integer.MIN_VALUE)))).build(),
                ConformanceCase.named("reduceMinDouble").kernel(ReductionAndLocalArrayKernels::reduceMinDouble)
                        .inputs(r -> List.of(in(RandomData.doubleArray(r, N, -1e6, 1e6)), inOut(DoubleArray.fromElements(Double.MAX_VALUE))))
                        .tolerance(Tolerance.BIT_EXACT).build(),
                ConformanceCase.named("reduceSumLong").kernel(ReductionAndLocalArrayKernels::reduceSumLong)
                        .inputs(r -> List.of(in(longArray(r, N)), inOut(LongArray.fromElements(0L)))).build(),
                ConformanceCase.named("reduceProductInt").kernel(ReductionAndLocalArrayKernels::reduceProductInt)
                        .inputs(r -> List.of(in(RandomData.intArray(r, 999, -3, 3)), inOut(IntArray.fromElements(1)), scalar(999))).build(),
                ConformanceCase.named("longArithmetic").kernel(ReductionAndLocalArrayKernels::longArithmetic)
                        .inputs(r -> List.of(in(longArray(r, N)), in(longArray(r, N)), out(new LongArray(N)))).build(),
                ConformanceCase.named("reverseInGroupFloat").kernel(ReductionAndLocalArrayKernels::reverseInGroupFloat)
                        .inputs(r -> List.of(context(), in(RandomData.floatArray(r, GROUPS * g, -10, 10)), out(new FloatArray(GROUPS * g))))
                        .grid(() -> Grids.oneD((long) GROUPS * g, g)).tolerance(Tolerance.BIT_EXACT).build(),
                ConformanceCase.named("groupSumsIntLong").kernel(ReductionAndLocalArrayKernels::groupSumsIntLong)
                        .inputs(r -> List.of(context(), in(RandomData.intArray(r, GROUPS * g, -1000, 1000)), out(new IntArray(GROUPS)), out(new LongArray(GROUPS))))
                        .grid(() -> Grids.oneD((long) GROUPS * g, g)).build(),
                ConformanceCase.named("histogramLong").kernel(ReductionAndLocalArrayKernels::histogramLong)
                        .inputs(r -> List.of(context(), in(RandomData.intArray(r, GROUPS * g, 0, 1000)), inOut(new LongArray(16))))
                        .grid(() -> Grids.oneD((long) GROUPS * g, g)).build(),
                ConformanceCase.named("halfStorage").kernel(ReductionAndLocalArrayKernels::halfStorage)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, N, -30000, 30000)), out(new HalfArray(N)), out(new FloatArray(N))))
                        .tolerance(Tolerance.BIT_EXACT).build(),
                ConformanceCase.named("shiftInGroupDouble").kernel(ReductionAndLocalArrayKernels::shiftInGroupDouble)
                        .inputs(r -> List.of(context(), in(RandomData.doubleArray(r, GROUPS * g, -10, 10)), out(new DoubleArray(GROUPS * g))))
                        .grid(() -> Grids.oneD((long) GROUPS * g, g)).tolerance(Tolerance.BIT_EXACT).build());
    }
}
