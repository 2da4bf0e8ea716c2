package org.trm4j.conformance;

import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;

import java.util.List;

import static org.trm4j.conformance.KernelArg.in;
import static org.trm4j.conformance.KernelArg.out;
import static org.trm4j.conformance.KernelArg.scalar;

/** Cases for {@link ComparisonKernels} and {@link CastKernels}: all bit-exact (IEEE defines these results exactly). */
final class ComparisonAndCastCases {
    static final int N = 1031;
    static final int LONGS = 517;

    private ComparisonAndCastCases() {}

    static List<ConformanceCase> cases() {
        return List.of(
                ConformanceCase.named("floatCompareFlags").kernel(ComparisonKernels::floatCompareFlags)
                        .inputs(r -> {
                            FloatArray[] p = RandomData.comparisonPairs(r, N);
                            return List.of(in(p[0]), in(p[1]), out(new IntArray(N)));
                        }).build(),
                ConformanceCase.named("doubleCompareFlags").kernel(ComparisonKernels::doubleCompareFlags)
                        .inputs(r -> {
                            DoubleArray[] p = RandomData.doubleComparisonPairs(r, N);
                            return List.of(in(p[0]), in(p[1]), out(new IntArray(N)));
                        }).build(),
                ConformanceCase.named("floatCompareBranches").kernel(ComparisonKernels::floatCompareBranches)
                        .inputs(r -> {
                            FloatArray[] p = RandomData.comparisonPairs(r, N);
                            return List.of(in(p[0]), in(p[1]), out(new FloatArray(N)));
                        }).tolerance(Tolerance.BIT_EXACT).build(),
                ConformanceCase.named("intLongCompare").kernel(ComparisonKernels::intLongCompare)
                        .inputs(r -> {
                            IntArray a = RandomData.anyInts(r, N);
                            IntArray b = RandomData.anyInts(r, N);
                            for (int i = 0; i < N; i += 4) b.set(i, a.get(i)); // equal pairs
                            return List.of(in(a), in(b), out(new IntArray(N)));
                        }).build(),
                ConformanceCase.named("longCompare").kernel(ComparisonKernels::longCompare)
                        .inputs(r -> {
                            IntArray[] p = RandomData.longComparisonPairs(r, LONGS);
                            return List.of(in(p[0]), in(p[1]), out(new IntArray(LONGS)), scalar(LONGS));
                        }).build(),

                ConformanceCase.named("floatToIntAndLong").kernel(CastKernels::floatToIntAndLong)
                        .inputs(r -> List.of(in(RandomData.floatArrayWithSpecials(r, N, -3e9f, 3e9f, RandomData.FLOAT_CAST_SPECIALS)),
                                out(new IntArray(N)), out(new IntArray(2 * N)))).build(),
                ConformanceCase.named("floatToIntAndLongSmall").kernel(CastKernels::floatToIntAndLong)
                        .inputs(r -> List.of(in(RandomData.floatArrayWithSpecials(r, N, -100, 100, RandomData.FLOAT_CAST_SPECIALS)),
                                out(new IntArray(N)), out(new IntArray(2 * N)))).build(),
                ConformanceCase.named("doubleToIntAndLong").kernel(CastKernels::doubleToIntAndLong)
                        .inputs(r -> List.of(in(RandomData.doubleArrayWithSpecials(r, N, -2e19, 2e19, RandomData.DOUBLE_CAST_SPECIALS)),
                                out(new IntArray(N)), out(new IntArray(2 * N)))).build(),
                ConformanceCase.named("intNarrowing").kernel(CastKernels::intNarrowing)
                        .inputs(r -> List.of(in(RandomData.anyInts(r, N)), out(new IntArray(3 * N)))).build(),
                ConformanceCase.named("longToInt").kernel(CastKernels::longToInt)
                        .inputs(r -> List.of(in(RandomData.packLongs(RandomData.anyLongs(r, LONGS))), out(new IntArray(3 * LONGS)), scalar(LONGS))).build(),
                ConformanceCase.named("intToFloating").kernel(CastKernels::intToFloating)
                        .inputs(r -> List.of(in(RandomData.anyInts(r, N)), out(new FloatArray(2 * N)), out(new DoubleArray(2 * N))))
                        .tolerance(Tolerance.BIT_EXACT).build(),
                ConformanceCase.named("doubleFloatConversions").kernel(CastKernels::doubleFloatConversions)
                        .inputs(r -> List.of(in(RandomData.doubleArrayWithSpecials(r, N, -1e6, 1e6, RandomData.DOUBLE_CAST_SPECIALS)),
                                in(RandomData.floatArrayWithSpecials(r, N, -1e6f, 1e6f, RandomData.FLOAT_SPECIALS)),
                                out(new FloatArray(N)), out(new DoubleArray(N))))
                        .tolerance(Tolerance.BIT_EXACT).build());
    }
}
